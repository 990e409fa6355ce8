import type { Reference, ScenarioKind, Target } from './Scenario.js';

/** Throughput of a multi-worker scenario. */
export interface Throughput {
  /** Worker threads running at once. */
  readonly workers: number;
  /** Operations per second, summed over workers. */
  readonly totalOpsPerSec: number;
  /** Mean operations per second of one worker. */
  readonly perWorkerOpsPerSec: number;
}

/** Statistics of one measured scenario; times in nanoseconds per operation. */
export interface Measured {
  readonly meanNs: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly minNs: number;
  readonly maxNs: number;
  /** Number of samples the statistics come from. */
  readonly samples: number;
  /** Present for multi-worker scenarios. */
  readonly throughput?: Throughput;
}

/** One scenario's measurement as written to a suite's JSON file. */
export interface ScenarioResult extends Measured {
  readonly name: string;
  readonly group: string | null;
  readonly kind: ScenarioKind;
  readonly baseline?: string;
  readonly versus?: string;
  readonly reference?: Reference;
  readonly target?: Target;
  readonly note?: string;
}

/** A scenario that failed to run. */
export interface ScenarioError {
  readonly name: string;
  readonly message: string;
}

/** The JSON a suite process writes. */
export interface SuiteResult {
  /** Suite id, e.g. `bench/baselines` or `latency/record`. */
  readonly suite: string;
  /** File the suite was run from, relative to the workspace root. */
  readonly file: string;
  /** `runSuite` for tools/bench suites, `mitata` for package bench files collected from `run()`. */
  readonly source: 'runSuite' | 'mitata';
  readonly smoke: boolean;
  readonly scenarios: readonly ScenarioResult[];
  readonly errors: readonly ScenarioError[];
  readonly notes: readonly string[];
}
