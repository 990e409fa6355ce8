import type { Reference, ScenarioKind, Target } from '../model/Scenario.js';
import type { ScenarioError, ScenarioResult, Throughput } from '../model/ScenarioResult.js';
import type { SuiteOutcome } from '../runner/runSuites.js';
import type { MachineInfo } from './machineInfo.js';

/** Whether a DESIGN §8 target held in this run. */
export type TargetStatus = 'met' | 'missed' | 'unknown';

/** One scenario in `docs/benchmarks.json`. */
export interface ReportEntry {
  readonly suite: string;
  readonly name: string;
  readonly group: string | null;
  readonly kind: ScenarioKind;
  readonly meanNs: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly samples: number;
  /**
   * The baseline it is compared with. `ratio` = median / baseline median and `deltaNs` = median -
   * baseline median (medians resist the preemption spikes of a shared machine); `meanRatio` is
   * the same ratio of means. For throughput scenarios (worker contention) `ratio` is the ratio
   * of means, i.e. of inverse throughputs: a batch median would hide the time lost to contention.
   */
  readonly baseline: {
    name: string;
    meanNs: number;
    p50Ns: number;
    ratio: number;
    meanRatio: number;
    deltaNs: number;
  } | null;
  /** For a peer: our scenario; `ratio` = peer median / our median, `meanRatio` of means. */
  readonly versus: {
    name: string;
    meanNs: number;
    p50Ns: number;
    ratio: number;
    meanRatio: number;
  } | null;
  /** A published figure; ratio = our median (mean for throughput scenarios) / the figure. */
  readonly reference: (Reference & { ratio: number }) | null;
  readonly target: (Target & { status: TargetStatus; detail: string }) | null;
  readonly throughput: Throughput | null;
  readonly note: string | null;
}

/** One suite in the report. */
export interface ReportSuite {
  readonly id: string;
  readonly file: string;
  readonly source: 'runSuite' | 'mitata' | 'none';
  readonly durationMs: number;
  readonly failure: string | null;
  readonly errors: readonly ScenarioError[];
  readonly notes: readonly string[];
}

/** The whole run: `docs/benchmarks.json`. */
export interface Report {
  readonly generatedAt: string;
  readonly smoke: boolean;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly loadAverageAtEnd: number;
  readonly durationMs: number;
  readonly suites: readonly ReportSuite[];
  readonly scenarios: readonly ReportEntry[];
}

/** What {@link buildReport} needs besides the outcomes. */
export interface ReportContext {
  readonly generatedAt: string;
  readonly smoke: boolean;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly loadAverageAtEnd: number;
  readonly durationMs: number;
}

function evaluateTarget(
  s: ScenarioResult,
  target: Target,
  find: (name: string) => ScenarioResult | undefined,
): { status: TargetStatus; detail: string } {
  const checks: { ok: boolean; text: string }[] = [];
  const fmt = (n: number): string => n.toPrecision(3);
  if (target.maxMeanNs !== undefined) {
    checks.push({
      ok: s.meanNs <= target.maxMeanNs,
      text: `mean ${fmt(s.meanNs)} ns <= ${target.maxMeanNs} ns`,
    });
  }
  if (target.maxP50Ns !== undefined) {
    checks.push({
      ok: s.p50Ns <= target.maxP50Ns,
      text: `p50 ${fmt(s.p50Ns)} ns <= ${target.maxP50Ns} ns`,
    });
  }
  if (target.maxP99Ns !== undefined) {
    checks.push({
      ok: s.p99Ns <= target.maxP99Ns,
      text: `p99 ${fmt(s.p99Ns)} ns <= ${target.maxP99Ns} ns`,
    });
  }
  const base = s.baseline === undefined ? undefined : find(s.baseline);
  if (target.maxRatio !== undefined) {
    if (base === undefined) return { status: 'unknown', detail: 'baseline not measured' };
    const r = s.p50Ns / base.p50Ns;
    checks.push({
      ok: r <= target.maxRatio,
      text: `${fmt(r)}x <= ${target.maxRatio}x ${base.name}`,
    });
  }
  if (target.fasterThan !== undefined) {
    const other = find(target.fasterThan);
    if (other === undefined)
      return { status: 'unknown', detail: `${target.fasterThan} not measured` };
    checks.push({
      ok: s.p50Ns < other.p50Ns,
      text: `median ${fmt(s.p50Ns)} ns < ${other.name}'s ${fmt(other.p50Ns)} ns`,
    });
  }
  if (target.maxOverheadRatio !== undefined) {
    const peer = find(target.maxOverheadRatio.peer);
    const peerBase = peer?.baseline === undefined ? undefined : find(peer.baseline);
    if (base === undefined || peer === undefined || peerBase === undefined) {
      return { status: 'unknown', detail: 'peer or baseline not measured' };
    }
    const ours = s.p50Ns - base.p50Ns;
    const theirs = peer.p50Ns - peerBase.p50Ns;
    const r = ours / theirs;
    checks.push({
      ok: theirs > 0 && r <= target.maxOverheadRatio.ratio,
      text: `overhead ${fmt(ours)} ns = ${fmt(r)}x ${peer.name}'s ${fmt(theirs)} ns`,
    });
  }
  if (checks.length === 0) return { status: 'unknown', detail: 'no bound given' };
  return {
    status: checks.every((c) => c.ok) ? 'met' : 'missed',
    detail: checks.map((c) => c.text).join('; '),
  };
}

/**
 * Joins every suite's result into the report: each scenario with its baseline, its competitor,
 * its published reference figure and its target, all resolved by name within the suite.
 *
 * @param outcomes - what each suite process produced.
 * @param context - machine and run details.
 * @returns the report (`docs/benchmarks.json`).
 */
export function buildReport(outcomes: readonly SuiteOutcome[], context: ReportContext): Report {
  const suites: ReportSuite[] = [];
  const scenarios: ReportEntry[] = [];
  for (const o of outcomes) {
    const r = o.result;
    suites.push({
      id: o.suite.id,
      file: o.suite.relativePath,
      source: r?.source ?? 'none',
      durationMs: o.durationMs,
      failure: o.failure ?? null,
      errors: r?.errors ?? [],
      notes: r?.notes ?? [],
    });
    if (r === undefined) continue;
    const byName = new Map(r.scenarios.map((s) => [s.name, s]));
    const find = (name: string): ScenarioResult | undefined => byName.get(name);
    for (const s of r.scenarios) {
      const base = s.baseline === undefined ? undefined : find(s.baseline);
      const vs = s.versus === undefined ? undefined : find(s.versus);
      scenarios.push({
        suite: o.suite.id,
        name: s.name,
        group: s.group,
        kind: s.kind,
        meanNs: s.meanNs,
        p50Ns: s.p50Ns,
        p99Ns: s.p99Ns,
        samples: s.samples,
        baseline:
          base === undefined
            ? null
            : {
                name: base.name,
                meanNs: base.meanNs,
                p50Ns: base.p50Ns,
                ratio: s.throughput === undefined ? s.p50Ns / base.p50Ns : s.meanNs / base.meanNs,
                meanRatio: s.meanNs / base.meanNs,
                deltaNs: s.p50Ns - base.p50Ns,
              },
        versus:
          vs === undefined
            ? null
            : {
                name: vs.name,
                meanNs: vs.meanNs,
                p50Ns: vs.p50Ns,
                ratio: s.p50Ns / vs.p50Ns,
                meanRatio: s.meanNs / vs.meanNs,
              },
        reference:
          s.reference === undefined
            ? null
            : {
                ...s.reference,
                ratio: (s.throughput === undefined ? s.p50Ns : s.meanNs) / s.reference.ns,
              },
        target:
          s.target === undefined ? null : { ...s.target, ...evaluateTarget(s, s.target, find) },
        throughput: s.throughput ?? null,
        note: s.note ?? null,
      });
    }
  }
  return { ...context, suites, scenarios };
}
