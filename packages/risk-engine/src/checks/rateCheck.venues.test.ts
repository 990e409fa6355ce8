import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { FakeBreaker, order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

/** BTC on venue 0 and ETH on venue 1, each venue with a bucket of `burst` orders. */
function twoVenues(burst: number) {
  const r = rig();
  const b0 = new FakeBreaker();
  const b1 = new FakeBreaker();
  const [btc, eth] = r.options.instruments;
  const e = new RiskEngine({
    ...r.options,
    venues: [
      { name: 'v0', breaker: b0, rate: { perSec: 1, burst } },
      { name: 'v1', breaker: b1, rate: { perSec: 1, burst } },
    ],
    instruments: [btc!, { ...eth!, venue: 1 }],
  });
  e.updatePrice(0, 50_000);
  e.updatePrice(1, 2_500);
  return { ...r, e, b0, b1 };
}

const eth = (k: number) => order({ instrument: 1, qty: 1, price: 2_500 + k / 100 });
const btc = (k: number) => order({ qty: 0.1, price: 50_000 + k / 100 });

describe('rateCheck: venue buckets', () => {
  it('each venue has its own bucket', () => {
    const { e } = twoVenues(1);
    expect(code(e.check(eth(0)))).toBe('OK');
    expect(code(e.check(btc(0)))).toBe('OK');
    const d = e.check(eth(1));
    expect(code(d)).toBe('RATE_LIMITED');
    expect(d.ok ? '' : d.message).toContain('venue');
    expect(code(e.check(btc(1)))).toBe('RATE_LIMITED');
    expect(e.snapshot().strategies[0]!.openOrders).toBe(2);
  });

  it('a later denial gives the venue token back, on the order’s own venue', () => {
    const { e, b1 } = twoVenues(1);
    b1.state = 'open';
    expect(code(e.check(eth(0)))).toBe('VENUE_UNAVAILABLE');
    b1.state = 'closed';
    expect(code(e.check(eth(1)))).toBe('OK');
    expect(code(e.check(eth(2)))).toBe('RATE_LIMITED');
    expect(code(e.check(btc(0)))).toBe('OK');
  });

  it('a venue denial in check gives the strategy token back', () => {
    const r = rig();
    const e = new RiskEngine({
      ...r.options,
      venues: [{ name: 'v', breaker: r.breaker, rate: { perSec: 1_000, burst: 1 } }],
      strategies: [
        { name: 's', maxOpenOrders: 50, maxNotional: 1e7, rate: { perSec: 1, burst: 2 } },
      ],
    });
    e.updatePrice(0, 50_000);
    expect(code(e.check(btc(0)))).toBe('OK'); // strategy 1 left, venue 0 left
    expect(code(e.check(btc(1)))).toBe('RATE_LIMITED'); // venue; strategy token refunded
    r.clock.advance(1); // venue +1, strategy +0.001
    expect(code(e.check(btc(2)))).toBe('OK');
  });

  it('the strategy bucket refills after a fill gave the last instrument an average price (its words are its own)', () => {
    const r = rig({
      strategies: [
        { name: 's', maxOpenOrders: 50, maxNotional: 1e7, rate: { perSec: 1, burst: 1 } },
      ],
    });
    const e = new RiskEngine(r.options);
    e.updatePrice(0, 50_000);
    e.updatePrice(1, 2_500);
    const d = e.check(order({ instrument: 1, qty: 1, price: 2_500 }));
    if (!d.ok) throw new Error(d.message);
    e.onFill(d.reservation, 1, 2_500);
    expect(code(e.check(btc(0)))).toBe('RATE_LIMITED');
    r.clock.advance(1_000);
    e.updatePrice(0, 50_000);
    expect(code(e.check(btc(1)))).toBe('OK');
    const ethSnap = e.snapshot().instruments[1]!;
    expect([ethSnap.position, ethSnap.averagePrice]).toEqual([1, 2_500]);
  });
});
