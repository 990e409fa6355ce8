import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../test/fixtures/fakes.js';

function pass(d: RiskDecision): number {
  if (!d.ok) throw new Error(`expected a pass, got ${d.message}`);
  return d.reservation;
}

function code(d: RiskDecision): string {
  return d.ok ? 'OK' : d.code;
}

/** An engine with fresh prices for both instruments (BTC 50,000, ETH 2,500). */
function fresh(overrides = {}) {
  const r = rig(overrides);
  const engine = new RiskEngine(r.options);
  engine.updatePrice(0, 50_000);
  engine.updatePrice(1, 2_500);
  return { ...r, engine };
}

describe('1. risk-reducing orders', () => {
  it('an order that can only move the position toward zero, counting working orders, passes level reducing, stale price, collar, rate and position limits', () => {
    const { engine, ks, clock } = fresh({
      strategies: [
        { name: 'mm', maxOpenOrders: 50, maxNotional: 1_000_000, rate: { perSec: 1, burst: 1 } },
      ],
    });
    const id = pass(engine.check(order({ qty: 2 })));
    engine.onFill(id, 2, 50_000);
    ks.level = 'reducing';
    clock.advance(10_000); // stale price
    // collar: 20 % away from the reference, rate bucket empty (burst 1 used above)
    const sell = engine.check(order({ side: 'sell', qty: 1, price: 40_000 }));
    expect(code(sell)).toBe('OK');
    // with 1 working sell, another sell of 1 still only reduces (2 - 1 - 1 = 0) ...
    expect(code(engine.check(order({ side: 'sell', qty: 1, price: 40_000 })))).toBe('OK');
    // ... but a third would flip the position short if all fill: risk-increasing
    expect(code(engine.check(order({ side: 'sell', qty: 0.5, price: 40_000 })))).toBe(
      'REDUCE_ONLY',
    );
  });

  it('reduceOnly on an order that is not risk-reducing is denied with REDUCE_ONLY', () => {
    const { engine } = fresh();
    const d = engine.check(order({ reduceOnly: true }));
    expect(code(d)).toBe('REDUCE_ONLY');
    expect(d.ok ? '' : d.check).toBe('level');
  });

  it('risk-reducing orders still need validity, duplicates, the venue breaker and a non-halted level', () => {
    const { engine, ks, breaker } = fresh();
    const id = pass(engine.check(order({ qty: 2 })));
    engine.onFill(id, 2, 50_000);
    expect(code(engine.check(order({ side: 'sell', qty: 1.00005 })))).toBe('INVALID_ORDER');
    const o = order({ side: 'sell', qty: 1 });
    pass(engine.check(o));
    expect(code(engine.check({ ...o }))).toBe('DUPLICATE_ORDER');
    breaker.state = 'open';
    expect(code(engine.check(order({ side: 'sell', qty: 0.5 })))).toBe('VENUE_UNAVAILABLE');
    breaker.state = 'closed';
    ks.level = 'halted';
    expect(code(engine.check(order({ side: 'sell', qty: 0.5 })))).toBe('KILL_SWITCH');
  });

  it('an order with a negative or unreadable qty is never classified as risk-reducing (check and explain agree)', () => {
    const { engine, ks } = fresh();
    const id = pass(engine.check(order({ qty: 2 })));
    engine.onFill(id, 2, 50_000);
    ks.level = 'reducing';
    for (const qty of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const o = order({ side: 'sell', qty });
      expect(code(engine.check(o)), `qty ${qty}`).toBe('REDUCE_ONLY');
      expect(engine.explain(o)[0]?.code, `qty ${qty}`).toBe('REDUCE_ONLY');
    }
    // The same sell with a valid qty reduces the long position and passes the level.
    expect(engine.explain(order({ side: 'sell', qty: 1 }))).toEqual([]);
  });

  it('with no position every order is risk-increasing: level reducing denies both sides', () => {
    const { engine, ks } = fresh();
    ks.level = 'reducing';
    expect(code(engine.check(order({ side: 'buy' })))).toBe('REDUCE_ONLY');
    expect(code(engine.check(order({ side: 'sell' })))).toBe('REDUCE_ONLY');
  });
});

describe('2. order of checks, first denial wins', () => {
  it('each check in turn is the first denial once the earlier ones are fixed', () => {
    const { engine, ks, gb, clock, breaker } = fresh({ duplicateWindowMs: 1_000 });
    ks.level = 'halted';
    gb.state = 'open';
    const bad = order({ qty: Number.NaN });
    expect(code(engine.check(bad))).toBe('KILL_SWITCH');
    ks.level = 'active';
    expect(code(engine.check(bad))).toBe('GLOBAL_BREAKER_OPEN');
    gb.state = 'closed';
    expect(code(engine.check(bad))).toBe('INVALID_ORDER');
    const o = order({ qty: 1, price: 50_000 });
    pass(engine.check(o));
    expect(code(engine.check({ ...o }))).toBe('DUPLICATE_ORDER');
    expect(code(engine.check(order()))).toBe('DUPLICATE_ORDER'); // same fingerprint within 1 s
    clock.advance(2_500);
    expect(code(engine.check(order()))).toBe('STALE_PRICE');
    engine.updatePrice(0, 50_000);
    expect(code(engine.check(order({ price: 50_600 })))).toBe('PRICE_COLLAR');
    breaker.state = 'open';
    expect(code(engine.check(order({ price: 50_000.01 })))).toBe('VENUE_UNAVAILABLE');
  });

  it('the venue permit is taken last: an order denied by any other check never consumes a permit', () => {
    const { engine, breaker } = fresh();
    engine.check(order({ qty: -1 }));
    engine.check(order({ price: 70_000 }));
    engine.check(order({ qty: 4, price: 50_000 }));
    engine.check(order({ qty: 4, price: 50_000.01 }));
    expect(code(engine.check(order({ qty: 4, price: 50_000.02 })))).toBe('POSITION_LIMIT');
    expect(breaker.acquired).toBe(2);
  });

  it('a passing order reserves position, notional, an open-order slot and the rate token at once', () => {
    const { engine } = fresh();
    pass(engine.check(order({ qty: 2, price: 50_000 })));
    const s = engine.snapshot();
    expect(s.instruments[0]!.worstLong).toBeCloseTo(2, 9);
    expect(s.instruments[0]!.position).toBe(0);
    expect(s.strategies[0]!.grossNotional).toBeCloseTo(100_000, 6);
    expect(s.strategies[0]!.openOrders).toBe(1);
    expect(s.clusters[0]!.grossNotional).toBeCloseTo(100_000, 6);
    expect(s.workingOrders).toBe(1);
  });

  it('a denial after the reservations gives every one of them back', () => {
    const { engine, breaker } = fresh();
    breaker.state = 'open';
    expect(code(engine.check(order({ qty: 2 })))).toBe('VENUE_UNAVAILABLE');
    const s = engine.snapshot();
    expect(s.instruments[0]!.worstLong).toBe(0);
    expect(s.strategies[0]!.grossNotional).toBe(0);
    expect(s.strategies[0]!.openOrders).toBe(0);
    expect(s.clusters[0]!.grossNotional).toBe(0);
    expect(s.workingOrders).toBe(0);
  });

  it('POSITION_LIMIT counts working orders as filled, symmetric for sells', () => {
    const { engine } = fresh({
      strategies: [
        { name: 'mm', maxOpenOrders: 50, maxNotional: 5_000_000, rate: { perSec: 50, burst: 100 } },
      ],
      clusters: [{ name: 'majors', instruments: [0, 1], maxGrossNotional: 5_000_000 }],
    });
    for (const [k, qty] of [4, 4, 2].entries())
      pass(engine.check(order({ qty, price: 50_000 + k / 100 })));
    const d = engine.check(order({ qty: 0.0001, price: 50_000.05 }));
    expect(code(d)).toBe('POSITION_LIMIT');
    expect(d.ok ? 0 : d.limit).toBeCloseTo(10, 9);
    for (const [k, qty] of [4, 4, 2].entries())
      pass(engine.check(order({ side: 'sell', qty, price: 50_000 + k / 100 })));
    expect(code(engine.check(order({ side: 'sell', qty: 0.0001, price: 50_000.05 })))).toBe(
      'POSITION_LIMIT',
    );
  });

  it('NOTIONAL_LIMIT, OPEN_ORDERS_LIMIT and CORRELATION_LIMIT', () => {
    const { engine } = fresh({
      strategies: [
        { name: 'a', maxOpenOrders: 2, maxNotional: 1_000_000, rate: { perSec: 50, burst: 100 } },
        { name: 'b', maxOpenOrders: 50, maxNotional: 120_000, rate: { perSec: 50, burst: 100 } },
      ],
      clusters: [{ name: 'majors', instruments: [0, 1], maxGrossNotional: 160_000 }],
    });
    pass(engine.check(order({ strategy: 1, qty: 2 })));
    expect(code(engine.check(order({ strategy: 1, qty: 1, price: 50_000.01 })))).toBe(
      'NOTIONAL_LIMIT',
    );
    pass(engine.check(order({ strategy: 0, qty: 1, price: 50_000.02 })));
    expect(code(engine.check(order({ strategy: 0, qty: 1, price: 50_000.03 })))).toBe(
      'CORRELATION_LIMIT',
    );
    pass(engine.check(order({ strategy: 0, instrument: 1, qty: 0.001, price: 2_500 })));
    expect(
      code(engine.check(order({ strategy: 0, instrument: 1, qty: 0.001, price: 2_500.01 }))),
    ).toBe('OPEN_ORDERS_LIMIT');
  });

  it('RATE_LIMITED when the strategy bucket is empty, refilled as time passes', () => {
    const { engine, clock } = fresh({
      strategies: [
        { name: 'mm', maxOpenOrders: 50, maxNotional: 1_000_000, rate: { perSec: 10, burst: 2 } },
      ],
    });
    pass(engine.check(order({ qty: 0.1 })));
    pass(engine.check(order({ qty: 0.1, price: 50_000.01 })));
    expect(code(engine.check(order({ qty: 0.1, price: 50_000.02 })))).toBe('RATE_LIMITED');
    clock.advance(100);
    pass(engine.check(order({ qty: 0.1, price: 50_000.03 })));
  });

  it('LOSS_LIMIT when the worst-case loss to the stop exceeds the remaining daily budget', () => {
    const { engine } = fresh();
    expect(code(engine.check(order({ qty: 1, stopPrice: 29_000 })))).toBe('LOSS_LIMIT');
    pass(engine.check(order({ qty: 1, stopPrice: 30_000 }))); // exactly the budget passes
    pass(engine.check(order({ qty: 1, price: 50_000.01, stopPrice: 60_000 }))); // stop on the profit side
  });

  it('CONFIG_MISSING fails closed for every missing limit', () => {
    const base = rig().options;
    const inst = base.instruments[0]!;
    const eth = base.instruments[1]!;
    const strat = base.strategies[0]!;
    const cases: [string, Partial<typeof base>][] = [
      ['validity', { instruments: [{ ...inst, maxQty: undefined }, eth] }],
      ['validity', { instruments: [{ ...inst, maxOrderNotional: undefined }, eth] }],
      ['freshness', { instruments: [{ ...inst, maxPriceAgeMs: undefined }, eth] }],
      ['collar', { instruments: [{ ...inst, collarBps: undefined }, eth] }],
      ['rate', { strategies: [{ ...strat, rate: undefined }] }],
      ['position', { instruments: [{ ...inst, maxPosition: undefined }, eth] }],
      ['notional', { strategies: [{ ...strat, maxNotional: undefined }] }],
      ['openOrders', { strategies: [{ ...strat, maxOpenOrders: undefined }] }],
      ['correlation', { clusters: [{ name: 'c', instruments: [0] }] }],
      ['loss', { loss: undefined }],
    ];
    for (const [check, overrides] of cases) {
      const r = rig(overrides);
      const engine = new RiskEngine(r.options);
      engine.updatePrice(0, 50_000);
      const d = engine.check(order());
      expect(d.ok ? 'OK' : `${d.code}/${d.check}`, check).toBe(`CONFIG_MISSING/${check}`);
      expect(r.breaker.acquired).toBe(0);
    }
  });
});

describe('3. reservations', () => {
  it('onFill converts, partial fills allowed, never more than the qty; onCancel releases the remainder', () => {
    const { engine } = fresh();
    const id = pass(engine.check(order({ qty: 2 })));
    expect(engine.onFill(id, 0.5, 50_000)).toBeCloseTo(0.5, 9);
    let s = engine.snapshot();
    expect(s.instruments[0]!.position).toBeCloseTo(0.5, 9);
    expect(s.instruments[0]!.worstLong).toBeCloseTo(2, 9);
    expect(engine.onFill(id, 1, 50_000)).toBeCloseTo(1, 9);
    expect(engine.onCancel(id)).toBeCloseTo(0.5, 9);
    s = engine.snapshot();
    expect(s.instruments[0]!.position).toBeCloseTo(1.5, 9);
    expect(s.instruments[0]!.worstLong).toBeCloseTo(1.5, 9);
    expect(s.strategies[0]!.openOrders).toBe(0);
    expect(s.strategies[0]!.grossNotional).toBeCloseTo(75_000, 4);
    expect(s.workingOrders).toBe(0);
  });

  it('a fill larger than what is working is capped and counted', () => {
    const { engine } = fresh();
    const id = pass(engine.check(order({ qty: 1 })));
    expect(engine.onFill(id, 3, 50_000)).toBeCloseTo(1, 9);
    const s = engine.snapshot();
    expect(s.instruments[0]!.position).toBeCloseTo(1, 9);
    expect(s.overfills).toBe(1);
    expect(engine.onFill(id, 1, 50_000)).toBe(0);
    expect(engine.snapshot().doubleReleases).toBe(1);
  });

  it('a second release is ignored and counted, never double-released', () => {
    const { engine } = fresh();
    const id = pass(engine.check(order({ qty: 1 })));
    const other = pass(engine.check(order({ qty: 1, price: 50_000.01 })));
    expect(engine.onReject(id)).toBeCloseTo(1, 9);
    expect(engine.onCancel(id)).toBe(0);
    expect(engine.onReject(id)).toBe(0);
    const s = engine.snapshot();
    expect(s.doubleReleases).toBe(2);
    expect(s.instruments[0]!.worstLong).toBeCloseTo(1, 9);
    expect(s.strategies[0]!.openOrders).toBe(1);
    expect(engine.onCancel(other)).toBeCloseTo(1, 9);
  });

  it('a stale id whose slot was reused does not touch the new order', () => {
    const { engine } = fresh({ maxWorkingOrders: 1 });
    const first = pass(engine.check(order({ qty: 1 })));
    engine.onCancel(first);
    const second = pass(engine.check(order({ qty: 1, price: 50_000.01 })));
    expect(second).not.toBe(first);
    expect(engine.onCancel(first)).toBe(0);
    expect(engine.snapshot().workingOrders).toBe(1);
    expect(engine.onCancel(-3)).toBe(0);
    expect(engine.onFill(Number.NaN, 1, 1)).toBe(0);
    expect(engine.snapshot().unknownReservations).toBe(2);
  });

  it('OPEN_ORDERS_LIMIT when every reservation slot is in use', () => {
    const { engine } = fresh({ maxWorkingOrders: 1 });
    pass(engine.check(order({ qty: 1 })));
    const d = engine.check(order({ qty: 1, price: 50_000.01 }));
    expect(code(d)).toBe('OPEN_ORDERS_LIMIT');
    expect(engine.snapshot().instruments[0]!.worstLong).toBeCloseTo(1, 9);
  });
});

describe('4. loss', () => {
  function long(qty: number) {
    const r = fresh();
    const id = pass(r.engine.check(order({ qty, price: 50_000 })));
    r.engine.onFill(id, qty, 50_000);
    return r;
  }

  it('PnL is realized plus unrealized at the latest reference prices', () => {
    const { engine } = long(2);
    engine.updatePrice(0, 50_100);
    expect(engine.snapshot().pnl.unrealized).toBeCloseTo(200, 6);
    const id = pass(engine.check(order({ side: 'sell', qty: 1, price: 50_100 })));
    engine.onFill(id, 1, 50_150);
    const pnl = engine.snapshot().pnl;
    expect(pnl.realized).toBeCloseTo(150, 6);
    expect(pnl.unrealized).toBeCloseTo(100, 6);
    expect(pnl.total).toBeCloseTo(250, 6);
  });

  it('a profit never trips anything', () => {
    const { engine, ks } = long(5);
    engine.updatePrice(0, 59_000); // +45,000, far beyond every limit in size
    expect(ks.trips).toEqual([]);
    expect(ks.level).toBe('active');
  });

  it('loss >= softFraction x dailyLimit trips reducing with source loss, a smaller loss does not', () => {
    const { engine, ks } = long(5);
    engine.updatePrice(0, 46_800.01); // loss 15,999.95 < 16,000
    expect(ks.trips).toEqual([]);
    engine.updatePrice(0, 46_800); // loss exactly 16,000
    expect(ks.trips).toEqual([expect.objectContaining({ level: 'reducing', source: 'loss' })]);
  });

  it('loss >= dailyLimit trips halted', () => {
    const { engine, ks } = long(5);
    engine.updatePrice(0, 46_000); // loss 20,000
    expect(ks.level).toBe('halted');
    expect(ks.trips.at(-1)).toEqual(expect.objectContaining({ level: 'halted', source: 'loss' }));
  });

  it('drawdown from the PnL peak >= maxDrawdown trips halted even while in profit', () => {
    const { engine, ks } = long(5);
    engine.updatePrice(0, 62_000); // +60,000 peak
    engine.updatePrice(0, 52_000); // +10,000: drawdown 50,000
    expect(engine.snapshot().pnl.drawdown).toBeCloseTo(50_000, 6);
    expect(ks.level).toBe('halted');
  });

  it('a short position loses when the price rises (sign)', () => {
    const r = fresh();
    const id = pass(r.engine.check(order({ side: 'sell', qty: 5, price: 50_000 })));
    r.engine.onFill(id, 5, 50_000);
    r.engine.updatePrice(0, 50_500);
    expect(r.engine.snapshot().pnl.total).toBeCloseTo(-2_500, 6);
    r.engine.updatePrice(0, 49_500);
    expect(r.engine.snapshot().pnl.total).toBeCloseTo(2_500, 6);
  });

  it('risk-increasing orders are denied once the loss or drawdown limit is reached', () => {
    const { engine, ks } = long(5);
    engine.updatePrice(0, 46_000);
    ks.level = 'active'; // as if an operator had reset it: the engine still fails closed
    expect(code(engine.check(order({ instrument: 1, price: 2_500, qty: 1 })))).toBe('LOSS_LIMIT');
  });
});

describe('5. explain', () => {
  it('evaluates every check without reserving and returns all denials in order', () => {
    const { engine, gb, breaker, clock } = fresh();
    gb.state = 'open';
    breaker.state = 'open';
    clock.advance(2_001);
    const o = order({ qty: 4, price: 60_000, stopPrice: 40_000, reduceOnly: true });
    const denials = engine.explain(o);
    expect(denials.map((d) => d.code)).toEqual([
      'REDUCE_ONLY',
      'GLOBAL_BREAKER_OPEN',
      'STALE_PRICE',
      'PRICE_COLLAR',
      'LOSS_LIMIT',
      'VENUE_UNAVAILABLE',
    ]);
    expect(breaker.acquired).toBe(0);
    // nothing was claimed: the same client id still passes once the world is fixed
    gb.state = 'closed';
    breaker.state = 'closed';
    engine.updatePrice(0, 50_000);
    expect(
      engine.explain({ ...o, price: 50_000, stopPrice: undefined, reduceOnly: false }),
    ).toEqual([]);
    pass(engine.check({ ...o, price: 50_000, stopPrice: undefined, reduceOnly: false }));
  });

  it('stops after INVALID_ORDER, and reports a duplicate without claiming', () => {
    const { engine } = fresh();
    expect(engine.explain(order({ qty: Number.POSITIVE_INFINITY })).map((d) => d.code)).toEqual([
      'INVALID_ORDER',
    ]);
    const o = order();
    pass(engine.check(o));
    expect(engine.explain(o).map((d) => d.code)).toEqual(['DUPLICATE_ORDER']);
  });
});

describe('decision object', () => {
  it('check returns the same pass object each time (documented reuse)', () => {
    const { engine } = fresh();
    const a = engine.check(order({ qty: 0.1 }));
    const firstId = a.ok ? a.reservation : -1;
    const b = engine.check(order({ qty: 0.1, price: 50_000.01 }));
    expect(b).toBe(a);
    expect(b.ok && b.reservation).not.toBe(firstId);
  });

  it('denial message names code, check, value and limit', () => {
    const { engine } = fresh();
    const d = engine.check(order({ qty: 6 }));
    expect(d.ok ? '' : d.message).toBe(
      'INVALID_ORDER (validity): qty is above maxQty; value 6, limit 5',
    );
  });
});

describe('inputs outside check', () => {
  it('updatePrice and onFill throw RiskInputError naming the argument', () => {
    const { engine } = fresh();
    expect(() => engine.updatePrice(2, 1)).toThrow(
      expect.objectContaining({ field: 'instrument', code: 'INVALID_RISK_INPUT' }),
    );
    expect(() => engine.updatePrice(0, Number.NaN)).toThrow(
      expect.objectContaining({ field: 'price' }),
    );
    const id = pass(engine.check(order({ qty: 1 })));
    expect(() => engine.onFill(id, 1, -1)).toThrow(expect.objectContaining({ field: 'price' }));
    expect(() => engine.onFill(id, Infinity, 1)).toThrow(expect.objectContaining({ field: 'qty' }));
    expect(() => engine.onFill(id, 0.00005, 1)).toThrow(expect.objectContaining({ field: 'qty' }));
    expect(engine.snapshot().instruments[0]!.worstLong).toBeCloseTo(1, 9);
  });

  it('snapshot reports NaN utilisation for missing limits and a reference price once set', () => {
    const r = rig({
      instruments: [{ symbol: 'X', venue: 0, tickSize: 1, lotSize: 1 }],
      strategies: [{ name: 's' }],
      clusters: [{ name: 'c', instruments: [0] }],
    });
    const engine = new RiskEngine(r.options);
    let s = engine.snapshot();
    expect(s.instruments[0]!.referencePrice).toBeNaN();
    expect(s.instruments[0]!.utilisation).toBeNaN();
    expect(s.strategies[0]!.utilisation).toBeNaN();
    expect(s.clusters[0]!.utilisation).toBeNaN();
    engine.updatePrice(0, 7);
    s = engine.snapshot();
    expect(s.instruments[0]!.referencePrice).toBe(7);
  });

  it('explain reports CONFIG_MISSING and a stale price without a collar reading', () => {
    const r = rig({
      instruments: [
        { symbol: 'X', venue: 0, tickSize: 1, lotSize: 1, maxQty: 5, maxOrderNotional: 1e5 },
      ],
      clusters: [],
    });
    const engine = new RiskEngine(r.options);
    const codes = engine
      .explain(order({ instrument: 0, qty: 1, price: 10 }))
      .map((d) => `${d.code}/${d.check}`);
    expect(codes).toEqual([
      'CONFIG_MISSING/freshness',
      'CONFIG_MISSING/collar',
      'CONFIG_MISSING/position',
    ]);
    const r2 = rig();
    const e2 = new RiskEngine(r2.options);
    expect(e2.explain(order()).map((d) => d.code)).toEqual(['STALE_PRICE']);
  });

  it('DRAWDOWN_LIMIT denies risk-increasing orders once the drawdown limit is reached', () => {
    const { engine, ks } = fresh({
      loss: { dailyLimit: 1e6, softFraction: 1, maxDrawdown: 1_000 },
    });
    const id = pass(engine.check(order({ qty: 1 })));
    engine.onFill(id, 1, 50_000);
    engine.updatePrice(0, 52_000);
    engine.updatePrice(0, 51_000);
    ks.level = 'active';
    const d = engine.check(order({ instrument: 1, qty: 1, price: 2_500 }));
    expect(d.ok ? '' : `${d.code}/${d.check}`).toBe('DRAWDOWN_LIMIT/loss');
  });

  it('a halted or reducing trip is not repeated while the level already covers it', () => {
    const { engine, ks } = fresh();
    const id = pass(engine.check(order({ qty: 5 })));
    engine.onFill(id, 5, 50_000);
    engine.updatePrice(0, 46_700); // loss 16,500: reducing
    engine.updatePrice(0, 46_600);
    expect(ks.trips.map((t) => t.level)).toEqual(['reducing']);
    engine.updatePrice(0, 45_000); // halted
    engine.updatePrice(0, 44_000);
    expect(ks.trips.map((t) => t.level)).toEqual(['reducing', 'halted']);
  });

  it('a market order needs a fresh price even when risk-reducing', () => {
    const { engine, clock } = fresh();
    const id = pass(engine.check(order({ qty: 1 })));
    engine.onFill(id, 1, 50_000);
    clock.advance(5_000);
    expect(code(engine.check(order({ side: 'sell', qty: 1, type: 'market' })))).toBe('STALE_PRICE');
    expect(code(engine.check(order({ side: 'sell', qty: 1, type: 'limit' })))).toBe('OK');
  });
});
