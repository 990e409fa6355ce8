import { KillSwitch } from '@tripwire/kill-switch';
import { RiskEngine, type RiskEngineOptions } from '@tripwire/risk-engine';
import type { VenueBreakerLike } from '@tripwire/risk-engine';

/** Instrument counts measured (the 10 / 50 / 200). */
export const INSTRUMENT_COUNTS = [10, 50, 200] as const;

/**
 * Client ids are never reused (DESIGN §6): the client-id session is rolled after this many checks
 * (`rollClientIds`, as the engine's users are told to do), so each table holds at most this many.
 */
const IDS_PER_SESSION = 2 ** 20;
/** Each client-id table is sized 4x the ids of a session, so probing stays short (load <= 1/4). */
const ID_CAPACITY = 2 ** 22;

/** Builds the breaker of one venue. */
export type VenueBreakerFactory = () => VenueBreakerLike;

/**
 * Engine options with `n` instruments on two venues, four strategies, one cluster per ten
 * instruments and a loss limit, so every check of DESIGN §6 runs; limits are wide enough that
 * every benchmarked order passes.
 *
 * @param n - instrument count.
 * @param venueBreaker - builds each venue's breaker.
 * @returns the options.
 */
export function riskOptions(n: number, venueBreaker: VenueBreakerFactory): RiskEngineOptions {
  const instruments = Array.from({ length: n }, (_, i) => ({
    symbol: `SYM-${i}`,
    venue: i % 2,
    tickSize: 0.01,
    lotSize: 0.0001,
    minQty: 0.0001,
    maxQty: 5,
    maxOrderNotional: 250_000,
    maxPosition: 10,
    collarBps: 100,
    maxPriceAgeMs: 3_600_000,
  }));
  const clusters = Array.from({ length: Math.ceil(n / 10) }, (_, c) => ({
    name: `cluster-${c}`,
    instruments: Array.from({ length: Math.min(10, n - c * 10) }, (_, k) => c * 10 + k),
    maxGrossNotional: 1e12,
  }));
  return {
    killSwitch: new KillSwitch({ secret: 'bench' }),
    venues: [
      { name: 'venue-a', breaker: venueBreaker() },
      { name: 'venue-b', breaker: venueBreaker() },
    ],
    instruments,
    strategies: Array.from({ length: 4 }, (_, s) => ({
      name: `strategy-${s}`,
      maxOpenOrders: 1_000,
      maxNotional: 1e12,
      rate: { perSec: 1_000_000, burst: 1_000_000 },
    })),
    clusters,
    loss: { dailyLimit: 1e9, softFraction: 0.8, maxDrawdown: 1e9 },
    clientIdCapacity: ID_CAPACITY,
  };
}

/**
 * A checker for the benchmarks: each call checks one new order (round-robin over instruments,
 * strategies and sides, limit orders inside the collar) and cancels it when it passed, so the
 * book never fills up; every {@link IDS_PER_SESSION} calls it rolls the client-id session (one
 * engine for the whole run, as in a trading process: a fresh engine would pay its construction,
 * which writes every page of its 35 MB, inside the measurement).
 *
 * @param n - instrument count.
 * @param venueBreaker - builds each venue's breaker.
 * @returns `check()` (returns 1 when the order passed) and the count of denied orders so far.
 */
export function riskChecker(
  n: number,
  venueBreaker: VenueBreakerFactory,
): { check: () => number; denied: () => number; lastDenial: () => string } {
  const options = riskOptions(n, venueBreaker);
  const engine = new RiskEngine(options);
  for (let i = 0; i < n; i++) engine.updatePrice(i, 100);
  let id = 0;
  let sessionIds = 0;
  let denied = 0;
  let lastDenial = '';
  const order = {
    clientId: 0,
    instrument: 0,
    strategy: 0,
    side: 'buy' as 'buy' | 'sell',
    qty: 0.01,
    price: 100.01,
    type: 'limit' as const,
  };
  return {
    check: () => {
      if (++sessionIds > IDS_PER_SESSION) {
        engine.rollClientIds();
        sessionIds = 1;
      }
      order.clientId = id;
      order.instrument = id % n;
      order.strategy = id & 3;
      order.side = (id & 1) === 0 ? 'buy' : 'sell';
      order.price = (id & 1) === 0 ? 100.01 : 99.99;
      id++;
      const d = engine.check(order);
      if (d.ok) {
        engine.onCancel(d.reservation);
        return 1;
      }
      denied++;
      lastDenial = `${d.code}: ${d.message}`;
      return 0;
    },
    denied: () => denied,
    lastDenial: () => lastDenial,
  };
}
