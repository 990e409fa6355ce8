/**
 * A source of time in milliseconds. Monotonic: successive calls never return a smaller value.
 * May be fractional.
 *
 * @example
 * ```ts
 * import { systemClock, type Clock } from '@tripwire/clock';
 * const clock: Clock = systemClock;
 * const deadline = clock.now() + 5_000;
 * ```
 */
export interface Clock {
  /** @returns the current time in milliseconds. */
  now(): number;
}
