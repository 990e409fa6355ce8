import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

describe('duplicateCheck', () => {
  it('a client id is consumed when the duplicate check passes, even if a later check denies the order', () => {
    const r = rig();
    const e = new RiskEngine(r.options);
    e.updatePrice(0, 50_000);
    const o = order({ price: 70_000 });
    expect(code(e.check(o))).toBe('PRICE_COLLAR');
    expect(code(e.check({ ...o, price: 50_000 }))).toBe('DUPLICATE_ORDER');
  });

  it('an id denied before the duplicate check is not consumed', () => {
    const r = rig();
    const e = new RiskEngine(r.options);
    e.updatePrice(0, 50_000);
    const o = order({ qty: 0.00001 });
    expect(code(e.check(o))).toBe('INVALID_ORDER');
    expect(code(e.check({ ...o, qty: 0.0001 }))).toBe('OK');
  });

  it('fails closed with DUPLICATE_ORDER once the client-id set is full', () => {
    const r = rig({
      clientIdCapacity: 16,
      strategies: [
        { name: 's', maxOpenOrders: 100, maxNotional: 1e7, rate: { perSec: 1e3, burst: 1e3 } },
      ],
    });
    const e = new RiskEngine(r.options);
    e.updatePrice(0, 50_000);
    const codes = new Set<string>();
    for (let k = 0; k < 17; k++) {
      const d = e.check(order({ clientId: 100 + k, qty: 0.0001, price: 50_000 + k / 100 }));
      codes.add(code(d));
      if (d.ok) e.onCancel(d.reservation);
    }
    expect(codes.has('DUPLICATE_ORDER')).toBe(true);
    const d = e.check(order({ clientId: 5_000, qty: 0.0001 }));
    expect(d.ok ? '' : d.message).toContain('client id set is full');
  });

  it('the same instrument, side, qty and price within duplicateWindowMs is a duplicate; after it, not', () => {
    const r = rig({ duplicateWindowMs: 500 });
    const e = new RiskEngine(r.options);
    e.updatePrice(0, 50_000);
    expect(code(e.check(order({ qty: 0.5 })))).toBe('OK');
    expect(code(e.check(order({ qty: 0.5, side: 'sell' })))).toBe('OK');
    expect(code(e.check(order({ qty: 0.5 })))).toBe('DUPLICATE_ORDER');
    expect(e.explain(order({ qty: 0.5 })).map((d) => d.code)).toEqual(['DUPLICATE_ORDER']);
    r.clock.advance(499);
    expect(code(e.check(order({ qty: 0.5 })))).toBe('DUPLICATE_ORDER');
    r.clock.advance(1);
    expect(code(e.check(order({ qty: 0.5 })))).toBe('OK');
  });
});
