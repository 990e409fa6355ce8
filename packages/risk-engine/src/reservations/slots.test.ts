import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision, type RiskEngineOptions } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

function fresh(overrides: Partial<RiskEngineOptions> = {}) {
  const r = rig({
    strategies: [
      { name: 'a', maxOpenOrders: 50, maxNotional: 1e7, rate: { perSec: 1e3, burst: 1e3 } },
      { name: 'b', maxOpenOrders: 50, maxNotional: 1e7, rate: { perSec: 1e3, burst: 1e3 } },
    ],
    ...overrides,
  });
  const e = new RiskEngine(r.options);
  e.updatePrice(0, 50_000);
  return { ...r, e };
}

function pass(d: RiskDecision): number {
  if (!d.ok) throw new Error(d.message);
  return d.reservation;
}

describe('reservation slots', () => {
  it('one slot reused 256 times: each id is new and works; an id 256 generations old is stale', () => {
    const { e } = fresh({ maxWorkingOrders: 1 });
    const ids = new Set<number>();
    const first = pass(e.check(order({ qty: 0.1 })));
    ids.add(first);
    expect(e.onCancel(first)).toBe(0.1);
    for (let k = 1; k < 256; k++) {
      const id = pass(e.check(order({ qty: 0.1 })));
      ids.add(id);
      expect(k % 2 === 0 ? e.onReject(id) : e.onCancel(id)).toBe(0.1);
    }
    const working = pass(e.check(order({ qty: 0.2 }))); // generation 256
    expect(e.onFill(working, 0.1, 50_000)).toBe(0.1);
    expect(ids.has(working)).toBe(false);
    expect(e.onCancel(first)).toBe(0); // same slot, generation 0 mod 256: still stale
    expect(e.snapshot().workingOrders).toBe(1);
    expect(e.onCancel(working)).toBe(0.1);
    expect(e.snapshot().instruments[0]!.position).toBe(0.1);
  });

  it('ids of reused slots among several work (generation x capacity + slot)', () => {
    const { e } = fresh({ maxWorkingOrders: 2 });
    for (let k = 0; k < 6; k++) {
      const id = pass(e.check(order({ qty: 0.1 })));
      expect(e.onCancel(id), `order ${k}`).toBe(0.1);
    }
    expect(e.snapshot()).toMatchObject({
      workingOrders: 0,
      doubleReleases: 0,
      unknownReservations: 0,
    });
  });

  it('the slot remembers its strategy: a cancel frees the open-order slot of the right strategy', () => {
    const { e } = fresh();
    const a = pass(e.check(order({ strategy: 0, qty: 0.1 })));
    const b = pass(e.check(order({ strategy: 1, qty: 0.1, price: 50_000.01 })));
    e.onCancel(b);
    expect(e.snapshot().strategies.map((s) => [s.name, s.openOrders])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    expect(e.snapshot().instruments.map((i) => i.symbol)).toEqual(['BTC-USD', 'ETH-USD']);
    e.onCancel(a);
    expect(e.snapshot().strategies.map((s) => s.openOrders)).toEqual([0, 0]);
  });

  it('with every slot busy but one freed, the next order finds it whatever the scan start', () => {
    for (let round = 0; round < 8; round++) {
      const { e } = fresh({ maxWorkingOrders: 4 });
      const ids = [0, 1, 2, 3].map((k) =>
        pass(e.check(order({ qty: 0.1, price: 50_000 + k / 100 }))),
      );
      expect(code(e.check(order({ qty: 0.1, price: 50_001 })))).toBe('OPEN_ORDERS_LIMIT');
      e.onCancel(ids[round % 4]!);
      expect(code(e.check(order({ qty: 0.1, price: 50_002 })))).toBe('OK');
      expect(e.snapshot().workingOrders).toBe(4);
    }
  });
});
