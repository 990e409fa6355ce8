import type { Clock } from './Clock.js';
import { CLOCK_ERROR, ClockError } from './errors/ClockError.js';
import { checkFinite, checkForward, checkStep } from './internal/checkTime.js';
import { CLOCK_LAYOUT } from './layout.js';

/** Structured-cloneable handle of a {@link SharedManualClock}: post it to a worker. */
export interface SharedManualClockHandle {
  readonly buffer: SharedArrayBuffer;
}

/**
 * A manual clock whose time lives in a `SharedArrayBuffer`, so a test can drive time in several
 * worker threads at once. Every thread that attaches the same buffer reads and moves one clock.
 * Monotonic across threads: concurrent `set` / `advance` calls are compare-and-swap loops, and a
 * `set` to a time earlier than the shared current time throws.
 *
 * @example
 * ```ts
 * const clock = new SharedManualClock(0);
 * worker.postMessage(clock.share());
 * // in the worker: const clock = SharedManualClock.attach(handle);
 * clock.advance(5_000); // every attached thread now reads 5000
 * ```
 */
export class SharedManualClock implements Clock {
  readonly #words: Int32Array;
  readonly #time: BigInt64Array;
  // Per-instance scratch to convert between a float64 and its bits without allocating a view.
  readonly #scratchF = new Float64Array(1);
  readonly #scratchB = new BigInt64Array(this.#scratchF.buffer);

  /**
   * @param start - initial time in ms, or a handle from `share()` (prefer `attach`).
   * @throws ClockError when `start` is not finite.
   */
  constructor(start: number | SharedManualClockHandle = 0) {
    if (typeof start === 'number') {
      checkFinite('start', start);
      const buffer = new SharedArrayBuffer(CLOCK_LAYOUT.byteLength);
      this.#words = new Int32Array(buffer);
      this.#time = new BigInt64Array(buffer);
      Atomics.store(this.#time, CLOCK_LAYOUT.timeIndex, this.#bits(start));
      Atomics.store(this.#words, CLOCK_LAYOUT.versionIndex, CLOCK_LAYOUT.version);
      // Magic last: a thread that sees the magic sees an initialised clock.
      Atomics.store(this.#words, CLOCK_LAYOUT.magicIndex, CLOCK_LAYOUT.magic);
    } else {
      const buffer: unknown = start?.buffer;
      if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < CLOCK_LAYOUT.byteLength) {
        throw new ClockError(
          CLOCK_ERROR.foreignBuffer,
          'handle.buffer',
          buffer,
          'handle.buffer must be the SharedArrayBuffer of a SharedManualClock',
        );
      }
      this.#words = new Int32Array(buffer);
      this.#time = new BigInt64Array(buffer);
      const magic = Atomics.load(this.#words, CLOCK_LAYOUT.magicIndex);
      const version = Atomics.load(this.#words, CLOCK_LAYOUT.versionIndex);
      if (magic !== CLOCK_LAYOUT.magic || version !== CLOCK_LAYOUT.version) {
        throw new ClockError(
          CLOCK_ERROR.foreignBuffer,
          'handle.buffer',
          { magic, version },
          `handle.buffer is not a SharedManualClock v${CLOCK_LAYOUT.version} (magic ${magic}, version ${version})`,
        );
      }
    }
  }

  /**
   * Attaches to a clock created in another thread.
   * @throws ClockError `'FOREIGN_BUFFER'` when the buffer is not a clock's.
   */
  static attach(handle: SharedManualClockHandle): SharedManualClock {
    // Checked here: the constructor would take a missing handle for its default start time and
    // return a new, unshared clock.
    if (typeof handle !== 'object' || handle === null) {
      throw new ClockError(
        CLOCK_ERROR.foreignBuffer,
        'handle',
        handle,
        `handle must be the { buffer } of SharedManualClock.share(), got ${String(handle)}`,
      );
    }
    return new SharedManualClock(handle);
  }

  /** @returns a structured-cloneable handle for `postMessage`. */
  share(): SharedManualClockHandle {
    return { buffer: this.#time.buffer as SharedArrayBuffer };
  }

  /** @returns the shared current time in ms. */
  now(): number {
    return this.#float(Atomics.load(this.#time, CLOCK_LAYOUT.timeIndex));
  }

  /**
   * Moves the shared clock to `ms`.
   * @throws ClockError when `ms` is not finite or earlier than the shared current time.
   */
  set(ms: number): void {
    checkFinite('ms', ms);
    const next = this.#bits(ms);
    for (;;) {
      const seen = Atomics.load(this.#time, CLOCK_LAYOUT.timeIndex);
      checkForward('ms', this.#float(seen), ms);
      // CAS so that a concurrent advance in another worker is never overwritten by an older value.
      if (Atomics.compareExchange(this.#time, CLOCK_LAYOUT.timeIndex, seen, next) === seen) return;
    }
  }

  /**
   * Moves the shared clock forward by `ms` (atomically with respect to other threads) and returns
   * the new time.
   * @throws ClockError when `ms` is negative or not finite.
   */
  advance(ms: number): number {
    checkStep('ms', ms);
    for (;;) {
      const seen = Atomics.load(this.#time, CLOCK_LAYOUT.timeIndex);
      const next = this.#float(seen) + ms;
      if (
        Atomics.compareExchange(this.#time, CLOCK_LAYOUT.timeIndex, seen, this.#bits(next)) === seen
      ) {
        return next;
      }
    }
  }

  #bits(ms: number): bigint {
    this.#scratchF[0] = ms;
    return this.#scratchB[0] as bigint;
  }

  #float(bits: bigint): number {
    this.#scratchB[0] = bits;
    return this.#scratchF[0] as number;
  }
}
