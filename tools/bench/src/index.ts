export { runSuite } from './suite/runSuite.js';
export { validateSuite } from './suite/validateSuite.js';
export {
  isCustomScenario,
  type BenchScenario,
  type CustomScenario,
  type MeasureOptions,
  type Reference,
  type Scenario,
  type ScenarioInfo,
  type ScenarioKind,
  type SuiteDefinition,
  type Target,
} from './model/Scenario.js';
export type {
  Measured,
  ScenarioError,
  ScenarioResult,
  SuiteResult,
  Throughput,
} from './model/ScenarioResult.js';
export { BENCH_ENV, isSmoke } from './env.js';
export {
  InvalidSuiteError,
  INVALID_SUITE,
  isInvalidSuiteError,
} from './errors/InvalidSuiteError.js';
export { BASELINE, baselineScenarios, type BaselineName } from './scenarios/baselines.js';
export { fromMitata, type MitataRunOutput } from './collect/fromMitata.js';
export { discoverSuites, type SuiteFile } from './runner/discoverSuites.js';
export { runSuites, type RunSuitesOptions, type SuiteOutcome } from './runner/runSuites.js';
export {
  buildReport,
  type Report,
  type ReportEntry,
  type ReportSuite,
  type TargetStatus,
} from './report/buildReport.js';
export { renderMarkdown } from './report/renderMarkdown.js';
export { renderSvg } from './report/renderSvg.js';
export { writeDocs, DOC_FILES } from './report/writeDocs.js';
export { machineInfo, type MachineInfo } from './report/machineInfo.js';
export { measureContention, type ContentionOptions } from './contention/measureContention.js';
export type { ContentionTask, WorkerInput, WorkerOutput } from './contention/ContentionTask.js';
export {
  CACHE_LINE_INT32S,
  counterFixture,
  type CounterLayout,
} from './contention/counterLayout.js';
export { measurePerCall } from './scenarios/perCallTiming.js';
