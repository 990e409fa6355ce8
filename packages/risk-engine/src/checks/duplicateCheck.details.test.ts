import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

function engine(overrides: Parameters<typeof rig>[0] = {}) {
  const r = rig(overrides);
  const e = new RiskEngine(r.options);
  e.updatePrice(0, 50_000);
  return { ...r, e };
}

describe('duplicateCheck details', () => {
  it('the fingerprint window works from the engine epoch on, 1 ms included', () => {
    const { e, clock } = engine({ duplicateWindowMs: 500 });
    clock.advance(1); // engine time 1 ms
    expect(code(e.check(order({ qty: 0.5 })))).toBe('OK');
    expect(code(e.check(order({ qty: 0.5 })))).toBe('DUPLICATE_ORDER');
  });

  it('a fingerprint duplicate reports the window as limit and the age in ms as value', () => {
    const { e, clock } = engine({ duplicateWindowMs: 500 });
    clock.advance(10);
    expect(code(e.check(order({ qty: 0.5 })))).toBe('OK');
    clock.advance(499);
    const d = e.check(order({ qty: 0.5 }));
    expect(d.ok ? '' : [d.code, d.limit, d.value]).toEqual(['DUPLICATE_ORDER', 500, 499]);
    expect(d.ok ? '' : d.message).toContain('same order within duplicateWindowMs');
    clock.advance(1); // exactly the window later: not a duplicate, for explain and check
    expect(e.explain(order({ qty: 0.5 }))).toEqual([]);
    expect(code(e.check(order({ qty: 0.5 })))).toBe('OK');
  });

  it('a full client-id set reports its capacity as limit; a repeated id has no limit', () => {
    const { e } = engine({
      clientIdCapacity: 16,
      strategies: [
        { name: 's', maxOpenOrders: 100, maxNotional: 1e7, rate: { perSec: 1e3, burst: 1e3 } },
      ],
    });
    let k = 0;
    for (;;) {
      const d = e.check(order({ clientId: 100 + k, qty: 0.0001, price: 50_000 + k / 100 }));
      if (!d.ok) break;
      e.onCancel(d.reservation);
      k++;
    }
    const full = e.check(order({ clientId: 5_000, qty: 0.0001 }));
    expect(full.ok ? '' : [full.code, full.limit, full.value]).toEqual([
      'DUPLICATE_ORDER',
      16,
      5_000,
    ]);
    const seen = e.check(order({ clientId: 100, qty: 0.0001 }));
    expect(seen.ok ? '' : [seen.code, seen.limit, seen.value]).toEqual([
      'DUPLICATE_ORDER',
      Number.NaN,
      100,
    ]);
  });
});
