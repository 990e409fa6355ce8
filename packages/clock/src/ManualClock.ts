import type { Clock } from './Clock.js';
import { checkFinite, checkForward, checkStep } from './internal/checkTime.js';

/**
 * A clock that moves only when told to: the deterministic time source of tests and simulations.
 * It never goes backwards: `set` to an earlier time, or a negative `advance`, throws a
 * `ClockError` with code `'CLOCK_BACKWARDS'`.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(1_000);
 * clock.advance(250);
 * clock.now(); // 1250
 * ```
 */
export class ManualClock implements Clock {
  #now: number;

  /**
   * @param start - initial time in ms.
   * @defaultValue start `0`
   * @throws ClockError `'INVALID_TIME'` when `start` is not finite.
   */
  constructor(start = 0) {
    checkFinite('start', start);
    this.#now = start;
  }

  /** @returns the current manual time in ms. */
  now(): number {
    return this.#now;
  }

  /**
   * Moves the clock to `ms`.
   * @throws ClockError when `ms` is not finite or earlier than `now()`.
   */
  set(ms: number): void {
    checkForward('ms', this.#now, ms);
    this.#now = ms;
  }

  /**
   * Moves the clock forward by `ms` and returns the new time.
   * @throws ClockError when `ms` is negative or not finite.
   */
  advance(ms: number): number {
    checkStep('ms', ms);
    this.#now += ms;
    return this.#now;
  }
}
