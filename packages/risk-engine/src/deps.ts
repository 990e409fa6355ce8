/**
 * What the engine uses from its sibling packages, typed structurally so any implementation (the
 * real `@tripwire/kill-switch` / `@tripwire/circuit-breaker` classes, or a test fake) fits.
 */

/** Trading levels of a kill switch (DESIGN §4). */
export type TradingLevel = 'active' | 'reducing' | 'halted';

/** The part of `@tripwire/kill-switch`'s `KillSwitch` the engine uses. */
export interface KillSwitchLike {
  /** One shared-memory load: may an order of this intent trade now? */
  allows(intent: 'increase' | 'reduce'): boolean;
  /** Latched trip; only ever raises the level. */
  trip(request: { level: 'reducing' | 'halted'; source: string; reason: string }): unknown;
  /** Effective level. */
  readonly level: TradingLevel;
}

/** The part of `@tripwire/circuit-breaker`'s `CircuitBreaker` the engine uses (one per venue). */
export interface VenueBreakerLike {
  /** A non-negative permit, or a negative rejection. Never throws. */
  tryAcquire(): number;
  /** Gives a permit back without a result. */
  release(permit: number): unknown;
  /** Current state, read by `explain` only (it must not take a permit). */
  readonly state?: string;
}

/** The part of `@tripwire/circuit-breaker`'s `GlobalBreaker` the engine uses. */
export interface GlobalBreakerLike {
  readonly state: 'closed' | 'open' | 'half-open';
}

/** The part of `@tripwire/latency`'s `LatencyHistogram` the engine uses (check latency). */
export interface HistogramLike {
  /** Records one value in nanoseconds. */
  record(ns: number): void;
}
