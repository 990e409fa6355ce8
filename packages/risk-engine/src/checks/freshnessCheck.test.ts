import { describe, expect, it } from 'vitest';
import { LAYOUT } from '../layout.js';
import { core } from '../../test/fixtures/core.js';
import { freshnessCheck } from './freshnessCheck.js';

describe('freshnessCheck', () => {
  it('no reference price: STALE_PRICE for market and risk-increasing orders, not for a reducing limit order', () => {
    const { core: c, d } = core();
    expect(freshnessCheck(c, d, 0, false, false)).toBe(true);
    expect(d.message).toBe(
      'STALE_PRICE (freshness): no reference price; value Infinity, limit 2000',
    );
    expect(freshnessCheck(c, d, 0, true, true)).toBe(true);
    expect(freshnessCheck(c, d, 0, false, true)).toBe(false);
  });

  it('an age of exactly maxPriceAgeMs is fresh, one ms more is stale', () => {
    const { core: c, d } = core();
    const base = c.inst(0);
    c.f64[(base + LAYOUT.instrument.ref) >> 1] = 100;
    c.f64[(base + LAYOUT.instrument.refTime) >> 1] = 1_000;
    c.i32[base + LAYOUT.instrument.seq] = 2;
    c.now = 3_000;
    expect(freshnessCheck(c, d, 0, false, false)).toBe(false);
    expect(c.ref).toBe(100);
    c.now = 3_001;
    expect(freshnessCheck(c, d, 0, false, false)).toBe(true);
    expect(d.value).toBe(2_001);
  });
});
