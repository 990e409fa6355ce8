import * as bucketIndexes from './buckets/bucketIndex.js';
import type { BucketScheme } from './buckets/BucketScheme.js';
import { HISTOGRAM_ERROR, HistogramError } from './errors/HistogramError.js';
import { Capture } from './internal/Capture.js';
import { addCount, clearCounts, increment } from './internal/counts.js';
import { addToCell, lowerCell, raiseCell } from './internal/float64Cell.js';
import { HistogramMemory } from './internal/HistogramMemory.js';
import * as sharedMemory from './internal/shared.js';
import { HISTOGRAM_LAYOUT } from './layout.js';
import {
  resolveOptions,
  type LatencyHistogramOptions,
  type ResolvedHistogramOptions,
} from './options.js';
import { toPrometheusText } from './prometheus/toPrometheusText.js';
import { toSnapshot, type LatencyHistogramSnapshot } from './snapshot.js';

// Imports used per call, re-bound as module constants: V8 reads an imported binding through its
// module cell with a hole check at every use, and folds a module-level `const` (decision 0207).
const { bucketIndex, bucketIndexOf } = bucketIndexes;
const { add } = sharedMemory;

const X = HISTOGRAM_LAYOUT.extremes;

/** Structured-cloneable handle of a {@link LatencyHistogram}: post it to a worker. */
export interface LatencyHistogramHandle {
  readonly buffer: SharedArrayBuffer;
  readonly options: ResolvedHistogramOptions;
}

// Set by `attach` for the duration of one constructor call (synchronous, so never observed by
// any other construction).
let attaching: HistogramMemory | undefined;

/**
 * A log-linear (HDR-style) latency histogram in a `SharedArrayBuffer`: every worker that attaches
 * it records into one set of buckets. `record(ns)` is one `Atomics.add`; percentiles are within
 * `10^-significantDigits` relative error (1 % by default); values out of range are counted, never
 * lost. Values are integer nanoseconds: `record(x)` records `Math.floor(x)`.
 *
 * @example
 * ```ts
 * const h = new LatencyHistogram();            // 1 ns .. 60 s, 2 significant digits
 * h.record(1_250);
 * h.percentile(99);                            // 1250
 * worker.postMessage(h.share());               // in the worker: LatencyHistogram.attach(handle)
 * ```
 */
export class LatencyHistogram {
  /** Smallest in-range value in ns. */
  readonly lowestNs: number;
  /** Largest in-range value in ns. */
  readonly highestNs: number;
  /** Decimal digits of precision. */
  readonly significantDigits: number;
  readonly #options: ResolvedHistogramOptions;
  readonly #scheme: BucketScheme;
  readonly #memory: HistogramMemory;
  readonly #low: Int32Array;
  readonly #high: Int32Array;
  readonly #extremes: BigInt64Array;
  // Hot-path constants, copied out of the scheme so `record` reads only this object.
  readonly #lowest: number;
  readonly #fastLimit: number;
  readonly #highLimit: number;
  readonly #mask: number;
  readonly #unit: number;
  readonly #half: number;
  readonly #capture: Capture;

  /**
   * @param options - range and precision; every field has a default.
   * @throws HistogramError `'INVALID_OPTIONS'` naming the invalid field and its value.
   */
  constructor(options: LatencyHistogramOptions = {}) {
    const memory = attaching ?? HistogramMemory.create(resolveOptions(options));
    attaching = undefined;
    this.#memory = memory;
    this.#options = memory.options;
    this.#scheme = memory.scheme;
    this.lowestNs = memory.options.lowestNs;
    this.highestNs = memory.options.highestNs;
    this.significantDigits = memory.options.significantDigits;
    this.#low = memory.low;
    this.#high = memory.high;
    this.#extremes = memory.extremes;
    this.#lowest = this.lowestNs;
    this.#highLimit = this.highestNs + 1;
    this.#fastLimit = Math.min(this.#highLimit, 2 ** 31);
    this.#mask = this.#scheme.mask;
    this.#unit = this.#scheme.unit;
    this.#half = this.#scheme.half;
    this.#capture = new Capture(this.#scheme, this.#options);
  }

  /**
   * Attaches to a histogram created in another thread (same memory, same buckets).
   * @param handle - from `share()`.
   * @throws HistogramError `'FOREIGN_BUFFER'` when the buffer is not a histogram's (magic,
   *   version, size), `'CONFIG_MISMATCH'` when its header disagrees with `handle.options`.
   */
  static attach(handle: LatencyHistogramHandle): LatencyHistogram {
    attaching = HistogramMemory.attach(handle);
    return new LatencyHistogram();
  }

  /** @returns a structured-cloneable handle for `postMessage`. */
  share(): LatencyHistogramHandle {
    return { buffer: this.#memory.buffer, options: { ...this.#options } };
  }

  /**
   * Records one latency. Never throws, never allocates for a number in range. Values below
   * `lowestNs` / above `highestNs` are counted in `underflow` / `overflow` (with exact extremes
   * and sums); `NaN`, infinities and negative values in `invalid`.
   * @param ns - latency in nanoseconds; fractional values are truncated.
   */
  record(ns: number): void {
    // NaN fails both comparisons and takes the slow path.
    if (ns >= this.#lowest && ns < this.#fastLimit) {
      const i = bucketIndex(ns, this.#mask, this.#unit, this.#half);
      // The one atomic add. Sequentially consistent, so a reader that sees it sees every earlier
      // write of this thread; the carry below runs once in 2^31 values of a bucket.
      const prev = add(this.#low, i, 1);
      if ((prev & 0x7fffffff) === 0x7fffffff) add(this.#high, i, 1);
      return;
    }
    this.#recordSlow(ns);
  }

  #recordSlow(ns: number): void {
    const e = this.#extremes;
    const extra = this.#scheme.buckets;
    if (ns >= this.#lowest && ns < this.#highLimit) {
      increment(this.#low, this.#high, bucketIndexOf(ns, this.#unit, this.#half));
    } else if (ns >= 0 && ns < this.#lowest) {
      const v = Math.floor(ns) + 0; // + 0 turns -0 into 0
      // Extremes before the count: a reader that sees the count sees them.
      lowerCell(e, X.underMin, v);
      raiseCell(e, X.underMax, v);
      addToCell(e, X.underSum, v);
      increment(this.#low, this.#high, extra + HISTOGRAM_LAYOUT.extra.underflow);
    } else if (ns >= this.#highLimit && ns < Infinity) {
      const v = Math.floor(ns);
      lowerCell(e, X.overMin, v);
      raiseCell(e, X.overMax, v);
      addToCell(e, X.overSum, v);
      increment(this.#low, this.#high, extra + HISTOGRAM_LAYOUT.extra.overflow);
    } else {
      increment(this.#low, this.#high, extra + HISTOGRAM_LAYOUT.extra.invalid);
    }
  }

  #read(): Capture {
    return this.#capture.read(this.#low, this.#high, this.#extremes);
  }

  /** Valid values recorded (in range, underflow and overflow; not `invalid`). */
  get count(): number {
    return this.#read().count;
  }

  /** Values recorded below `lowestNs`. */
  get underflow(): number {
    return this.#read().underflow;
  }

  /** Values recorded above `highestNs`. */
  get overflow(): number {
    return this.#read().overflow;
  }

  /** `NaN`, infinite or negative values passed to `record` (not part of `count`). */
  get invalid(): number {
    return this.#read().invalid;
  }

  /** Smallest value: the lowest value of its bucket (exact below `lowestNs`); NaN when empty. */
  get min(): number {
    return this.#read().min;
  }

  /** Largest value: the highest value of its bucket (exact above `highestNs`); NaN when empty. */
  get max(): number {
    return this.#read().max;
  }

  /** Mean, from bucket midpoints (within the precision); NaN when empty. */
  get mean(): number {
    return this.#read().mean;
  }

  /**
   * The nearest-rank percentile: the highest value of the bucket holding the value of rank
   * `ceil(p / 100 * count)` (at least 1), so at least `p` % of the values are <= the result, and
   * the result is within `10^-significantDigits` of that value. `percentile(0)` is `min`,
   * `percentile(100)` is `max`. Ranks in the underflow return the largest underflow value, ranks
   * in the overflow the largest overflow value.
   * @param p - percentile in [0, 100].
   * @returns the value in ns; NaN when the histogram is empty.
   * @throws HistogramError `'INVALID_PERCENTILE'` when `p` is not a number in [0, 100].
   */
  percentile(p: number): number {
    if (typeof p !== 'number' || !(p >= 0 && p <= 100)) {
      throw new HistogramError(
        HISTOGRAM_ERROR.invalidPercentile,
        'p',
        p,
        `p must be a number in [0, 100], got ${String(p)}`,
      );
    }
    return this.#read().percentile(p);
  }

  /**
   * Adds every value of `other` to this histogram (`other` is unchanged). Safe while other
   * threads record into either.
   * @param other - a histogram of the same configuration.
   * @returns this histogram.
   * @throws HistogramError `'CONFIG_MISMATCH'` naming the differing option, `'INVALID_ARGUMENT'`
   *   when `other` is not a LatencyHistogram.
   */
  merge(other: LatencyHistogram): this {
    if (typeof other !== 'object' || other === null || !(#memory in other)) {
      throw new HistogramError(
        HISTOGRAM_ERROR.invalidArgument,
        'other',
        other,
        'other must be a LatencyHistogram',
      );
    }
    for (const key of ['lowestNs', 'highestNs', 'significantDigits'] as const) {
      if (other.#options[key] !== this.#options[key]) {
        throw new HistogramError(
          HISTOGRAM_ERROR.configMismatch,
          `other.${key}`,
          other.#options[key],
          `cannot merge: other.${key} is ${other.#options[key]}, this histogram's is ${this.#options[key]}`,
        );
      }
    }
    // A fresh capture: `other` may be this very histogram.
    const c = new Capture(other.#scheme, other.#options).read(
      other.#low,
      other.#high,
      other.#extremes,
    );
    const e = this.#extremes;
    if (c.underflow > 0) {
      lowerCell(e, X.underMin, c.underMin);
      raiseCell(e, X.underMax, c.underMax);
      addToCell(e, X.underSum, c.underSum);
    }
    if (c.overflow > 0) {
      lowerCell(e, X.overMin, c.overMin);
      raiseCell(e, X.overMax, c.overMax);
      addToCell(e, X.overSum, c.overSum);
    }
    for (let i = 0; i < c.counts.length; i++) {
      const k = c.counts[i] as number;
      if (k > 0) addCount(this.#low, this.#high, i, k);
    }
    return this;
  }

  /**
   * Empties the histogram. Values recorded by other threads during the reset may land on either
   * side of it.
   */
  reset(): void {
    clearCounts(this.#low, this.#high);
    HistogramMemory.clearExtremes(this.#extremes);
  }

  /** @returns a plain JSON-safe picture: counts, extremes, p50/p90/p99/p99.9, non-empty buckets. */
  snapshot(): LatencyHistogramSnapshot {
    return toSnapshot(this.#read(), this.#scheme, this.#options);
  }

  /**
   * Prometheus text exposition (`# TYPE name histogram`, cumulative `name_bucket{le=...}` per
   * octave, `name_sum`, `name_count`), values in nanoseconds.
   * @param name - metric name, e.g. `'risk_check_latency_nanoseconds'`.
   * @param labels - constant labels added to every series.
   * @returns the text, ending with a newline.
   * @throws HistogramError `'INVALID_ARGUMENT'` for an invalid name, label name or label value.
   */
  toPrometheus(name: string, labels?: Readonly<Record<string, string>>): string {
    return toPrometheusText(this.#read(), this.#scheme, this.#options, name, labels);
  }
}
