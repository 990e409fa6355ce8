import type { Measured } from '../model/ScenarioResult.js';

function median(sorted: Float64Array): number {
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

function at(sorted: Float64Array, p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

/**
 * Latency of single calls and single-core throughput of `fn`, for percentile targets that
 * mitata's batched samples cannot show: every call is timed between two `performance.now()`
 * reads, the median cost of an empty timed pair is subtracted (clamped at 0), then `fn` runs in
 * a tight loop for `durationMs` to count calls per second.
 *
 * @param fn - the operation.
 * @param calls - calls to time one by one.
 * @param durationMs - length of the throughput loop.
 * @returns p50 / p99 / min / max of single calls; mean = 1e9 / throughput; throughput on 1 thread.
 */
export function measurePerCall(fn: () => unknown, calls: number, durationMs: number): Measured {
  for (let i = 0; i < 20_000; i++) fn();
  const empty = new Float64Array(Math.min(calls, 100_000));
  for (let i = 0; i < empty.length; i++) {
    const t0 = performance.now();
    empty[i] = (performance.now() - t0) * 1e6;
  }
  const overhead = median(empty.sort());
  const samples = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    fn();
    samples[i] = Math.max(0, (performance.now() - t0) * 1e6 - overhead);
  }
  samples.sort();

  let ops = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 256; i++) fn();
    ops += 256;
    now = performance.now();
  }
  const opsPerSec = (ops * 1e3) / (now - start);
  return {
    meanNs: 1e9 / opsPerSec,
    p50Ns: at(samples, 50),
    p99Ns: at(samples, 99),
    minNs: samples[0] ?? Number.NaN,
    maxNs: samples[samples.length - 1] ?? Number.NaN,
    samples: calls,
    throughput: { workers: 1, totalOpsPerSec: opsPerSec, perWorkerOpsPerSec: opsPerSec },
  };
}
