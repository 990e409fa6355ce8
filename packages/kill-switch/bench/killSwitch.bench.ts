// Benchmark of @tripwire/kill-switch: the hot path `allows` against a plain read and a bare
// `Atomics.load` of a shared Int32Array element, and the facade's loads against the bare
// operations (they must cost nothing), all in the same run; then the slow paths (level read,
// hold + dispose, trip) against a bare compare-and-swap.
// Run: node --expose-gc --conditions=@tripwire/source --import tsx bench/killSwitch.bench.ts
// Writes bench/results.json and prints a markdown table of ratios.
import { writeFileSync } from 'node:fs';
import { bench, do_not_optimize, group, run, summary } from 'mitata';
import { ManualClock } from '@tripwire/clock';
import { KillSwitch } from '@tripwire/kill-switch';
import { load, loadRelaxed } from '../src/internal/shared.js';

const shared = new Int32Array(new SharedArrayBuffer(256));
const active = new KillSwitch({ clock: new ManualClock(0), secret: 'bench' });
const halted = new KillSwitch({ clock: new ManualClock(0), secret: 'bench' });
halted.trip({ level: 'halted', source: 'bench', reason: '' });
let i = 0;

group('hot path: may this order go out?', () => {
  summary(() => {
    bench('plain Int32Array read (baseline)', () => {
      i = (i + 1) & 15;
      do_not_optimize(shared[16 + (i & 0)] === 0);
    }).baseline(true);
    bench('Atomics.load', () => {
      i = (i + 1) & 15;
      do_not_optimize(Atomics.load(shared, 16 + (i & 0)) === 0);
    });
    bench('facade loadRelaxed', () => {
      i = (i + 1) & 15;
      do_not_optimize(loadRelaxed(shared, 16 + (i & 0)) === 0);
    });
    bench('facade load', () => {
      i = (i + 1) & 15;
      do_not_optimize(load(shared, 16 + (i & 0)) === 0);
    });
    bench("allows('increase') active", () => {
      i = (i + 1) & 15;
      do_not_optimize(active.allows('increase'));
    });
    bench("allows('reduce') halted", () => {
      i = (i + 1) & 15;
      do_not_optimize(halted.allows('reduce'));
    });
  });
});

const slow = new KillSwitch({ clock: new ManualClock(0), secret: 'bench', auditCapacity: 64 });
const watched = new KillSwitch({ clock: new ManualClock(0), secret: 'bench' });
const wd = watched.watchdog('feed', 1e12);
const casCell = new Int32Array(new SharedArrayBuffer(64));

group('slow paths', () => {
  summary(() => {
    bench('Atomics.compareExchange (baseline)', () => {
      const v = Atomics.load(casCell, 0);
      do_not_optimize(Atomics.compareExchange(casCell, 0, v, v + 1));
    }).baseline(true);
    bench('level (no watchdogs)', () => {
      do_not_optimize(slow.level);
    });
    bench('level (1 watchdog: clock read + scan)', () => {
      do_not_optimize(watched.level);
    });
    bench('watchdog beat', () => {
      wd.beat();
    });
    bench('hold + dispose (2 CAS + 2 audit records)', () => {
      slow.hold('bench', 'reducing').dispose();
    });
    bench('trip below latched (audit only)', () => {
      halted.trip({ level: 'reducing', source: 'bench', reason: 'noop' });
    });
  });
});

const { benchmarks } = await run();
const avg = new Map(benchmarks.map((b) => [b.alias, b.runs[0]?.stats?.avg ?? NaN]));
const p50 = new Map(benchmarks.map((b) => [b.alias, b.runs[0]?.stats?.p50 ?? NaN]));
const ns = (alias: string): number => avg.get(alias) ?? NaN;
const med = (alias: string): number => p50.get(alias) ?? NaN;
const PLAIN = 'plain Int32Array read (baseline)';
const CAS = 'Atomics.compareExchange (baseline)';
const rows: [string, string][] = [
  ["allows('increase') active", PLAIN],
  ["allows('increase') active", 'Atomics.load'],
  ["allows('reduce') halted", PLAIN],
  ['Atomics.load', PLAIN],
  ['facade loadRelaxed', PLAIN],
  ['facade load', 'Atomics.load'],
  ['level (no watchdogs)', CAS],
  ['level (1 watchdog: clock read + scan)', CAS],
  ['watchdog beat', CAS],
  ['hold + dispose (2 CAS + 2 audit records)', CAS],
  ['trip below latched (audit only)', CAS],
];
const fmt = (x: number): string =>
  x < 1_000 ? `${x.toFixed(2)} ns` : `${(x / 1_000).toFixed(2)} µs`;
console.log(
  '\n| Subject | avg (p50) | Baseline (same run) | avg (p50) | Ratio avg (p50) |\n|---|---|---|---|---|',
);
for (const [a, b] of rows) {
  console.log(
    `| ${a} | ${fmt(ns(a))} (${fmt(med(a))}) | ${b} | ${fmt(ns(b))} (${fmt(med(b))}) | ` +
      `${(ns(a) / ns(b)).toFixed(2)}x (${(med(a) / med(b)).toFixed(2)}x) |`,
  );
}
writeFileSync(
  new URL('./results.json', import.meta.url),
  JSON.stringify(
    {
      node: process.version,
      arch: process.arch,
      averagesNs: Object.fromEntries(avg),
      p50Ns: Object.fromEntries(p50),
    },
    null,
    2,
  ) + '\n',
);
