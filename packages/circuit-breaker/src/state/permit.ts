/**
 * Permits. A permit is a non-negative number that identifies the generation that issued it and,
 * in half-open, the probe slot and the slot's use count:
 *
 * - closed: the generation itself (`0 .. 2^30 - 1`): a small integer, so the closed hot path
 *   returns a V8 small integer and allocates nothing.
 * - half-open: `2^30 + (generation * 1024 + slot) * 4096 + use` (below 2^53, exact).
 *
 * A generation is only ever in one state, so the generation alone tells whether a permit is
 * current; the slot and use tell which probe admission it was (a released slot is reused with
 * `use + 1`, so the permit of the earlier admission can never be mistaken for the new one).
 */

/** Rejection codes returned by `tryAcquire` (negative, so `isPermit` is a sign test). */
export const REJECTED = {
  /** The breaker is open and the break is not over. */
  open: -1,
  /** Half-open and every probe slot of this generation is taken. */
  halfOpenFull: -2,
  /** Isolated by `isolate()`. */
  isolated: -3,
  /** `GlobalBreaker.tryAcquire`: the global breaker is open. */
  globalOpen: -4,
} as const;

/** A negative `tryAcquire` result. */
export type Rejection = (typeof REJECTED)[keyof typeof REJECTED];

/**
 * @param n - a `tryAcquire` result
 * @returns whether `n` is a permit (as opposed to a rejection code)
 * @example
 * ```ts
 * const p = cb.tryAcquire();
 * if (isPermit(p)) { ...; cb.onSuccess(p); }
 * ```
 */
export function isPermit(n: number): boolean {
  return n >= 0;
}

/** First half-open permit value. */
export const HALF_OPEN_BASE = 2 ** 30;
/** Maximum probe slots (`halfOpen.permits`). */
export const MAX_SLOTS = 1024;
/** Slot uses before the use counter wraps. */
export const MAX_USES = 4096;

/** @returns the half-open permit of `(generation, slot, use)`. */
export function halfOpenPermit(generation: number, slot: number, use: number): number {
  return HALF_OPEN_BASE + (generation * MAX_SLOTS + slot) * MAX_USES + use;
}
