import { describe, expect, it } from 'vitest';
import { LAYOUT } from '../layout.js';
import { core } from '../../test/fixtures/core.js';
import { lossCheck } from './lossCheck.js';

function withPnl(pnl: number, peak: number) {
  const x = core();
  const p = LAYOUT.pnlLine * x.core.r.stride;
  x.core.f64[(p + LAYOUT.pnl.pnl) >> 1] = pnl;
  x.core.f64[(p + LAYOUT.pnl.peak) >> 1] = peak;
  return x;
}

describe('lossCheck (dailyLimit 20,000, maxDrawdown 50,000)', () => {
  it('a profit never counts as a loss: the whole budget remains', () => {
    const { core: c, d } = withPnl(30_000, 30_000);
    expect(lossCheck(c, d, true, { qty: 1, price: 50_000, stopPrice: 30_000 }, false)).toBe(false); // worst case exactly 20,000
    expect(lossCheck(c, d, true, { qty: 1, price: 50_000, stopPrice: 29_999.99 }, false)).toBe(
      true,
    );
  });

  it('the remaining budget shrinks with the loss; a sell stop mirrors a buy stop', () => {
    const { core: c, d } = withPnl(-15_000, 0);
    expect(lossCheck(c, d, false, { qty: 1, price: 50_000, stopPrice: 55_000 }, false)).toBe(false);
    expect(lossCheck(c, d, false, { qty: 1, price: 50_000, stopPrice: 55_000.01 }, false)).toBe(
      true,
    );
    expect(d.limit).toBe(5_000);
  });

  it('loss at the limit and drawdown at the limit deny risk-increasing orders; reducing skips', () => {
    const a = withPnl(-20_000, 0);
    expect(lossCheck(a.core, a.d, true, { qty: 1, price: 1, stopPrice: undefined }, false)).toBe(
      true,
    );
    expect(a.d.code).toBe('LOSS_LIMIT');
    expect(lossCheck(a.core, a.d, true, { qty: 1, price: 1, stopPrice: undefined }, true)).toBe(
      false,
    );
    const b = withPnl(10_000, 60_000);
    expect(lossCheck(b.core, b.d, true, { qty: 1, price: 1, stopPrice: undefined }, false)).toBe(
      true,
    );
    expect(b.d.code).toBe('DRAWDOWN_LIMIT');
  });
});
