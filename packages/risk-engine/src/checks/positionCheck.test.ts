import { describe, expect, it } from 'vitest';
import { MutableDenial } from '../decision.js';
import { compileConfig } from '../internal/compileConfig.js';
import { Core } from '../internal/Core.js';
import { LAYOUT } from '../layout.js';
import { rig } from '../../test/fixtures/fakes.js';
import { isReducing, positionCheck } from './positionCheck.js';

function core(): Core {
  return new Core(compileConfig(rig().options), undefined, 0);
}

describe('positionCheck', () => {
  it('a buy is risk-reducing iff LONG + q <= 0, a sell iff SHORT + q <= 0', () => {
    const c = core();
    const base = c.inst(0);
    c.i32[base + LAYOUT.instrument.long] = -3; // short 3 lots, no working buys
    c.i32[base + LAYOUT.instrument.short] = 3;
    expect(isReducing(c, 0, true, 3)).toBe(true);
    expect(isReducing(c, 0, true, 4)).toBe(false);
    expect(isReducing(c, 0, false, 1)).toBe(false);
  });

  it('an order classified risk-reducing that a concurrent order made risk-increasing is denied, not admitted past the limit', () => {
    const c = core();
    const d = new MutableDenial();
    const base = c.inst(0);
    c.i32[base + LAYOUT.instrument.long] = -1; // since classification, a working buy arrived
    expect(positionCheck(c, d, 0, true, 2, true, true)).toBe(true);
    expect(d.code).toBe('POSITION_LIMIT');
    expect(d.message).toContain('no longer risk-reducing');
    expect(c.i32[base + LAYOUT.instrument.long]).toBe(-1);
  });

  it('exactly maxPosition passes, one lot more does not', () => {
    const c = core();
    const d = new MutableDenial();
    expect(positionCheck(c, d, 0, true, 100_000, false, true)).toBe(false);
    expect(positionCheck(c, d, 0, true, 1, false, true)).toBe(true);
    expect(d.limit).toBeCloseTo(10, 9);
  });
});
