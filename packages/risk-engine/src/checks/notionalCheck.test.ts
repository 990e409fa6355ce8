import { describe, expect, it } from 'vitest';
import { LAYOUT } from '../layout.js';
import { core } from '../../test/fixtures/core.js';
import { notionalCheck, releaseNotional } from './notionalCheck.js';
import { openOrdersCheck, releaseOpenOrder } from './openOrdersCheck.js';

describe('notionalCheck (maxNotional 1,000,000 = 100,000,000 units of 0.01)', () => {
  it('reserves up to the limit exactly, then denies; release gives it back', () => {
    const { core: c, d } = core();
    expect(notionalCheck(c, d, 0, 100_000_000, false, true)).toBe(false);
    expect(notionalCheck(c, d, 0, 1, false, true)).toBe(true);
    expect(d.value).toBeCloseTo(1_000_000.01, 6);
    releaseNotional(c, 0, 100_000_000);
    expect(c.i32[c.strat(0) + LAYOUT.strategy.notional]).toBe(0);
  });

  it('risk-reducing orders are counted without the limit; explain compares only', () => {
    const { core: c, d } = core();
    expect(notionalCheck(c, d, 0, 150_000_000, true, true)).toBe(false);
    expect(notionalCheck(c, d, 0, 1, false, false)).toBe(true);
    expect(c.i32[c.strat(0) + LAYOUT.strategy.notional]).toBe(150_000_000);
  });
});

describe('openOrdersCheck (maxOpenOrders 50)', () => {
  it('the 50th passes, the 51st is denied, a release frees a slot', () => {
    const { core: c, d } = core();
    for (let k = 0; k < 50; k++) expect(openOrdersCheck(c, d, 0, true)).toBe(false);
    expect(openOrdersCheck(c, d, 0, true)).toBe(true);
    expect([d.limit, d.value]).toEqual([50, 51]);
    releaseOpenOrder(c, 0);
    expect(openOrdersCheck(c, d, 0, false)).toBe(false);
  });
});
