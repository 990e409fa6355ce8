import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

/** An engine on the fake rig holding a filled long of 1 BTC bought at 50,000. */
function longOneAt50k() {
  const r = rig();
  const e = new RiskEngine(r.options);
  e.updatePrice(0, 50_000);
  const d = e.check(order({ qty: 1 }));
  if (!d.ok) throw new Error(d.message);
  e.onFill(d.reservation, 1, 50_000);
  return { r, e };
}

describe('loss trips say why (DESIGN §6 item 4)', () => {
  it('soft loss -> reducing, then daily loss -> halted, each with source loss and its reason', () => {
    const { r, e } = longOneAt50k();
    e.updatePrice(0, 34_000); // loss 16,000 = 0.8 x 20,000
    e.updatePrice(0, 30_000); // loss 20,000
    expect(r.ks.trips).toEqual([
      { level: 'reducing', source: 'loss', reason: 'soft daily loss threshold reached' },
      { level: 'halted', source: 'loss', reason: 'daily loss limit or max drawdown reached' },
    ]);
  });
});

describe('market orders', () => {
  it('a risk-reducing market order on a stale price is STALE_PRICE, in check and in explain', () => {
    const { r, e } = longOneAt50k();
    r.clock.advance(5_000);
    const sell = order({ side: 'sell', qty: 0.5, type: 'market' });
    expect(e.explain(sell).map((x) => x.code)).toEqual(['STALE_PRICE']);
    expect(code(e.check(sell))).toBe('STALE_PRICE');
    const limitSell = order({ side: 'sell', qty: 0.5, type: 'limit' });
    expect(e.explain(limitSell)).toEqual([]);
    expect(code(e.check(limitSell))).toBe('OK');
  });
});
