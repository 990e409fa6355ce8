// Fills through the engine: the position's average entry, realized PnL, and the strategy's and
// clusters' gross notional (positions at entry cost plus working orders) after each fill.
import { describe, expect, it } from 'vitest';
import { RiskEngine, type Order } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';

function fresh() {
  const r = rig();
  const e = new RiskEngine(r.options);
  e.updatePrice(0, 50_000);
  return { ...r, e };
}

function fill(e: RiskEngine, o: Partial<Order>, at: number): void {
  const d = e.check(order(o));
  if (!d.ok) throw new Error(d.message);
  e.onFill(d.reservation, o.qty ?? 1, at);
}

function book(e: RiskEngine) {
  const s = e.snapshot();
  const btc = s.instruments[0]!;
  return {
    position: btc.position,
    average: btc.averagePrice,
    realized: btc.realizedPnl,
    strategy: Math.round(s.strategies[0]!.grossNotional),
    cluster: Math.round(s.clusters[0]!.grossNotional),
  };
}

describe('applyFill through the engine', () => {
  it('opening, adding to, partly closing and closing a long', () => {
    const { e } = fresh();
    fill(e, { qty: 2 }, 50_000);
    expect(book(e)).toEqual({
      position: 2,
      average: 50_000,
      realized: 0,
      strategy: 100_000,
      cluster: 100_000,
    });
    const d = e.check(order({ side: 'sell', qty: 1, price: 50_000 }));
    if (!d.ok) throw new Error(d.message);
    expect(book(e).strategy).toBe(150_000); // the working sell counts too
    e.onFill(d.reservation, 1, 51_000);
    expect(book(e)).toEqual({
      position: 1,
      average: 50_000,
      realized: 1_000,
      strategy: 50_000,
      cluster: 50_000,
    });
    fill(e, { side: 'sell', qty: 1, price: 50_000 }, 50_000);
    expect(book(e)).toEqual({ position: 0, average: 0, realized: 1_000, strategy: 0, cluster: 0 });
    expect(e.snapshot().pnl.total).toBe(1_000);
  });

  it('closing a short at a lower price is a profit', () => {
    const { e } = fresh();
    fill(e, { side: 'sell', qty: 1 }, 50_000);
    expect(book(e)).toEqual({
      position: -1,
      average: 50_000,
      realized: 0,
      strategy: 50_000,
      cluster: 50_000,
    });
    fill(e, { side: 'buy', qty: 1, price: 49_500 }, 49_500);
    expect(book(e)).toMatchObject({ position: 0, realized: 500, strategy: 0, cluster: 0 });
  });

  it('a fill through zero realizes the closed part and opens the rest at the fill price', () => {
    const { e } = fresh();
    fill(e, { qty: 1 }, 50_000);
    fill(e, { side: 'sell', qty: 3, price: 50_000 }, 50_200);
    expect(book(e)).toEqual({
      position: -2,
      average: 50_200,
      realized: 200,
      strategy: 100_000,
      cluster: 100_000,
    });
    e.updatePrice(0, 50_100);
    expect(e.snapshot().pnl.total).toBeCloseTo(200 + 2 * 100, 6);
  });

  it('adds at different order prices keep their total cost; a partial close keeps it pro rata', () => {
    const { e } = fresh();
    fill(e, { qty: 1, price: 50_000 }, 50_000);
    fill(e, { qty: 1, price: 50_100 }, 50_100);
    expect(book(e)).toMatchObject({
      position: 2,
      average: 50_050,
      strategy: 100_100,
      cluster: 100_100,
    });
    fill(e, { side: 'sell', qty: 1, price: 49_900 }, 49_900);
    expect(book(e)).toMatchObject({
      position: 1,
      realized: -150,
      strategy: 50_050,
      cluster: 50_050,
    });
    expect(e.snapshot().overfills).toBe(0);
  });

  it('positions in two instruments of one strategy are costed separately', () => {
    const { e } = fresh();
    e.updatePrice(1, 2_500);
    fill(e, { qty: 1 }, 50_000);
    fill(e, { instrument: 1, qty: 10, price: 2_500 }, 2_500);
    expect(book(e).strategy).toBe(75_000);
    fill(e, { side: 'sell', qty: 1 }, 50_000);
    expect(book(e)).toMatchObject({ position: 0, strategy: 25_000, cluster: 25_000 });
    expect(e.snapshot().instruments[1]).toMatchObject({ position: 10, averagePrice: 2_500 });
  });
});
