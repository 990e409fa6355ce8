import { describe, expect, it } from 'vitest';
import { core } from '../../test/fixtures/core.js';
import { collarCheck } from './collarCheck.js';

describe('collarCheck', () => {
  it('exactly collarBps away passes on both sides, a tick further is denied; reducing skips', () => {
    const { core: c, d } = core();
    c.ref = 50_000; // collar 100 bps = 500
    expect(collarCheck(c, d, 0, { price: 50_500 }, false)).toBe(false);
    expect(collarCheck(c, d, 0, { price: 49_500 }, false)).toBe(false);
    expect(collarCheck(c, d, 0, { price: 50_500.01 }, false)).toBe(true);
    expect(d.code).toBe('PRICE_COLLAR');
    expect(d.limit).toBe(100);
    expect(collarCheck(c, d, 0, { price: 49_499.99 }, false)).toBe(true);
    expect(collarCheck(c, d, 0, { price: 70_000 }, true)).toBe(false);
  });
});
