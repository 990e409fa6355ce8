import { bench, group, run, summary } from 'mitata';
import { BENCH_ENV, isSmoke } from '../env.js';
import { benchRegistry } from '../collect/registry.js';
import { fromMitata, type MitataRunOutput } from '../collect/fromMitata.js';
import { smokeNotes, writeSuiteResult } from '../collect/writeSuiteResult.js';
import {
  isCustomScenario,
  type BenchScenario,
  type ScenarioInfo,
  type SuiteDefinition,
} from '../model/Scenario.js';
import type { ScenarioError, ScenarioResult, SuiteResult } from '../model/ScenarioResult.js';
import { formatNs } from '../report/format.js';
import { validateSuite } from './validateSuite.js';
import { warmedBench } from '../collect/warmFirst.js';

function infoOf(s: ScenarioInfo): ScenarioInfo {
  return {
    name: s.name,
    ...(s.group === undefined ? {} : { group: s.group }),
    ...(s.kind === undefined ? {} : { kind: s.kind }),
    ...(s.baseline === undefined ? {} : { baseline: s.baseline }),
    ...(s.versus === undefined ? {} : { versus: s.versus }),
    ...(s.reference === undefined ? {} : { reference: s.reference }),
    ...(s.target === undefined ? {} : { target: s.target }),
    ...(s.note === undefined ? {} : { note: s.note }),
  };
}

/**
 * Runs a suite: its mitata scenarios through mitata's `bench` / `group` / `summary` / `run`
 * (printing mitata's table), then its custom scenarios; writes the suite's JSON result when the
 * runner gave a results directory (`TRIPWIRE_BENCH_RESULTS`).
 *
 * @param suite - name, scenarios and notes.
 * @returns the suite's result.
 * @throws {@link InvalidSuiteError} when the definition is inconsistent (before measuring).
 * @example
 * ```ts
 * await runSuite({
 *   name: 'atomics',
 *   scenarios: [
 *     { name: 'Atomics.load', kind: 'baseline', bench: () => do_not_optimize(Atomics.load(a, 0)) },
 *   ],
 * });
 * ```
 */
export async function runSuite(suite: SuiteDefinition): Promise<SuiteResult> {
  validateSuite(suite);
  const smoke = isSmoke();
  const declared = new Map(suite.scenarios.map((s) => [s.name, infoOf(s)]));
  const benches = suite.scenarios.filter((s): s is BenchScenario => !isCustomScenario(s));
  const baselineNames = new Set(suite.scenarios.map((s) => s.baseline));

  const groups = new Map<string, BenchScenario[]>();
  for (const s of benches) {
    const key = s.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const [name, members] of groups) {
    const register = (): void => {
      summary(() => {
        for (const s of members) {
          const b = bench(s.name, warmedBench(s.bench) as () => unknown);
          if (baselineNames.has(s.name)) b.baseline(true);
        }
      });
    };
    if (name === '') register();
    else group(name, register);
  }

  const scenarios: ScenarioResult[] = [];
  const errors: ScenarioError[] = [];
  if (benches.length > 0) {
    const output = (await run({ colors: false })) as unknown as MitataRunOutput;
    const collected = fromMitata(output, declared);
    scenarios.push(...collected.scenarios);
    errors.push(...collected.errors);
  }
  for (const s of suite.scenarios) {
    if (!isCustomScenario(s)) continue;
    try {
      const m = await s.measure({ smoke });
      const info = infoOf(s);
      scenarios.push({ ...info, group: info.group ?? null, kind: info.kind ?? 'ours', ...m });
      const tp = m.throughput;
      console.log(
        `${s.name.padEnd(64)} ${formatNs(m.meanNs).padStart(10)}/op  p99 ${formatNs(m.p99Ns)}` +
          (tp === undefined
            ? ''
            : `  ${Math.round(tp.perWorkerOpsPerSec).toLocaleString('en-US')} ops/s per worker`),
      );
    } catch (e) {
      errors.push({ name: s.name, message: e instanceof Error ? e.message : String(e) });
      console.error(`${s.name}: error: ${String(e)}`);
    }
  }

  const order = new Map(suite.scenarios.map((s, i) => [s.name, i]));
  scenarios.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  const result: SuiteResult = {
    suite: process.env[BENCH_ENV.suite] ?? suite.name,
    file: process.env[BENCH_ENV.file] ?? process.argv[1] ?? '',
    source: 'runSuite',
    smoke,
    scenarios,
    errors,
    notes: [...(suite.notes ?? []), ...smokeNotes(benchRegistry().skippedWrites)],
  };
  writeSuiteResult(result);
  benchRegistry().written = true;
  return result;
}
