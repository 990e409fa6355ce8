// Benchmark of @tripwire/latency: `record` against a bare `Atomics.add` on a shared Int32Array,
// the facade's `add` (must cost nothing) and hdr-histogram-js `recordValue`, all in the same run;
// then percentile and snapshot queries against hdr-histogram-js `getValueAtPercentile`.
// Run: node --expose-gc --conditions=@tripwire/source --import tsx bench/histogram.bench.ts
// Writes bench/results.json and prints a markdown table of ratios.
import { writeFileSync } from 'node:fs';
import * as hdr from 'hdr-histogram-js';
import { bench, do_not_optimize, group, run, summary } from 'mitata';
import { LatencyHistogram } from '@tripwire/latency';
import { add } from '../src/internal/shared.js';

// 4096 latencies, log-uniform between 100 ns and 1 ms (a risk check .. a venue round trip).
const VALUES = new Float64Array(4096);
let seed = 42;
for (let i = 0; i < VALUES.length; i++) {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  VALUES[i] = Math.floor(100 * 10 ** ((seed / 2 ** 32) * 4));
}
const MASK = VALUES.length - 1;

const ours = new LatencyHistogram({ lowestNs: 1, highestNs: 60e9, significantDigits: 2 });
const theirs = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 60e9,
  numberOfSignificantValueDigits: 2,
  bitBucketSize: 32,
});
const shared = new Int32Array(new SharedArrayBuffer(4096 * 4));
let k = 0;

group('record one value', () => {
  summary(() => {
    bench('Atomics.add (baseline)', () => {
      k = (k + 1) & MASK;
      do_not_optimize(Atomics.add(shared, (VALUES[k] as number) & 1023, 1));
    }).baseline(true);
    bench('facade add', () => {
      k = (k + 1) & MASK;
      do_not_optimize(add(shared, (VALUES[k] as number) & 1023, 1));
    });
    bench('LatencyHistogram.record', () => {
      k = (k + 1) & MASK;
      ours.record(VALUES[k] as number);
    });
    bench('hdr-histogram-js recordValue', () => {
      k = (k + 1) & MASK;
      theirs.recordValue(VALUES[k] as number);
    });
  });
});

const full = new LatencyHistogram();
const fullHdr = hdr.build({
  lowestDiscernibleValue: 1,
  highestTrackableValue: 60e9,
  numberOfSignificantValueDigits: 2,
});
for (let i = 0; i < 100_000; i++) {
  full.record(VALUES[i & MASK] as number);
  fullHdr.recordValue(VALUES[i & MASK] as number);
}

group('query (100k values recorded)', () => {
  summary(() => {
    bench('hdr-histogram-js getValueAtPercentile(99) (baseline)', () => {
      do_not_optimize(fullHdr.getValueAtPercentile(99));
    }).baseline(true);
    bench('LatencyHistogram.percentile(99)', () => {
      do_not_optimize(full.percentile(99));
    });
    bench('LatencyHistogram.snapshot()', () => {
      do_not_optimize(full.snapshot());
    });
  });
});

const { benchmarks } = await run();
// Medians: on a shared, loaded machine the mean is dominated by preemptions and GC pauses.
const avg = new Map(benchmarks.map((b) => [b.alias, b.runs[0]?.stats?.p50 ?? NaN]));
const ns = (alias: string): number => avg.get(alias) ?? NaN;
const rows: [string, number, string, number][] = [
  ['facade add', ns('facade add'), 'Atomics.add (baseline)', ns('Atomics.add (baseline)')],
  [
    'LatencyHistogram.record',
    ns('LatencyHistogram.record'),
    'Atomics.add (baseline)',
    ns('Atomics.add (baseline)'),
  ],
  [
    'LatencyHistogram.record',
    ns('LatencyHistogram.record'),
    'hdr-histogram-js recordValue',
    ns('hdr-histogram-js recordValue'),
  ],
  [
    'LatencyHistogram.percentile(99)',
    ns('LatencyHistogram.percentile(99)'),
    'hdr-histogram-js getValueAtPercentile(99) (baseline)',
    ns('hdr-histogram-js getValueAtPercentile(99) (baseline)'),
  ],
  [
    'LatencyHistogram.snapshot()',
    ns('LatencyHistogram.snapshot()'),
    'hdr-histogram-js getValueAtPercentile(99) (baseline)',
    ns('hdr-histogram-js getValueAtPercentile(99) (baseline)'),
  ],
];
const fmt = (x: number): string =>
  x < 1_000 ? `${x.toFixed(2)} ns` : `${(x / 1_000).toFixed(2)} µs`;
console.log('\n| Subject | median | Baseline (same run) | median | Ratio |\n|---|---|---|---|---|');
for (const [a, ta, b, tb] of rows) {
  console.log(`| ${a} | ${fmt(ta)} | ${b} | ${fmt(tb)} | ${(ta / tb).toFixed(2)}x |`);
}
writeFileSync(
  new URL('./results.json', import.meta.url),
  JSON.stringify(
    { node: process.version, arch: process.arch, mediansNs: Object.fromEntries(avg) },
    null,
    2,
  ) + '\n',
);
