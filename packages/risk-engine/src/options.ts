import type { Clock } from '@tripwire/clock';
import type { GlobalBreakerLike, HistogramLike, KillSwitchLike, VenueBreakerLike } from './deps.js';
import type { RiskEngineHandle } from './RiskEngineHandle.js';

/** A token bucket: `perSec` tokens per second, at most `burst` stored. */
export interface RateOptions {
  readonly perSec: number;
  readonly burst: number;
}

/** A venue; its id is its index in `venues`. */
export interface VenueOptions {
  readonly name: string;
  /** The venue's circuit breaker; its permit is taken last. */
  readonly breaker: VenueBreakerLike;
  /** Optional order-rate limit for the whole venue (all strategies). */
  readonly rate?: RateOptions;
}

/**
 * An instrument; its id is its index in `instruments`. Limits left `undefined` are *missing*:
 * an order that needs one is denied with `CONFIG_MISSING` (fail closed).
 */
export interface InstrumentOptions {
  readonly symbol: string;
  /** Index into `venues`. */
  readonly venue: number;
  readonly tickSize: number;
  readonly lotSize: number;
  /** @defaultValue `lotSize` */
  readonly minQty?: number;
  readonly maxQty?: number;
  readonly maxOrderNotional?: number;
  /** Max absolute position counting working orders as filled. */
  readonly maxPosition?: number;
  readonly collarBps?: number;
  readonly maxPriceAgeMs?: number;
}

/** A strategy; its id is its index in `strategies`. */
export interface StrategyOptions {
  readonly name: string;
  readonly maxOpenOrders?: number;
  /** Max gross notional: open positions at entry plus working orders at their prices. */
  readonly maxNotional?: number;
  readonly rate?: RateOptions;
  /** Separate budget for cancel requests (`checkCancel`). */
  readonly cancelRate?: RateOptions;
}

/** A cluster of instruments with a gross-notional and/or correlation-adjusted limit. */
export interface ClusterOptions {
  readonly name: string;
  readonly instruments: readonly number[];
  readonly maxGrossNotional?: number;
}

/** Daily loss and drawdown limits (positive amounts of money). */
export interface LossOptions {
  readonly dailyLimit: number;
  /** Fraction of `dailyLimit` at which the kill switch is tripped to `reducing`. */
  readonly softFraction: number;
  readonly maxDrawdown: number;
}

/**
 * Correlation-adjusted exposure limit: the standard deviation of the portfolio's one-period PnL,
 * `sqrt(x' SIGMA x)` with `x` the signed notional per instrument (working orders counted as filled)
 * and `SIGMA` the EWMA covariance of log returns, refreshed by `refreshCovariance()`.
 */
export interface CorrelationOptions {
  /** EWMA decay. @defaultValue 0.94 */
  readonly lambda?: number;
  /** Max one-period PnL standard deviation, money. */
  readonly maxStdDev: number;
  /** Covariance refresh kernel. @defaultValue 'wasm' (WebAssembly SIMD, scalar fallback) */
  readonly kernel?: 'wasm' | 'scalar';
}

/** Options of {@link RiskEngine}. */
export interface RiskEngineOptions {
  /** @defaultValue `systemClock` */
  readonly clock?: Clock;
  readonly killSwitch: KillSwitchLike;
  readonly globalBreaker?: GlobalBreakerLike;
  readonly venues: readonly VenueOptions[];
  readonly instruments: readonly InstrumentOptions[];
  readonly strategies: readonly StrategyOptions[];
  readonly clusters?: readonly ClusterOptions[];
  /** EWMA-covariance limit (part of the CORRELATION_LIMIT check); off when absent. */
  readonly correlation?: CorrelationOptions;
  /** Missing means every risk-increasing order is denied with `CONFIG_MISSING`. */
  readonly loss?: LossOptions;
  /** Same instrument/side/qty/price within this window is a duplicate; 0 = off. @defaultValue 0 */
  readonly duplicateWindowMs?: number;
  /** Max orders working at once (reservation slots). @defaultValue 4096 */
  readonly maxWorkingOrders?: number;
  /**
   * Slots of each of the two client-id tables (current and previous session, so the memory is
   * `2 x 4 x clientIdCapacity` bytes); a power of two in [16, 2^26]. A table counts as full when
   * an id finds no free slot within 64 probes (ids issued in sequence: not before it is full;
   * random ids: from about 55–65 % fill); roll with `rollClientIds` before that. Each `check`
   * reads one random cache line of the tables: beyond the CPU caches that is a cache (and, past a
   * few MB, TLB) miss, so size it to one session, not larger (docs/decisions/0508).
   * @defaultValue 2^20
   */
  readonly clientIdCapacity?: number;
  /** Money per notional unit of the shared counters. @defaultValue chosen from the limits */
  readonly notionalUnit?: number;
  /**
   * Records each `check`'s duration (ns) here, e.g. a shared `LatencyHistogram`. Costs two
   * `performance.now()` reads per check; off when absent.
   */
  readonly checkLatency?: HistogramLike;
  /** Attach to the shared state of an engine created elsewhere with the same options. */
  readonly shared?: RiskEngineHandle;
}
