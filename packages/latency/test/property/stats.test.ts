import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '@tripwire/latency';
import { latencies, runs } from './oracle.js';

const options = { lowestNs: 100, highestNs: 10_000_000, significantDigits: 2 };
const BOUND = 0.01;

/** In-range streams mixed with values below lowestNs and above highestNs. */
const mixed = fc
  .tuple(
    latencies(options.lowestNs, options.highestNs, 120),
    fc.array(fc.integer({ min: 0, max: options.lowestNs - 1 }), { maxLength: 5 }),
    fc.array(fc.integer({ min: options.highestNs + 1, max: 1e12 }), { maxLength: 5 }),
  )
  .chain(([inRange, under, over]) =>
    fc.shuffledSubarray([...inRange, ...under, ...over], {
      minLength: inRange.length + under.length + over.length,
    }),
  );

function recordAll(h: LatencyHistogram, values: readonly number[]): LatencyHistogram {
  for (const v of values) h.record(v);
  return h;
}

describe('count, min, max, mean against a sorted array', () => {
  it('are consistent with the exact values (bounds within 1 %, exact out of range)', () => {
    fc.assert(
      fc.property(mixed, (values) => {
        const h = recordAll(new LatencyHistogram(options), values);
        const sorted = [...values].sort((a, b) => a - b);
        const lo = sorted[0] as number;
        const hi = sorted[sorted.length - 1] as number;
        const exactMean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
        expect(h.count).toBe(values.length);
        expect(h.underflow).toBe(values.filter((v) => v < options.lowestNs).length);
        expect(h.overflow).toBe(values.filter((v) => v > options.highestNs).length);
        // min is a lower bound within 1 % (exact below lowestNs), max an upper bound.
        expect(h.min).toBeLessThanOrEqual(lo);
        if (lo < options.lowestNs) expect(h.min).toBe(lo);
        else expect((lo - h.min) / lo).toBeLessThan(BOUND);
        expect(h.max).toBeGreaterThanOrEqual(hi);
        if (hi > options.highestNs) expect(h.max).toBe(hi);
        else expect((h.max - hi) / hi).toBeLessThan(BOUND);
        expect(Math.abs(h.mean - exactMean) / exactMean).toBeLessThan(BOUND);
        expect(h.percentile(0)).toBe(h.min);
        expect(h.percentile(100)).toBe(h.max);
      }),
      { numRuns: runs(120) },
    );
  });
});

describe('merge', () => {
  it('merging equals recording both streams into one histogram', () => {
    fc.assert(
      fc.property(mixed, mixed, (a, b) => {
        const merged = recordAll(new LatencyHistogram(options), a).merge(
          recordAll(new LatencyHistogram(options), b),
        );
        const both = recordAll(new LatencyHistogram(options), [...a, ...b]);
        expect(merged.snapshot()).toEqual(both.snapshot());
        expect(merged.toPrometheus('m')).toBe(both.toPrometheus('m'));
      }),
      { numRuns: runs(100) },
    );
  });

  it('leaves the other histogram unchanged, and merging into itself doubles every count', () => {
    fc.assert(
      fc.property(mixed, (a) => {
        const other = recordAll(new LatencyHistogram(options), a);
        const before = other.snapshot();
        const h = new LatencyHistogram(options).merge(other);
        expect(other.snapshot()).toEqual(before);
        expect(h.snapshot()).toEqual(before);
        h.merge(h);
        expect(h.count).toBe(2 * a.length);
        expect(h.snapshot().buckets.map((x) => x.count)).toEqual(
          before.buckets.map((x) => 2 * x.count),
        );
      }),
      { numRuns: runs(50) },
    );
  });
});
