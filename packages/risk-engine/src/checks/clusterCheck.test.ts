import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

describe('clusterCheck with an instrument in clusters other than the first', () => {
  // BTC (instrument 0) is in clusters 1 and 2, not in cluster 0.
  function engine() {
    const r = rig({
      clusters: [
        { name: 'eth', instruments: [1], maxGrossNotional: 1_000_000 },
        { name: 'wide', instruments: [0, 1], maxGrossNotional: 1_000_000 },
        { name: 'narrow', instruments: [0], maxGrossNotional: 60_000 },
      ],
    });
    const e = new RiskEngine(r.options);
    e.updatePrice(0, 50_000);
    return e;
  }
  const gross = (e: RiskEngine) => e.snapshot().clusters.map((c) => Math.round(c.grossNotional));

  it('a denial by a later cluster gives back exactly the clusters already reserved', () => {
    const e = engine();
    const first = e.check(order({ qty: 1 }));
    expect(code(first)).toBe('OK');
    expect(gross(e)).toEqual([0, 50_000, 50_000]);
    const d = e.check(order({ qty: 1, price: 50_000.01 }));
    expect(d.ok ? '' : [d.code, d.limit, Math.round(d.value)]).toEqual([
      'CORRELATION_LIMIT',
      60_000,
      100_000,
    ]);
    expect(gross(e)).toEqual([0, 50_000, 50_000]);
  });

  it('a cancel releases every cluster of the instrument', () => {
    const e = engine();
    const d = e.check(order({ qty: 1 }));
    if (!d.ok) throw new Error(d.message);
    e.onCancel(d.reservation);
    expect(gross(e)).toEqual([0, 0, 0]);
  });

  it('a fill that closes the position takes its cost out of every cluster of the instrument', () => {
    const e = engine();
    const buy = e.check(order({ qty: 1 }));
    if (!buy.ok) throw new Error(buy.message);
    e.onFill(buy.reservation, 1, 50_000);
    const sell = e.check(order({ side: 'sell', qty: 1 }));
    if (!sell.ok) throw new Error(sell.message);
    expect(gross(e)).toEqual([0, 100_000, 100_000]);
    e.onFill(sell.reservation, 1, 50_000);
    expect(gross(e)).toEqual([0, 0, 0]);
  });
});
