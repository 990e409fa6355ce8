// The percentile property, shared by percentiles.test.ts (the real histogram) and
// brokenBuckets.test.ts (a deliberately broken bucket function, which it must catch).
import fc from 'fast-check';
import { LatencyHistogram } from '@tripwire/latency';
import { exactPercentile, latencies, percentiles } from './oracle.js';

/**
 * For every stream of in-range values and every p, `percentile(p)` is within 10^-d relative
 * error of the exact nearest-rank percentile of the sorted values, and (p > 0) not below it.
 */
export function percentileProperty(
  options: { lowestNs: number; highestNs: number; significantDigits: number },
  maxValue = options.highestNs,
) {
  const bound = 10 ** -options.significantDigits;
  return fc.property(latencies(options.lowestNs, maxValue), percentiles, (values, ps) => {
    const h = new LatencyHistogram(options);
    for (const v of values) h.record(v);
    const sorted = [...values].sort((a, b) => a - b);
    // Every rank as well as the chosen percentiles.
    const all = [...ps, ...sorted.map((_, i) => ((i + 1) * 100) / sorted.length)];
    for (const p of all) {
      const exact = exactPercentile(sorted, p);
      const got = h.percentile(p);
      const error = Math.abs(got - exact) / exact;
      if (!(error < bound) || (p > 0 && got < exact)) {
        throw new Error(`percentile(${p}) = ${got}, exact ${exact}, relative error ${error}`);
      }
    }
  });
}
