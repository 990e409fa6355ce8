import type { ScenarioInfo } from '../model/Scenario.js';
import type { ScenarioError, ScenarioResult } from '../model/ScenarioResult.js';

/** The part of mitata's per-run statistics the report uses (nanoseconds). */
export interface MitataStats {
  readonly avg: number;
  readonly p50: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

/** One run of a mitata trial (a trial with arguments has one run per argument value). */
export interface MitataRun {
  readonly name: string;
  readonly stats?: MitataStats | undefined;
  readonly error?: unknown;
}

/** One mitata trial, i.e. one `bench(...)`. */
export interface MitataTrial {
  readonly alias: string;
  readonly group?: number;
  readonly baseline?: boolean;
  readonly runs: readonly MitataRun[];
}

/** What mitata 1.x `run()` resolves to (`layout` is present in 1.0.34 though not typed). */
export interface MitataRunOutput {
  readonly benchmarks: readonly MitataTrial[];
  readonly layout?: readonly { readonly name: string | number | null }[];
}

/** Scenarios and errors read from mitata's output. */
export interface CollectedResults {
  readonly scenarios: ScenarioResult[];
  readonly errors: ScenarioError[];
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}

/**
 * Turns mitata's `run()` output into scenario results, attaching what each suite declared about
 * a scenario (baseline, kind, target) by its name. Trials without a declaration (a package's
 * bench file) take mitata's own group name and `.baseline()` mark: a trial marked as baseline is
 * the baseline of every other trial of its group.
 *
 * @param output - the value `run()` resolved to.
 * @param declared - scenario declarations by name (empty for package bench files).
 * @returns the scenarios measured and the ones that threw.
 */
export function fromMitata(
  output: MitataRunOutput,
  declared: ReadonlyMap<string, ScenarioInfo> = new Map(),
): CollectedResults {
  const scenarios: ScenarioResult[] = [];
  const errors: ScenarioError[] = [];
  const groupName = (id: number | undefined): string | null => {
    const name = id === undefined ? null : output.layout?.[id]?.name;
    return typeof name === 'string' ? name : null;
  };
  const baselineOfGroup = new Map<number, string>();
  for (const trial of output.benchmarks) {
    const first = trial.runs[0];
    if (trial.baseline === true && trial.group !== undefined && first !== undefined) {
      baselineOfGroup.set(trial.group, first.name);
    }
  }
  for (const trial of output.benchmarks) {
    for (const run of trial.runs) {
      if (run.stats === undefined) {
        errors.push({ name: run.name, message: messageOf(run.error) });
        continue;
      }
      const info = declared.get(run.name);
      const implicitBaseline =
        trial.group === undefined ? undefined : baselineOfGroup.get(trial.group);
      const baseline =
        info !== undefined
          ? info.baseline
          : implicitBaseline !== run.name
            ? implicitBaseline
            : undefined;
      const s = run.stats;
      scenarios.push({
        name: run.name,
        group: info?.group ?? groupName(trial.group),
        kind: info?.kind ?? (trial.baseline === true ? 'baseline' : 'ours'),
        meanNs: s.avg,
        p50Ns: s.p50,
        p99Ns: s.p99,
        minNs: s.min,
        maxNs: s.max,
        samples: s.samples.length,
        ...(baseline === undefined ? {} : { baseline }),
        ...(info?.versus === undefined ? {} : { versus: info.versus }),
        ...(info?.reference === undefined ? {} : { reference: info.reference }),
        ...(info?.target === undefined ? {} : { target: info.target }),
        ...(info?.note === undefined ? {} : { note: info.note }),
      });
    }
  }
  return { scenarios, errors };
}
