import type { BucketScheme } from '../buckets/BucketScheme.js';
import { HISTOGRAM_LAYOUT } from '../layout.js';
import type { ResolvedHistogramOptions } from '../options.js';
import { readCounts } from './counts.js';
import { readCell } from './float64Cell.js';

const X = HISTOGRAM_LAYOUT.extremes;

/**
 * One read of a histogram's shared memory, from which every statistic is computed, so that the
 * figures of one `snapshot()` agree with each other even while other threads record.
 *
 * Conventions (docs/decisions/0402-latency-percentile-definition.md): `percentile` returns the
 * highest value of the bucket holding the nearest-rank value (an upper bound within the
 * precision), `min` the lowest value of the first bucket (a lower bound), `max` the highest value
 * of the last; out-of-range values are tracked exactly. An empty capture gives NaN.
 */
export class Capture {
  /** Counts per slot: buckets, then underflow, overflow, invalid. */
  readonly counts: Float64Array;
  /** Valid values (in range, underflow, overflow), computed by `read`. */
  count = 0;
  /** Smallest underflow value (NaN when none). */
  underMin = NaN;
  /** Largest underflow value (NaN when none). */
  underMax = NaN;
  /** Smallest overflow value (NaN when none). */
  overMin = NaN;
  /** Largest overflow value (NaN when none). */
  overMax = NaN;
  /** Sum of the underflow values. */
  underSum = 0;
  /** Sum of the overflow values. */
  overSum = 0;
  readonly #scheme: BucketScheme;
  readonly #o: ResolvedHistogramOptions;

  /**
   * @param scheme - bucket geometry.
   * @param options - configuration.
   */
  constructor(scheme: BucketScheme, options: ResolvedHistogramOptions) {
    this.#scheme = scheme;
    this.#o = options;
    this.counts = new Float64Array(scheme.buckets + HISTOGRAM_LAYOUT.extraSlots);
  }

  /**
   * Reads the counters, then the extremes: a recorder writes an extreme before it counts the
   * value (both sequentially consistent), so a counted out-of-range value has its extreme here.
   * @param low - low count words.
   * @param high - carry words.
   * @param extremes - float64 cells of the out-of-range extremes and sums.
   * @returns this capture, filled.
   */
  read(low: Int32Array, high: Int32Array, extremes: BigInt64Array): this {
    // The invalid counter is the last slot (layout.ts), so this is buckets + under + overflow.
    this.count = readCounts(low, high, this.counts);
    // Extremes only when they are in use (each read allocates a BigInt).
    this.underMin = this.underMax = this.overMin = this.overMax = NaN;
    this.underSum = this.overSum = 0;
    if (this.underflow > 0) {
      this.underMin = readCell(extremes, X.underMin);
      this.underMax = readCell(extremes, X.underMax);
      this.underSum = readCell(extremes, X.underSum);
    }
    if (this.overflow > 0) {
      this.overMin = readCell(extremes, X.overMin);
      this.overMax = readCell(extremes, X.overMax);
      this.overSum = readCell(extremes, X.overSum);
    }
    return this;
  }

  /** Values below lowestNs. */
  get underflow(): number {
    return this.counts[this.#scheme.buckets + HISTOGRAM_LAYOUT.extra.underflow] as number;
  }

  /** Values above highestNs. */
  get overflow(): number {
    return this.counts[this.#scheme.buckets + HISTOGRAM_LAYOUT.extra.overflow] as number;
  }

  /** Non-finite or negative values (not part of `count`). */
  get invalid(): number {
    return this.counts[this.#scheme.buckets + HISTOGRAM_LAYOUT.extra.invalid] as number;
  }

  /** Lower bound of the smallest value (exact when it is out of range). */
  get min(): number {
    if (this.underflow > 0) return this.underMin;
    for (let i = 0; i < this.#scheme.buckets; i++) {
      if ((this.counts[i] as number) > 0) {
        return Math.max(this.#scheme.lowestEquivalent(i), this.#o.lowestNs);
      }
    }
    return this.overflow > 0 ? this.overMin : NaN;
  }

  /** Upper bound of the largest value (exact when it is out of range). */
  get max(): number {
    if (this.overflow > 0) return this.overMax;
    for (let i = this.#scheme.buckets - 1; i >= 0; i--) {
      if ((this.counts[i] as number) > 0) return this.#top(i);
    }
    return this.underflow > 0 ? this.underMax : NaN;
  }

  /** Estimated sum: bucket midpoints plus the exact sums of out-of-range values. */
  get sum(): number {
    let s = this.underSum + this.overSum;
    for (let i = 0; i < this.#scheme.buckets; i++) {
      const c = this.counts[i] as number;
      if (c > 0) s += c * this.#scheme.midpoint(i);
    }
    return s;
  }

  /** Estimated mean (NaN when empty). */
  get mean(): number {
    const n = this.count;
    return n === 0 ? NaN : this.sum / n;
  }

  /**
   * @param p - percentile in [0, 100], already validated.
   * @returns the nearest-rank percentile (NaN when empty); `p = 0` is `min`.
   */
  percentile(p: number): number {
    const n = this.count;
    if (n === 0) return NaN;
    if (p === 0) return this.min;
    const rank = Math.min(n, Math.max(1, Math.ceil((p * n) / 100)));
    let seen = this.underflow;
    if (seen >= rank) return this.underMax;
    for (let i = 0; i < this.#scheme.buckets; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return this.#top(i);
    }
    return this.overMax;
  }

  #top(i: number): number {
    return Math.min(this.#scheme.highestEquivalent(i), this.#o.highestNs);
  }
}
