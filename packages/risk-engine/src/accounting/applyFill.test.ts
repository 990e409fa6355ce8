import { describe, expect, it } from 'vitest';
import { compileConfig } from '../internal/compileConfig.js';
import { Core } from '../internal/Core.js';
import { rig } from '../../test/fixtures/fakes.js';
import { costAfter } from './applyFill.js';

describe('costAfter', () => {
  const c = new Core(compileConfig(rig({ notionalUnit: 1 }).options), undefined, 0);
  // BTC lot 0.0001: 10,000 lots = 1 BTC; at 50,000 that is 50,000 units.
  it('adding to a position adds the fill at the order price', () => {
    expect(costAfter(c, 0, 0, 0, 10_000, 50_000)).toBe(50_000);
    expect(costAfter(c, 0, 50_000, 10_000, 20_000, 40_000)).toBe(90_000);
    expect(costAfter(c, 0, 50_000, -10_000, -20_000, 40_000)).toBe(90_000);
  });

  it('reducing keeps the remaining lots pro rata, closing releases everything, crossing starts anew', () => {
    expect(costAfter(c, 0, 90_000, 20_000, 5_000, 1)).toBe(22_500);
    expect(costAfter(c, 0, 90_000, 20_000, 0, 1)).toBe(0);
    expect(costAfter(c, 0, 90_000, 20_000, -10_000, 30_000)).toBe(30_000);
  });
});
