import type { Clock } from './Clock.js';

/**
 * The process clock: `performance.timeOrigin + performance.now()`, in milliseconds since the
 * Unix epoch with sub-millisecond resolution.
 *
 * `performance.now()` alone restarts at 0 in every worker thread; adding the thread's
 * `timeOrigin` puts every worker on one time base, so a deadline stored in shared memory by one
 * thread means the same instant in every other (checked by `test/concurrency`).
 *
 * @example
 * ```ts
 * import { systemClock } from '@tripwire/clock';
 * const t = systemClock.now(); // e.g. 1795989281512.734
 * ```
 */
export const systemClock: Clock = Object.freeze({
  now(): number {
    return performance.timeOrigin + performance.now();
  },
});
