import type { BucketScheme } from './buckets/BucketScheme.js';
import type { Capture } from './internal/Capture.js';
import type { ResolvedHistogramOptions } from './options.js';

/** One non-empty bucket of a {@link LatencyHistogramSnapshot}: integers `lowNs..highNs`. */
export interface HistogramBucket {
  /** Smallest integer value the bucket holds, in ns. */
  readonly lowNs: number;
  /** Largest integer value the bucket holds, in ns. */
  readonly highNs: number;
  /** Values recorded in it. */
  readonly count: number;
}

/**
 * A plain, JSON-safe picture of a histogram (`JSON.parse(JSON.stringify(s))` deep-equals `s`).
 * Statistics of an empty histogram are `null` (the methods return `NaN`, which JSON cannot hold).
 */
export interface LatencyHistogramSnapshot {
  /** Configuration: smallest in-range value. */
  readonly lowestNs: number;
  /** Configuration: largest in-range value. */
  readonly highestNs: number;
  /** Configuration: decimal digits of precision. */
  readonly significantDigits: number;
  /** Valid values recorded: in range, underflow and overflow. */
  readonly count: number;
  /** Values below `lowestNs`. */
  readonly underflow: number;
  /** Values above `highestNs`. */
  readonly overflow: number;
  /** Non-finite or negative values, not part of `count`. */
  readonly invalid: number;
  /** As `min`; null when empty. */
  readonly min: number | null;
  /** As `max`; null when empty. */
  readonly max: number | null;
  /** As `mean`; null when empty. */
  readonly mean: number | null;
  /** Nearest-rank percentiles, as `percentile(p)`. */
  readonly percentiles: {
    readonly p50: number | null;
    readonly p90: number | null;
    readonly p99: number | null;
    readonly 'p99.9': number | null;
  };
  /** The non-empty in-range buckets, in increasing order. */
  readonly buckets: readonly HistogramBucket[];
}

function orNull(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/**
 * @param c - a capture of the histogram.
 * @param scheme - its bucket geometry.
 * @param o - its configuration.
 * @returns the snapshot.
 */
export function toSnapshot(
  c: Capture,
  scheme: BucketScheme,
  o: ResolvedHistogramOptions,
): LatencyHistogramSnapshot {
  const buckets: HistogramBucket[] = [];
  for (let i = 0; i < scheme.buckets; i++) {
    const count = c.counts[i] as number;
    if (count > 0) {
      buckets.push({
        lowNs: Math.max(scheme.lowestEquivalent(i), o.lowestNs),
        highNs: Math.min(scheme.highestEquivalent(i), o.highestNs),
        count,
      });
    }
  }
  return {
    lowestNs: o.lowestNs,
    highestNs: o.highestNs,
    significantDigits: o.significantDigits,
    count: c.count,
    underflow: c.underflow,
    overflow: c.overflow,
    invalid: c.invalid,
    min: orNull(c.min),
    max: orNull(c.max),
    mean: orNull(c.mean),
    percentiles: {
      p50: orNull(c.percentile(50)),
      p90: orNull(c.percentile(90)),
      p99: orNull(c.percentile(99)),
      'p99.9': orNull(c.percentile(99.9)),
    },
    buckets,
  };
}
