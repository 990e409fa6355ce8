// A denial after the position step gives back exactly what the order had reserved (DESIGN §6
// item 2: the reservation is atomic with the checks, and a denied order holds nothing).
import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision, type RiskEngineOptions } from '@tripwire/risk-engine';
import { order, rig } from '../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

function fresh(overrides: Partial<RiskEngineOptions> = {}) {
  const r = rig(overrides);
  const e = new RiskEngine(r.options);
  e.updatePrice(0, 50_000);
  return { ...r, e };
}

/** What a denied order must not leave behind. */
function held(e: RiskEngine) {
  const s = e.snapshot();
  return {
    worstLong: s.instruments[0]!.worstLong,
    openOrders: s.strategies[0]!.openOrders,
    notional: Math.round(s.strategies[0]!.grossNotional),
    clusters: s.clusters.map((c) => Math.round(c.grossNotional)),
    workingOrders: s.workingOrders,
  };
}
const NOTHING = { worstLong: 0, openOrders: 0, notional: 0, clusters: [0], workingOrders: 0 };

describe('a denied order holds nothing', () => {
  it('POSITION_LIMIT gives back nothing it did not take', () => {
    const { e } = fresh();
    expect(code(e.check(order({ qty: 5 })))).toBe('OK');
    expect(code(e.check(order({ qty: 5, price: 49_999.99 })))).toBe('OK');
    const full = held(e);
    expect(full.worstLong).toBe(10);
    expect(code(e.check(order({ qty: 0.0001, price: 50_000.02 })))).toBe('POSITION_LIMIT');
    expect(held(e)).toEqual(full);
  });

  it('VENUE_UNAVAILABLE frees the reservation slot', () => {
    const { e, breaker } = fresh({ maxWorkingOrders: 1 });
    breaker.state = 'open';
    expect(code(e.check(order({ qty: 1 })))).toBe('VENUE_UNAVAILABLE');
    expect(held(e)).toEqual(NOTHING);
    breaker.state = 'closed';
    expect(code(e.check(order({ qty: 1, price: 50_000.01 })))).toBe('OK');
  });

  it('NOTIONAL_LIMIT gives back the position', () => {
    const { e } = fresh({
      strategies: [
        { name: 's', maxOpenOrders: 5, maxNotional: 40_000, rate: { perSec: 9, burst: 9 } },
      ],
    });
    expect(code(e.check(order({ qty: 1 })))).toBe('NOTIONAL_LIMIT');
    expect(held(e)).toEqual(NOTHING);
  });

  it('OPEN_ORDERS_LIMIT gives back the position and the notional', () => {
    const { e } = fresh({
      strategies: [
        { name: 's', maxOpenOrders: 0, maxNotional: 1e6, rate: { perSec: 9, burst: 9 } },
      ],
    });
    expect(code(e.check(order({ qty: 1 })))).toBe('OPEN_ORDERS_LIMIT');
    expect(held(e)).toEqual(NOTHING);
  });

  it('LOSS_LIMIT (a stop beyond the budget) gives back position, notional, slot count and clusters', () => {
    const { e } = fresh();
    expect(code(e.check(order({ qty: 1, stopPrice: 20_000 })))).toBe('LOSS_LIMIT');
    expect(held(e)).toEqual(NOTHING);
  });

  it('every reservation slot in use: OPEN_ORDERS_LIMIT with the capacity, holding nothing more', () => {
    const { e } = fresh({ maxWorkingOrders: 1 });
    expect(code(e.check(order({ qty: 1 })))).toBe('OK');
    const before = held(e);
    const d = e.check(order({ qty: 1, price: 50_000.01 }));
    expect(d.ok ? '' : [d.code, d.limit, d.value]).toEqual(['OPEN_ORDERS_LIMIT', 1, 2]);
    expect(d.ok ? '' : d.message).toContain('every reservation slot is in use (maxWorkingOrders)');
    expect(held(e)).toEqual(before);
  });

  it('a risk-reducing order denied by the venue gives back no rate token it did not take', () => {
    const { e, breaker } = fresh({
      strategies: [
        { name: 's', maxOpenOrders: 9, maxNotional: 1e6, rate: { perSec: 1, burst: 1 } },
      ],
    });
    const d = e.check(order({ qty: 1 })); // takes the only token
    if (!d.ok) throw new Error(d.message);
    e.onFill(d.reservation, 1, 50_000);
    breaker.state = 'open';
    expect(code(e.check(order({ side: 'sell', qty: 0.5 })))).toBe('VENUE_UNAVAILABLE');
    breaker.state = 'closed';
    expect(code(e.check(order({ qty: 0.1 })))).toBe('RATE_LIMITED');
  });
});

describe('explain reserves nothing in the limit words or the venue', () => {
  it('after explain of a passing order, nothing is held and no permit was taken', () => {
    const { e, breaker } = fresh();
    expect(e.explain(order({ qty: 1 }))).toEqual([]);
    expect(held(e)).toEqual(NOTHING);
    expect(breaker.acquired).toBe(0);
  });
});
