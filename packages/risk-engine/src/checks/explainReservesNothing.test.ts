// DESIGN §6 item 5: explain evaluates every check without reserving. Each test runs explain where
// a reserving evaluation would change what a later check sees, then checks that it did not.
import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision, type RiskEngineOptions } from '@tripwire/risk-engine';
import { FakeBreaker, order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

function engine(overrides: Partial<RiskEngineOptions> = {}) {
  const r = rig(overrides);
  const e = new RiskEngine(r.options);
  e.updatePrice(0, 50_000);
  return { ...r, e };
}

const rate = (perSec: number, burst: number) => [
  { name: 's', maxOpenOrders: 50, maxNotional: 1e7, rate: { perSec, burst } },
];

describe('explain reserves nothing', () => {
  it('takes no rate token, reports an empty bucket, and not a bucket with exactly one token left', () => {
    const { e } = engine({ strategies: rate(1, 2) });
    expect(e.explain(order({ qty: 0.1 }))).toEqual([]);
    expect(e.explain(order({ qty: 0.1 }))).toEqual([]);
    expect(code(e.check(order({ qty: 0.1 })))).toBe('OK');
    expect(e.explain(order({ qty: 0.1, price: 50_000.01 }))).toEqual([]); // 1 token left
    expect(code(e.check(order({ qty: 0.1, price: 50_000.02 })))).toBe('OK');
    expect(e.explain(order({ qty: 0.1, price: 50_000.03 })).map((d) => d.code)).toEqual([
      'RATE_LIMITED',
    ]);
  });

  it('gives back no strategy token when the venue bucket is the empty one', () => {
    const r = rig();
    const { e, clock } = engine({
      venues: [{ name: 'v', breaker: r.breaker, rate: { perSec: 1_000, burst: 1 } }],
      strategies: rate(1, 2),
    });
    expect(code(e.check(order({ qty: 0.1 })))).toBe('OK'); // strategy 1 left, venue 0
    expect(e.explain(order({ qty: 0.1, price: 50_000.01 }))[0]?.message).toContain('venue');
    clock.advance(1); // venue +1
    expect(code(e.check(order({ qty: 0.1, price: 50_000.02 })))).toBe('OK'); // strategy 0 left
    clock.advance(1);
    const d = e.check(order({ qty: 0.1, price: 50_000.03 }));
    expect(code(d)).toBe('RATE_LIMITED');
    expect(d.ok ? '' : d.message).toContain('strategy');
  });

  it('claims no fingerprint within duplicateWindowMs', () => {
    const { e } = engine({ duplicateWindowMs: 1_000 });
    expect(e.explain(order({ qty: 0.5 }))).toEqual([]);
    expect(code(e.check(order({ qty: 0.5 })))).toBe('OK');
    expect(code(e.check(order({ qty: 0.5 })))).toBe('DUPLICATE_ORDER');
  });

  it('changes no cluster total when a later cluster denies', () => {
    const { e } = engine({
      clusters: [
        { name: 'wide', instruments: [0, 1], maxGrossNotional: 1_000_000 },
        { name: 'narrow', instruments: [0], maxGrossNotional: 60_000 },
      ],
    });
    expect(code(e.check(order({ qty: 1 })))).toBe('OK');
    expect(e.explain(order({ qty: 1, price: 50_000.01 })).map((d) => d.code)).toEqual([
      'CORRELATION_LIMIT',
    ]);
    expect(e.snapshot().clusters.map((c) => Math.round(c.grossNotional))).toEqual([50_000, 50_000]);
  });

  it('reports a venue breaker that is open or isolated, not one that is closed', () => {
    const breaker = new FakeBreaker();
    const { e } = engine({ venues: [{ name: 'v', breaker }] });
    const states = ['closed', 'open', 'isolated'] as const;
    const seen = states.map((s) => {
      (breaker as { state: string }).state = s;
      return e.explain(order({ qty: 0.1 })).map((d) => `${d.code} ${d.message}`);
    });
    expect(seen[0]).toEqual([]);
    expect(seen[1]![0]).toContain('VENUE_UNAVAILABLE');
    expect(seen[1]![0]).toContain('venue breaker is open');
    expect(seen[2]![0]).toContain('venue breaker is isolated');
    expect(breaker.acquired).toBe(0);
  });
});
