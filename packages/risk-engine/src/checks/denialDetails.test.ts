// Each denial carries the limit that was hit, the value that broke it and a message naming the
// rule (DESIGN §6: `{ ok: false, code, check, limit, value, message }`), and a limit of zero is a
// limit, not a missing configuration.
import { describe, expect, it } from 'vitest';
import { RiskEngine } from '@tripwire/risk-engine';
import { MutableDenial } from '../decision.js';
import { LAYOUT } from '../layout.js';
import { core } from '../../test/fixtures/core.js';
import { FakeBreaker, FakeGlobalBreaker, order, rig } from '../../test/fixtures/fakes.js';
import { clusterCheck } from './clusterCheck.js';
import { collarCheck } from './collarCheck.js';
import { freshnessCheck } from './freshnessCheck.js';
import { globalBreakerCheck } from './globalBreakerCheck.js';
import { lossCheck } from './lossCheck.js';
import { notionalCheck } from './notionalCheck.js';
import { openOrdersCheck } from './openOrdersCheck.js';
import { positionCheck } from './positionCheck.js';
import { rateCheck } from './rateCheck.js';
import { validityCheck } from './validityCheck.js';
import { venueCheck } from './venueCheck.js';

describe('denial limit, value and message', () => {
  it('POSITION_LIMIT: maxPosition and the worst-case position with the order', () => {
    const { core: c, d } = core();
    expect(positionCheck(c, d, 0, true, 99_999, false, true)).toBe(false);
    expect(positionCheck(c, d, 0, true, 3, false, true)).toBe(true);
    expect(d.limit).toBeCloseTo(10, 9);
    expect(d.value).toBeCloseTo(10.0002, 9);
    expect(d.message).toContain('worst-case position would exceed maxPosition');
  });

  it('NOTIONAL_LIMIT: maxNotional and the gross notional with the order', () => {
    const { core: c, d } = core(); // unit 0.01
    expect(notionalCheck(c, d, 0, 100_000_000, false, true)).toBe(false);
    expect(notionalCheck(c, d, 0, 5, false, true)).toBe(true);
    expect(d.limit).toBeCloseTo(1_000_000, 6);
    expect(d.value).toBeCloseTo(1_000_000.05, 6);
    expect(d.message).toContain('strategy gross notional would exceed maxNotional');
  });

  it('CORRELATION_LIMIT: maxGrossNotional and the cluster gross notional with the order', () => {
    const { core: c, d } = core();
    expect(clusterCheck(c, d, 0, 200_000_000, false, true)).toBe(false);
    expect(clusterCheck(c, d, 0, 3, false, true)).toBe(true);
    expect(d.limit).toBeCloseTo(2_000_000, 6);
    expect(d.value).toBeCloseTo(2_000_000.03, 6);
    expect(d.message).toContain('cluster gross notional would exceed maxGrossNotional');
  });

  it('OPEN_ORDERS_LIMIT, PRICE_COLLAR and STALE_PRICE name their rule', () => {
    const { core: c, d } = core({
      strategies: [
        { name: 's', maxOpenOrders: 0, maxNotional: 1e6, rate: { perSec: 1, burst: 1 } },
      ],
    });
    expect(openOrdersCheck(c, d, 0, true)).toBe(true);
    expect(d.message).toContain('too many open orders');
    c.ref = 50_000;
    expect(collarCheck(c, d, 0, { price: 60_000 }, false)).toBe(true);
    expect(d.message).toContain('price is outside the collar');
    const base = c.inst(0);
    c.f64[(base + LAYOUT.instrument.ref) >> 1] = 100;
    c.f64[(base + LAYOUT.instrument.refTime) >> 1] = 0;
    c.i32[base + LAYOUT.instrument.seq] = 2;
    c.now = 5_000;
    expect(freshnessCheck(c, d, 0, false, false)).toBe(true);
    expect(d.message).toContain('reference price is too old');
  });

  it('RATE_LIMITED: the burst (in orders) of the strategy or the venue bucket that is empty', () => {
    const { core: c, d } = core({
      venues: [{ name: 'v', breaker: new FakeBreaker(), rate: { perSec: 0.001, burst: 3 } }],
      strategies: [
        { name: 's', maxOpenOrders: 9, maxNotional: 1e6, rate: { perSec: 10, burst: 2 } },
      ],
    });
    expect(rateCheck(c, d, 0, 0, false, 0, true)).toBe(false);
    expect(rateCheck(c, d, 0, 0, false, 0, true)).toBe(false);
    expect(rateCheck(c, d, 0, 0, false, 0, true)).toBe(true);
    expect([d.code, d.limit]).toEqual(['RATE_LIMITED', 2]);
    expect(d.message).toContain('strategy order rate exceeded');
    // 1 s later the strategy bucket is full again; the venue bucket has 1 order left.
    expect(rateCheck(c, d, 0, 0, false, 1_000, true)).toBe(false);
    expect(rateCheck(c, d, 0, 0, false, 1_000, true)).toBe(true);
    expect([d.code, d.limit]).toEqual(['RATE_LIMITED', 3]);
    expect(d.message).toContain('venue order rate exceeded');
  });

  it('LOSS_LIMIT and DRAWDOWN_LIMIT: the limit, the loss or drawdown, and the rule', () => {
    const { core: c, d } = core();
    const p = LAYOUT.pnlLine * c.r.stride;
    const set = (pnl: number, peak: number) => {
      c.f64[(p + LAYOUT.pnl.pnl) >> 1] = pnl;
      c.f64[(p + LAYOUT.pnl.peak) >> 1] = peak;
    };
    set(-25_000, 0);
    expect(lossCheck(c, d, true, { qty: 1, price: 1 }, false)).toBe(true);
    expect([d.code, d.limit, d.value]).toEqual(['LOSS_LIMIT', 20_000, 25_000]);
    expect(d.message).toContain('daily loss limit reached');
    set(10_000, 70_000);
    expect(lossCheck(c, d, true, { qty: 1, price: 1 }, false)).toBe(true);
    expect([d.code, d.limit, d.value]).toEqual(['DRAWDOWN_LIMIT', 50_000, 60_000]);
    expect(d.message).toContain('drawdown limit reached');
    set(0, 0);
    expect(lossCheck(c, d, true, { qty: 1, price: 50_000, stopPrice: 20_000 }, false)).toBe(true);
    expect([d.code, d.limit, d.value]).toEqual(['LOSS_LIMIT', 20_000, 30_000]);
    expect(d.message).toContain("order's worst-case loss exceeds the remaining daily budget");
  });

  it('GLOBAL_BREAKER_OPEN and VENUE_UNAVAILABLE name the breaker', () => {
    const d = new MutableDenial();
    const gb = new FakeGlobalBreaker();
    gb.state = 'open';
    expect(globalBreakerCheck(gb, d)).toBe(true);
    expect(d.message).toContain('global breaker is open');
    const b = new FakeBreaker();
    b.state = 'open';
    expect(venueCheck(b, d, true)).toBe(-1);
    expect(d.message).toContain('venue breaker refused a permit');
  });
});

describe('CONFIG_MISSING names the missing limit (fail closed)', () => {
  it('explain of an order on an instrument and strategy with no limits lists every missing one', () => {
    const r = rig({
      instruments: [
        { symbol: 'X', venue: 0, tickSize: 1, lotSize: 1, maxQty: 10, maxOrderNotional: 1_000 },
      ],
      strategies: [{ name: 's' }],
      clusters: [{ name: 'c', instruments: [0] }],
      loss: undefined,
    });
    const e = new RiskEngine(r.options);
    e.updatePrice(0, 10);
    const denials = e.explain(order({ qty: 1, price: 10 }));
    expect(denials.map((x) => x.code)).toEqual(Array(8).fill('CONFIG_MISSING'));
    expect(denials.map((x) => x.message.replace(/^.*?: /, '').replace(/;.*$/, ''))).toEqual([
      'maxPriceAgeMs is not configured',
      'collarBps is not configured',
      'strategy rate is not configured',
      'maxPosition is not configured',
      'maxNotional is not configured',
      'maxOpenOrders is not configured',
      'cluster maxGrossNotional is not configured',
      'loss limits are not configured',
    ]);
  });

  it('maxQty and maxOrderNotional (validity)', () => {
    const bare = { symbol: 'X', venue: 0, tickSize: 1, lotSize: 1 };
    const a = core({ instruments: [bare], clusters: [] });
    expect(validityCheck(a.core, a.d, order({ qty: 1, price: 10 }))).toBe(true);
    expect(a.d.code).toBe('CONFIG_MISSING');
    expect(a.d.message).toContain('maxQty is not configured');
    const b = core({ instruments: [{ ...bare, maxQty: 10 }], clusters: [] });
    expect(validityCheck(b.core, b.d, order({ qty: 1, price: 10 }))).toBe(true);
    expect(b.d.code).toBe('CONFIG_MISSING');
    expect(b.d.message).toContain('maxOrderNotional is not configured');
  });
});

describe('a limit below one unit is a limit of zero, not a missing limit', () => {
  it('maxOpenOrders 0 denies with OPEN_ORDERS_LIMIT', () => {
    const { core: c, d } = core({
      strategies: [
        { name: 's', maxOpenOrders: 0, maxNotional: 1e6, rate: { perSec: 1, burst: 1 } },
      ],
    });
    expect(openOrdersCheck(c, d, 0, true)).toBe(true);
    expect([d.code, d.limit, d.value]).toEqual(['OPEN_ORDERS_LIMIT', 0, 1]);
  });

  it('maxPosition, maxNotional and maxGrossNotional smaller than one lot or unit deny with their limit code', () => {
    const { core: c, d } = core({
      instruments: [{ ...rig().options.instruments[0]!, maxPosition: 0.00005 }],
      strategies: [
        { name: 's', maxOpenOrders: 9, maxNotional: 0.0001, rate: { perSec: 1, burst: 1 } },
      ],
      clusters: [{ name: 'c', instruments: [0], maxGrossNotional: 0.0001 }],
    });
    expect(positionCheck(c, d, 0, true, 1, false, true)).toBe(true);
    expect(d.code).toBe('POSITION_LIMIT');
    expect(notionalCheck(c, d, 0, 1, false, true)).toBe(true);
    expect(d.code).toBe('NOTIONAL_LIMIT');
    expect(clusterCheck(c, d, 0, 1, false, true)).toBe(true);
    expect(d.code).toBe('CORRELATION_LIMIT');
  });

  it('collarBps 0: only the reference price itself passes', () => {
    const { core: c, d } = core({
      instruments: [{ ...rig().options.instruments[0]!, collarBps: 0 }],
      clusters: [],
    });
    c.ref = 50_000;
    expect(collarCheck(c, d, 0, { price: 50_000 }, false)).toBe(false);
    expect(collarCheck(c, d, 0, { price: 50_000.01 }, false)).toBe(true);
    expect(d.code).toBe('PRICE_COLLAR');
  });
});
