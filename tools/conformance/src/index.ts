export { WORKER_EXEC_ARGV, runWorker, startWorker, type WorkerRun } from './workers/startWorker.js';
export {
  CONTROL,
  OP_CODES,
  SCHEDULING_HOOK_GLOBAL,
  THREAD_STATUS,
  type OpName,
  type SchedulingHook,
} from './interleave/control.js';
export {
  InterleaveSession,
  type InterleaveSessionOptions,
  type RunOptions,
  type RunOutcome,
  type Step,
} from './interleave/InterleaveSession.js';
export {
  choicesStrategy,
  pctStrategy,
  prefixStrategy,
  prng,
  randomStrategy,
  roundRobinStrategy,
  segmentsStrategy,
  type PctOptions,
  type Segment,
  type Strategy,
} from './interleave/strategies.js';
export {
  exploreExhaustive,
  explorePct,
  exploreRandom,
  exploreWithFastCheck,
  type Counterexample,
  type ExplorationResult,
  type FastCheckExploreOptions,
  type RunCheck,
  type RunSetup,
  type SampledOptions,
} from './interleave/explore.js';
export {
  checkLinearizable,
  type CheckOptions,
  type LinearizabilityResult,
  type Operation,
  type SequentialSpec,
} from './linearizability/checkLinearizable.js';
export { TicketClock, type TicketClockHandle } from './linearizability/TicketClock.js';
