// Preloaded into every suite process by the runner (`--import`): registers the module hooks that
// redirect `mitata` to the recording shim, and at exit writes what a bare `run()` measured
// (a package's bench file) unless `runSuite` already wrote the suite's result.
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BENCH_ENV, isSmoke } from '../env.js';
import { fromMitata } from './fromMitata.js';
import { guardSmokeWrites } from './guardSmokeWrites.js';
import type { HooksData } from './hooks.js';
import { benchRegistry } from './registry.js';
import { smokeNotes, writeSuiteResult } from './writeSuiteResult.js';

/** Minimum time per benchmark in smoke mode: 1 ms (mitata still takes at least 12 samples). */
const SMOKE_MIN_CPU_TIME_NS = 1e6;

const data: HooksData = { smoke: isSmoke(), smokeMinCpuTimeNs: SMOKE_MIN_CPU_TIME_NS };
register('./hooks.ts', import.meta.url, { data });
const resultsDir = process.env[BENCH_ENV.results];
if (data.smoke) {
  // The workspace stays protected even when the checkout itself lies under the tmpdir (CI).
  const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
  guardSmokeWrites(
    [tmpdir(), ...(resultsDir === undefined ? [] : [resultsDir])],
    (path) => benchRegistry().skippedWrites.push(path),
    workspaceRoot,
  );
}

process.on('exit', () => {
  const registry = benchRegistry();
  if (registry.written) return;
  const scenarios = [];
  const errors = [];
  for (const output of registry.runs) {
    const collected = fromMitata(output);
    scenarios.push(...collected.scenarios);
    errors.push(...collected.errors);
  }
  writeSuiteResult({
    suite: process.env[BENCH_ENV.suite] ?? 'unnamed',
    file: process.env[BENCH_ENV.file] ?? process.argv[1] ?? '',
    source: 'mitata',
    smoke: isSmoke(),
    scenarios,
    errors,
    notes: [
      ...(registry.runs.length === 0 ? ['mitata run() was never called'] : []),
      ...smokeNotes(registry.skippedWrites),
    ],
  });
});
