import type { BreakerModelOptions } from './BreakerModelOptions.js';
import type { HalfOpenBudget } from './halfOpenBudget.js';
import type { WindowEntry } from './slidingWindow.js';

/** The four breaker states of DESIGN §3. */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** Why the breaker changed state (DESIGN §3 item 10, `cause`). */
export type BreakerCause =
  | 'failure-rate'
  | 'consecutive-failures'
  | 'slow-call-rate'
  | 'open-elapsed'
  | 'half-open-success'
  | 'half-open-failure'
  | 'lease-expired'
  | 'isolate'
  | 'dispose'
  | 'reset';

/** What `onSuccess` / `onFailure` / `release` return. */
export type ResultOutcome = 'recorded' | 'stale' | 'duplicate';

/**
 * The return value of the last event: a permit or a rejection (ACQUIRE), an outcome
 * (SUCCESS / FAILURE / RELEASE), a hold id (ISOLATE), `undefined` for SNAPSHOT, DISPOSE, RESET.
 */
export type BreakerResult = number | ResultOutcome | undefined;

/** The event a subscriber receives for one generation change (DESIGN §3 item 10). */
export interface BreakerTransition {
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly generation: number;
  readonly at: number;
  readonly cause: BreakerCause;
}

/** Events of `circuitBreakerMachine`; each carries the clock's `now` (ms). */
export type BreakerEvent =
  | { type: 'ACQUIRE'; now: number }
  | { type: 'SUCCESS'; permit: number; now: number; durationMs?: number }
  | { type: 'FAILURE'; permit: number; now: number; durationMs?: number }
  | { type: 'RELEASE'; permit: number; now: number }
  | { type: 'SNAPSHOT'; now: number }
  | { type: 'ISOLATE'; now: number }
  | { type: 'DISPOSE'; holdId: number; now: number }
  | { type: 'RESET'; now: number };

/** Input of `circuitBreakerMachine`. */
export interface BreakerInput {
  readonly options: BreakerModelOptions;
  readonly now: number;
}

/**
 * Context of `circuitBreakerMachine`. The first block is what the model-based tests compare with
 * the implementation after every step; the second is the model's own bookkeeping.
 */
export interface BreakerContext {
  readonly generation: number;
  readonly calls: number;
  readonly failures: number;
  readonly slowCalls: number;
  readonly consecutiveFailures: number;
  readonly notPermitted: number;
  readonly halfOpenInFlight: number;
  readonly openedAt: number | undefined;
  /** Opens since the breaker was last closed (drives the backoff). */
  readonly openCount: number;
  /** Live isolation hold ids, in the order they were taken. */
  readonly isolationHolds: readonly number[];
  readonly lastResult: BreakerResult;
  /** The transition the last event made, if it changed the generation. */
  readonly lastTransition: BreakerTransition | undefined;

  readonly options: BreakerModelOptions;
  /** `now` of the last event. */
  readonly now: number;
  /** The recorded results in the window (oldest first). */
  readonly window: readonly WindowEntry[];
  /** The half-open admissions of the current generation (empty outside half-open). */
  readonly halfOpen: HalfOpenBudget;
  /** The id the next ISOLATE returns (ids are never reused). */
  readonly nextHoldId: number;
}
