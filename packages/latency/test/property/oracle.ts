// The oracle of the property tests: exact statistics of the same values, from a sorted array.
import fc from 'fast-check';

/** Nearest-rank percentile of sorted integers (the definition the histogram documents). */
export function exactPercentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p * sorted.length) / 100)));
  return sorted[rank - 1] as number;
}

// fc.double is uniform over representable doubles (dense near 0), so uniform fractions are built
// from integers instead.
const unit = fc.integer({ min: 0, max: 2 ** 30 }).map((i) => i / 2 ** 30);

/** Integer latencies spread log-uniformly over [lo, hi]: every octave gets values. */
export function logUniform(lo: number, hi: number): fc.Arbitrary<number> {
  const [a, b] = [Math.log2(lo), Math.log2(hi)];
  return unit.map((u) => Math.min(hi, Math.max(lo, Math.floor(2 ** (a + u * (b - a))))));
}

/** Integers near a power of two (octave edges, where bucket arithmetic goes wrong). */
export function nearOctaveEdge(lo: number, hi: number): fc.Arbitrary<number> {
  return fc
    .tuple(
      fc.integer({ min: Math.floor(Math.log2(lo)), max: Math.ceil(Math.log2(hi)) }),
      unit.map((u) => -0.02 + u * 0.07),
    )
    .map(([k, f]) => Math.min(hi, Math.max(lo, Math.floor(2 ** k * (1 + f)))));
}

/**
 * Streams of in-range latencies: log-uniform, near octave edges, and clusters (many equal or
 * adjacent values).
 */
export function latencies(lo: number, hi: number, maxLength = 200): fc.Arbitrary<number[]> {
  return fc.oneof(
    fc.array(logUniform(lo, hi), { minLength: 1, maxLength }),
    fc.array(fc.oneof(logUniform(lo, hi), nearOctaveEdge(lo, hi)), { minLength: 1, maxLength }),
    fc
      .tuple(
        logUniform(lo, hi),
        fc.array(fc.integer({ min: 0, max: 64 }), { minLength: 1, maxLength }),
      )
      .map(([base, offsets]) => offsets.map((o) => Math.min(hi, base + o))),
  );
}

/** Percentiles to query: the usual ones plus arbitrary doubles in [0, 100]. */
export const percentiles: fc.Arbitrary<number[]> = fc
  .array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 20 })
  .map((ps) => [0, 1, 25, 50, 75, 90, 99, 99.9, 99.99, 100, ...ps]);

/** `n` runs, multiplied by LATENCY_SOAK (the `npm run soak` script) for a longer search. */
export function runs(n: number): number {
  return n * Number(process.env['LATENCY_SOAK'] ?? 1);
}
