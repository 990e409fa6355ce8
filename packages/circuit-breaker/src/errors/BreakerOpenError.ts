import type { BreakerState } from '../state/stateWord.js';

/**
 * `execute()` was not admitted: the breaker is open, half-open with no probe slot left, or
 * isolated. An expected outcome of `execute`, not a bug: catch it and fall back.
 *
 * @example
 * ```ts
 * try {
 *   await cb.execute(() => fetchQuote());
 * } catch (e) {
 *   if (isBreakerOpenError(e)) setTimeout(retry, e.retryAfterMs);
 * }
 * ```
 */
export class BreakerOpenError extends Error {
  override readonly name = 'BreakerOpenError';
  /** Always `'BREAKER_OPEN'`. */
  readonly code = 'BREAKER_OPEN' as const;
  /** The breaker state that refused the call. */
  readonly state: BreakerState;
  /**
   * Milliseconds until the breaker may admit again: the rest of the break while open, `0` while
   * half-open (a probe slot may free at any time), `Infinity` while isolated (manual).
   */
  readonly retryAfterMs: number;

  /**
   * @param state - the refusing state
   * @param retryAfterMs - see {@link BreakerOpenError.retryAfterMs}
   */
  constructor(state: BreakerState, retryAfterMs: number) {
    super(`circuit breaker is ${state}; retry after ${retryAfterMs} ms`);
    this.state = state;
    this.retryAfterMs = retryAfterMs;
  }
}

/** @returns whether `e` is a {@link BreakerOpenError}, also across realms (no `instanceof`). */
export function isBreakerOpenError(e: unknown): e is BreakerOpenError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'BreakerOpenError' &&
    (e as { code?: unknown }).code === 'BREAKER_OPEN'
  );
}
