import type { Measured } from './ScenarioResult.js';

/** Role of a scenario in the report: our code, a plain-JavaScript baseline, or a peer library. */
export type ScenarioKind = 'ours' | 'baseline' | 'peer';

/** A published figure to show beside a measurement (e.g. the seed's 47 ns acquire). */
export interface Reference {
  /** Where the figure comes from, e.g. `seed`. */
  readonly label: string;
  /** The figure in nanoseconds per operation. */
  readonly ns: number;
  /** What the figure measured, when it differs from the scenario (e.g. "whole pipeline"). */
  readonly note?: string;
}

/**
 * A performance target (DESIGN §8) evaluated against the measured figures. Every bound given
 * must hold for the target to be met.
 */
export interface Target {
  /** The target as written in DESIGN §8, e.g. `<= 2x Atomics.add`. */
  readonly label: string;
  /** Upper bound on the mean, in ns. */
  readonly maxMeanNs?: number;
  /** Upper bound on the median, in ns. */
  readonly maxP50Ns?: number;
  /** Upper bound on the 99th percentile, in ns. */
  readonly maxP99Ns?: number;
  /** Upper bound on median / baseline median. */
  readonly maxRatio?: number;
  /** Must be faster (lower median) than this scenario, e.g. a peer. */
  readonly fasterThan?: string;
  /**
   * Upper bound on (this median - baseline median) / (peer median - peer's baseline median):
   * overhead over a common baseline compared with a peer's overhead.
   */
  readonly maxOverheadRatio?: { readonly peer: string; readonly ratio: number };
}

/** What every scenario declares besides how it is measured. */
export interface ScenarioInfo {
  /** Name, unique within its suite; shown in tables. */
  readonly name: string;
  /** Group heading in mitata's output and in the report. */
  readonly group?: string;
  /** Role in the report; defaults to `ours`. */
  readonly kind?: ScenarioKind;
  /** Name of the scenario this one is compared with (ratio = this / baseline). */
  readonly baseline?: string;
  /** For a peer: the name of our scenario it competes with (ratio = peer / ours). */
  readonly versus?: string;
  /** A published figure shown beside this one. */
  readonly reference?: Reference;
  /** A DESIGN §8 target for this scenario. */
  readonly target?: Target;
  /** One line shown under the table. */
  readonly note?: string;
}

/**
 * A scenario measured by mitata: `bench` is given to mitata's `bench(name, fn)`, a plain function
 * after a few warm-up calls (collect/warmFirst.ts).
 */
export interface BenchScenario extends ScenarioInfo {
  /** A function, an iterator function or a generator, as mitata accepts. */
  readonly bench: () => unknown;
}

/** Options given to a custom measurement. */
export interface MeasureOptions {
  /** Smoke mode: measure as briefly as possible. */
  readonly smoke: boolean;
}

/** A scenario measured by its own code (e.g. several worker threads at once). */
export interface CustomScenario extends ScenarioInfo {
  /** Runs the measurement and returns its statistics. */
  readonly measure: (options: MeasureOptions) => Promise<Measured>;
}

/** A scenario of a suite. */
export type Scenario = BenchScenario | CustomScenario;

/** The definition of a suite, given to `runSuite`. */
export interface SuiteDefinition {
  /** Suite name; the runner's suite id takes precedence when set. */
  readonly name: string;
  /** The scenarios, in report order. */
  readonly scenarios: readonly Scenario[];
  /** Lines shown under the suite's table (what is left out and why, caveats). */
  readonly notes?: readonly string[];
}

/**
 * Whether a scenario is measured by its own code rather than by mitata.
 *
 * @param scenario - a scenario of a suite.
 * @returns `true` for a {@link CustomScenario}.
 */
export function isCustomScenario(scenario: Scenario): scenario is CustomScenario {
  return 'measure' in scenario;
}
