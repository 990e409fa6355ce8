import { ModelOptionsError } from '../errors/ModelOptionsError.js';

/** A sliding window of the last `size` recorded results (DESIGN §3 item 8). */
export interface CountWindowOptions {
  readonly type: 'count';
  readonly size: number;
}

/** A sliding window of `durationMs`, aged out in `buckets` equal buckets (DESIGN §3 item 8). */
export interface TimeWindowOptions {
  readonly type: 'time';
  readonly durationMs: number;
  readonly buckets: number;
}

/** Re-open backoff: the n-th consecutive open lasts `min(openMs * factor^(n-1), maxMs)`. */
export interface OpenBackoffOptions {
  readonly factor: number;
  readonly maxMs: number;
}

/** Half-open probing: admissions per generation, successes that close, lease of a probe. */
export interface HalfOpenModelOptions {
  readonly permits: number;
  readonly successesToClose: number;
  readonly leaseMs: number;
}

/**
 * The breaker options of DESIGN §3 as plain data (no clock, no `isFailure`), already defaulted
 * and validated: what `circuitBreakerMachine` takes as `input.options`.
 */
export interface BreakerModelOptions {
  readonly window: CountWindowOptions | TimeWindowOptions;
  /** Rate rules apply only when the window holds at least this many calls (clamped to `size`). */
  readonly minimumCalls: number;
  /** Open when `failures / calls >= failureRateThreshold`. */
  readonly failureRateThreshold: number;
  /** Open when consecutive failures `>=` this (ignores `minimumCalls`). */
  readonly consecutiveFailures: number;
  /** A call is slow when `durationMs > slowCallMs` (strict); `undefined` disables the rule. */
  readonly slowCallMs: number | undefined;
  /** Open when `slowCalls / calls >= slowCallRateThreshold`. */
  readonly slowCallRateThreshold: number;
  /** Break duration of the first open. */
  readonly openMs: number;
  /** Optional re-open backoff; `undefined`: every open lasts `openMs`. */
  readonly openBackoff: OpenBackoffOptions | undefined;
  readonly halfOpen: HalfOpenModelOptions;
}

/** What {@link resolveBreakerModelOptions} accepts: any subset, nested objects whole or partial. */
export interface PartialBreakerModelOptions {
  readonly window?: CountWindowOptions | TimeWindowOptions;
  readonly minimumCalls?: number;
  readonly failureRateThreshold?: number;
  readonly consecutiveFailures?: number;
  readonly slowCallMs?: number | undefined;
  readonly slowCallRateThreshold?: number;
  readonly openMs?: number;
  readonly openBackoff?: OpenBackoffOptions | undefined;
  readonly halfOpen?: Partial<HalfOpenModelOptions>;
}

/**
 * The defaults of DESIGN §3, exactly as shown there.
 *
 * @defaultValue count window of 20, minimumCalls 10, failure rate 0.5, 5 consecutive failures,
 * no slow-call rule (threshold 1), openMs 5 000, backoff x2 up to 60 000, half-open 3 permits /
 * 3 successes / 10 000 ms lease.
 */
export const defaultBreakerModelOptions: BreakerModelOptions = Object.freeze({
  window: Object.freeze({ type: 'count', size: 20 }),
  minimumCalls: 10,
  failureRateThreshold: 0.5,
  consecutiveFailures: 5,
  slowCallMs: undefined,
  slowCallRateThreshold: 1,
  openMs: 5_000,
  openBackoff: Object.freeze({ factor: 2, maxMs: 60_000 }),
  halfOpen: Object.freeze({ permits: 3, successesToClose: 3, leaseMs: 10_000 }),
});

function positive(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0))
    throw new ModelOptionsError(field, value, 'positive and finite');
}

function positiveInteger(field: string, value: number): void {
  if (!(Number.isSafeInteger(value) && value > 0))
    throw new ModelOptionsError(field, value, 'a positive integer');
}

function fraction(field: string, value: number): void {
  if (!(value > 0 && value <= 1)) throw new ModelOptionsError(field, value, 'in (0, 1]');
}

/**
 * Fills in the DESIGN §3 defaults, validates, and clamps `minimumCalls` to a count window's size.
 *
 * @param partial - the options a user would pass to `new CircuitBreaker(...)` (no functions)
 * @returns complete, frozen model options
 * @throws {@link ModelOptionsError} naming the first bad field and its value
 * @example
 * ```ts
 * resolveBreakerModelOptions({ window: { type: 'count', size: 4 } }).minimumCalls; // 4
 * ```
 */
export function resolveBreakerModelOptions(
  partial: PartialBreakerModelOptions = {},
): BreakerModelOptions {
  const d = defaultBreakerModelOptions;
  const window = partial.window ?? d.window;
  if (window.type === 'count') {
    positiveInteger('window.size', window.size);
  } else if (window.type === 'time') {
    positive('window.durationMs', window.durationMs);
    positiveInteger('window.buckets', window.buckets);
  } else {
    throw new ModelOptionsError(
      'window.type',
      (window as { type: unknown }).type,
      "'count' or 'time'",
    );
  }
  const minimumCalls = partial.minimumCalls ?? d.minimumCalls;
  positiveInteger('minimumCalls', minimumCalls);
  const failureRateThreshold = partial.failureRateThreshold ?? d.failureRateThreshold;
  fraction('failureRateThreshold', failureRateThreshold);
  const consecutiveFailures = partial.consecutiveFailures ?? d.consecutiveFailures;
  positiveInteger('consecutiveFailures', consecutiveFailures);
  const slowCallMs = 'slowCallMs' in partial ? partial.slowCallMs : d.slowCallMs;
  if (slowCallMs !== undefined) positive('slowCallMs', slowCallMs);
  const slowCallRateThreshold = partial.slowCallRateThreshold ?? d.slowCallRateThreshold;
  fraction('slowCallRateThreshold', slowCallRateThreshold);
  const openMs = partial.openMs ?? d.openMs;
  positive('openMs', openMs);
  const openBackoff = 'openBackoff' in partial ? partial.openBackoff : d.openBackoff;
  if (openBackoff !== undefined) {
    positive('openBackoff.factor', openBackoff.factor);
    positive('openBackoff.maxMs', openBackoff.maxMs);
  }
  const halfOpen = { ...d.halfOpen, ...partial.halfOpen };
  positiveInteger('halfOpen.permits', halfOpen.permits);
  positiveInteger('halfOpen.successesToClose', halfOpen.successesToClose);
  positive('halfOpen.leaseMs', halfOpen.leaseMs);
  if (halfOpen.successesToClose > halfOpen.permits) {
    throw new ModelOptionsError(
      'halfOpen.successesToClose',
      halfOpen.successesToClose,
      '<= halfOpen.permits',
    );
  }
  return Object.freeze({
    window: Object.freeze({ ...window }),
    minimumCalls: window.type === 'count' ? Math.min(minimumCalls, window.size) : minimumCalls,
    failureRateThreshold,
    consecutiveFailures,
    slowCallMs,
    slowCallRateThreshold,
    openMs,
    openBackoff: openBackoff === undefined ? undefined : Object.freeze({ ...openBackoff }),
    halfOpen: Object.freeze(halfOpen),
  });
}

/**
 * The break duration of the `openCount`-th consecutive open (DESIGN §3, `openBackoff`).
 *
 * @param options - resolved model options
 * @param openCount - opens since the breaker was last closed (1 for the first)
 * @returns `openMs` without backoff, else `min(openMs * factor^(openCount - 1), maxMs)`
 */
export function openDurationMs(options: BreakerModelOptions, openCount: number): number {
  const b = options.openBackoff;
  if (b === undefined) return options.openMs;
  return Math.min(options.openMs * b.factor ** Math.max(0, openCount - 1), b.maxMs);
}
