/** One instrument of the demo (DESIGN §6 instrument fields). */
export interface DemoInstrument {
  readonly symbol: string;
  readonly venue: number;
  readonly tickSize: number;
  readonly lotSize: number;
  readonly minQty: number;
  readonly maxQty: number;
  readonly maxOrderNotional: number;
  readonly maxPosition: number;
  readonly collarBps: number;
  readonly maxPriceAgeMs: number;
  /** Starting mid price on the simulated venue. */
  readonly startPrice: number;
}

/** One strategy of the demo (DESIGN §6 strategy fields). */
export interface DemoStrategy {
  readonly name: string;
  readonly maxOpenOrders: number;
  readonly maxNotional: number;
  readonly rate: { readonly perSec: number; readonly burst: number };
}

/** Breaker settings shared by every venue breaker (DESIGN §3 options). */
export interface DemoBreakerSettings {
  readonly window:
    | { readonly type: 'count'; readonly size: number }
    | { readonly type: 'time'; readonly durationMs: number; readonly buckets: number };
  readonly minimumCalls: number;
  readonly failureRateThreshold: number;
  readonly consecutiveFailures: number;
  readonly slowCallMs: number;
  readonly slowCallRateThreshold: number;
  readonly openMs: number;
  readonly openBackoff: { readonly factor: number; readonly maxMs: number };
  readonly halfOpen: {
    readonly permits: number;
    readonly successesToClose: number;
    readonly leaseMs: number;
  };
}

/** Everything the demo is configured with. */
export interface DemoConfig {
  readonly venues: readonly string[];
  readonly instruments: readonly DemoInstrument[];
  readonly strategies: readonly DemoStrategy[];
  readonly clusters: readonly {
    readonly name: string;
    readonly instruments: readonly number[];
    readonly maxGrossNotional: number;
  }[];
  readonly loss: {
    readonly dailyLimit: number;
    readonly softFraction: number;
    readonly maxDrawdown: number;
  };
  readonly breaker: DemoBreakerSettings;
  readonly global: { readonly openFraction: number; readonly minComponents: number };
  /** An order without a venue report after this long counts as a failure for its breaker. */
  readonly orderTimeoutMs: number;
  /** Simulated venue processing time per order batch, ms. */
  readonly venueLatencyMs: number;
  /** Kill switch reset cooldown. */
  readonly resetCooldownMs: number;
  /** Watchdog on the order flow: halts when no batch arrived for this long. */
  readonly watchdogMs: number;
  /** Client-id sessions of the risk engine (`RiskEngine.rollClientIds`). */
  readonly clientIds: DemoClientIdSettings;
}

/**
 * Client-id sessions: the engine keeps two tables of `capacity` slots (current and previous
 * session) and denies every new id once the current one is full (fail closed), so the demo rolls
 * the session every `rollMs`, or earlier once it has issued `rollAtFill x capacity` ids in it.
 */
export interface DemoClientIdSettings {
  /** Slots per table (a power of two): `clientIdCapacity` of the engine. */
  readonly capacity: number;
  /** Session length in ms (Infinity: no timed roll). */
  readonly rollMs: number;
  /** Roll once the session has issued this fraction of `capacity` ids (Infinity: never). */
  readonly rollAtFill: number;
}

/**
 * The demo's book: three venues (three are needed for the global breaker's `minComponents`),
 * six instruments, two strategies. Breaker settings favour a fast, visible recovery: 500 ms
 * break doubling up to 2 s, three half-open probes.
 */
export const demoConfig: DemoConfig = {
  venues: ['venue-a', 'venue-b', 'venue-c'],
  instruments: [
    inst('BTC-USD', 0, 0.5, 0.001, 60_000, 5),
    inst('ETH-USD', 0, 0.05, 0.01, 3_000, 100),
    inst('SOL-USD', 1, 0.01, 0.1, 150, 2_000),
    inst('BTC-EUR', 1, 0.5, 0.001, 55_000, 5),
    inst('ETH-EUR', 2, 0.05, 0.01, 2_800, 100),
    inst('XRP-USD', 2, 0.0001, 10, 0.6, 500_000),
  ],
  strategies: [
    {
      name: 'mm',
      maxOpenOrders: 5_000,
      maxNotional: 50_000_000,
      rate: { perSec: 40_000, burst: 20_000 },
    },
    {
      name: 'taker',
      maxOpenOrders: 5_000,
      maxNotional: 50_000_000,
      rate: { perSec: 40_000, burst: 20_000 },
    },
  ],
  clusters: [{ name: 'majors', instruments: [0, 1, 3, 4], maxGrossNotional: 80_000_000 }],
  loss: { dailyLimit: 5_000_000, softFraction: 0.8, maxDrawdown: 5_000_000 },
  breaker: {
    window: { type: 'time', durationMs: 5_000, buckets: 10 },
    minimumCalls: 20,
    failureRateThreshold: 0.5,
    consecutiveFailures: 5,
    slowCallMs: 500,
    slowCallRateThreshold: 0.5,
    openMs: 500,
    openBackoff: { factor: 2, maxMs: 2_000 },
    halfOpen: { permits: 3, successesToClose: 3, leaseMs: 1_000 },
  },
  global: { openFraction: 0.5, minComponents: 3 },
  orderTimeoutMs: 2_000,
  venueLatencyMs: 2,
  resetCooldownMs: 2_000,
  watchdogMs: 2_000,
  // 60 s at the default 25,000 orders/s is 1.5 M ids: 36 % of a 2^22 table (2 x 16 MiB), far
  // from the 64-probe limit; at higher --rate the half-full roll comes first (2^21 ids).
  clientIds: { capacity: 2 ** 22, rollMs: 60_000, rollAtFill: 0.5 },
};

function inst(
  symbol: string,
  venue: number,
  tickSize: number,
  lotSize: number,
  startPrice: number,
  maxPosition: number,
): DemoInstrument {
  return {
    symbol,
    venue,
    tickSize,
    lotSize,
    minQty: lotSize,
    maxQty: lotSize * 100,
    maxOrderNotional: lotSize * 100 * startPrice * 1.2,
    maxPosition,
    collarBps: 100,
    maxPriceAgeMs: 2_000,
    startPrice,
  };
}
