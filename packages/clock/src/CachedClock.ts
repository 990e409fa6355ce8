import type { Clock } from './Clock.js';
import { CLOCK_ERROR, ClockError } from './errors/ClockError.js';
import { systemClock } from './systemClock.js';

/**
 * A clock whose `now()` is one field read: the time of the last `update()`, taken from a source
 * clock (by default {@link systemClock}). For threads that read the time far more often than they
 * can afford a system clock read (~45-70 ns on Node 20): an open breaker rejecting a flood of
 * calls, a risk engine checking every order. The application refreshes it from its own duty
 * cycle (once per batch of orders, per message, or from a timer it owns), so time as the
 * primitives see it advances in steps of the refresh interval, and every instant stamped or
 * compared on it is up to one interval old: a duration measured between two readings (a break,
 * a lease, a price's age) may come out up to one interval longer or shorter than in real time.
 *
 * Monotonic: an `update()` that reads an earlier time from its source keeps the current time.
 * The primitives schedule nothing (DESIGN §2); this clock schedules nothing either.
 *
 * @example
 * ```ts
 * import { CachedClock } from '@tripwire/clock';
 * const clock = new CachedClock();            // reads systemClock once now
 * const timer = setInterval(() => clock.update(), 1); // the application's timer, not the clock's
 * timer.unref();
 * clock.now();                                // the time of the last update, one field read
 * ```
 */
export class CachedClock implements Clock {
  readonly #source: Clock;
  #now: number;

  /**
   * @param source - the clock `update()` reads.
   * @defaultValue source {@link systemClock}
   * @throws ClockError `'INVALID_SOURCE'` when `source` has no `now()` method;
   * `'INVALID_TIME'` when its first reading is not finite.
   */
  constructor(source: Clock = systemClock) {
    if (typeof (source as { now?: unknown } | null | undefined)?.now !== 'function') {
      throw new ClockError(
        CLOCK_ERROR.invalidSource,
        'source',
        source,
        `source must be a Clock (an object with a now() method), got ${typeof source === 'object' && source !== null ? 'an object without now()' : String(source)}`,
      );
    }
    this.#source = source;
    this.#now = this.#read();
  }

  /** @returns the time of the last `update()` (or of construction) in ms. */
  now(): number {
    return this.#now;
  }

  /**
   * Reads the source clock and moves this clock to its time (never backwards).
   * @returns the new time in ms.
   * @throws ClockError `'INVALID_TIME'` when the source returns a non-finite time (the clock is
   * left unchanged).
   */
  update(): number {
    const t = this.#read();
    if (t > this.#now) this.#now = t;
    return this.#now;
  }

  #read(): number {
    const t = this.#source.now();
    if (!Number.isFinite(t)) {
      throw new ClockError(
        CLOCK_ERROR.invalidTime,
        'source.now()',
        t,
        `source.now() must return a finite number of milliseconds, got ${String(t)}`,
      );
    }
    return t;
  }
}
