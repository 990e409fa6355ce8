import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

function engine(overrides = {}) {
  const r = rig(overrides);
  const e = new RiskEngine(r.options);
  e.updatePrice(0, 50_000);
  return { ...r, engine: e };
}

describe('rateCheck', () => {
  it('a venue bucket limits all strategies on the venue; its denial gives the strategy token back', () => {
    const r = rig();
    const { engine: e, clock } = engine({
      venues: [{ name: 'v', breaker: r.breaker, rate: { perSec: 1, burst: 1 } }],
      strategies: [
        { name: 's', maxOpenOrders: 50, maxNotional: 1e6, rate: { perSec: 1, burst: 2 } },
      ],
    });
    expect(code(e.check(order({ qty: 0.1 })))).toBe('OK');
    const d = e.check(order({ qty: 0.1, price: 50_000.01 }));
    expect(code(d)).toBe('RATE_LIMITED');
    expect(d.ok ? '' : d.message).toContain('venue');
    clock.advance(1_000); // venue +1 token; the strategy has 1 left (refunded) + 1 refilled = 2
    expect(code(e.check(order({ qty: 0.1, price: 50_000.02 })))).toBe('OK');
    clock.advance(1_000);
    expect(code(e.check(order({ qty: 0.1, price: 50_000.03 })))).toBe('OK');
  });

  it('a denial by a later check refunds the rate token (capped at the burst)', () => {
    const { engine: e, breaker } = engine({
      strategies: [
        { name: 's', maxOpenOrders: 50, maxNotional: 1e6, rate: { perSec: 1, burst: 1 } },
      ],
    });
    breaker.state = 'open';
    expect(code(e.check(order({ qty: 0.1 })))).toBe('VENUE_UNAVAILABLE');
    breaker.state = 'closed';
    expect(code(e.check(order({ qty: 0.1, price: 50_000.01 })))).toBe('OK');
    expect(code(e.check(order({ qty: 0.1, price: 50_000.02 })))).toBe('RATE_LIMITED');
  });

  it('the bucket refills perSec per second up to the burst, never beyond', () => {
    const { engine: e, clock } = engine({
      strategies: [
        { name: 's', maxOpenOrders: 50, maxNotional: 1e6, rate: { perSec: 2, burst: 2 } },
      ],
    });
    clock.advance(60_000);
    e.updatePrice(0, 50_000);
    let passed = 0;
    for (let k = 0; k < 5; k++)
      if (e.check(order({ qty: 0.01, price: 50_000 + k / 100 })).ok) passed++;
    expect(passed).toBe(2);
    clock.advance(499);
    expect(code(e.check(order({ qty: 0.01, price: 50_001 })))).toBe('RATE_LIMITED');
    clock.advance(1);
    expect(code(e.check(order({ qty: 0.01, price: 50_001.01 })))).toBe('OK');
  });

  it('checkCancel draws on a separate cancel budget and fails closed without one', () => {
    const { engine: e, clock } = engine();
    expect(e.checkCancel(0)).toBe(true);
    expect(e.checkCancel(0)).toBe(true);
    expect(e.checkCancel(0)).toBe(false);
    expect(code(e.check(order({ qty: 0.1 })))).toBe('OK'); // orders unaffected
    clock.advance(100);
    expect(e.checkCancel(0)).toBe(true);
    expect(e.checkCancel(7)).toBe(false);
    const noBudget = engine({
      strategies: [{ name: 's', maxOpenOrders: 1, maxNotional: 1, rate: { perSec: 1, burst: 1 } }],
    });
    expect(noBudget.engine.checkCancel(0)).toBe(false);
  });
});

describe('clusterCheck', () => {
  it('a denial by a later cluster gives back the clusters already reserved', () => {
    const { engine: e } = engine({
      clusters: [
        { name: 'wide', instruments: [0, 1], maxGrossNotional: 1_000_000 },
        { name: 'narrow', instruments: [0], maxGrossNotional: 60_000 },
      ],
    });
    expect(code(e.check(order({ qty: 1 })))).toBe('OK');
    const d = e.check(order({ qty: 1, price: 50_000.01 }));
    expect(d.ok ? '' : `${d.code} ${d.limit}`).toBe('CORRELATION_LIMIT 60000');
    expect(e.snapshot().clusters.map((c) => Math.round(c.grossNotional))).toEqual([50_000, 50_000]);
  });
});
