export {
  defaultBreakerModelOptions,
  openDurationMs,
  resolveBreakerModelOptions,
  type BreakerModelOptions,
  type CountWindowOptions,
  type HalfOpenModelOptions,
  type OpenBackoffOptions,
  type PartialBreakerModelOptions,
  type TimeWindowOptions,
} from './breaker/BreakerModelOptions.js';
export type {
  BreakerCause,
  BreakerContext,
  BreakerEvent,
  BreakerInput,
  BreakerResult,
  BreakerState,
  BreakerTransition,
  ResultOutcome,
} from './breaker/breakerTypes.js';
export {
  PERMIT_STRIDE,
  REJECTED,
  decodeModelPermit,
  modelPermit,
  type Rejection,
} from './breaker/modelPermit.js';
export type { WindowCounts, WindowEntry } from './breaker/slidingWindow.js';
export type { HalfOpenBudget, HalfOpenLease, LeaseStatus } from './breaker/halfOpenBudget.js';
export { circuitBreakerMachine } from './circuitBreakerMachine.js';
export {
  MODEL_OPTIONS_ERROR,
  ModelOptionsError,
  isModelOptionsError,
} from './errors/ModelOptionsError.js';
export { ModelDriver } from './testing/ModelDriver.js';
export { killSwitchMachine } from './killSwitchMachine.js';
export { effectiveLevel, maxLevel } from './killSwitch/effectiveLevel.js';
export {
  KILL_SWITCH_LEVEL,
  type AuditAction,
  type AuditEntry,
  type KillSwitchContext,
  type KillSwitchEvent,
  type KillSwitchHold,
  type KillSwitchInput,
  type KillSwitchLevel,
  type KillSwitchResult,
  type ResetOutcome,
  type ResetRefusalCode,
  type WatchdogRecord,
} from './killSwitch/killSwitchTypes.js';
export { halfOpenPermitsMachine } from './halfOpenPermitsMachine.js';
export type {
  HalfOpenPermitsContext,
  HalfOpenPermitsEvent,
  HalfOpenPermitsInput,
  HalfOpenPermitsOutput,
} from './halfOpenPermitsMachine.js';
export {
  deriveGlobalState,
  type GlobalBreakerModelOptions,
  type GlobalBreakerState,
} from './deriveGlobalState.js';
export {
  globalBreakerMachine,
  type GlobalBreakerContext,
  type GlobalBreakerEvent,
  type GlobalBreakerInput,
} from './globalBreakerMachine.js';
export {
  exploreTransitionCoverage,
  listTransitions,
  replayWitness,
  transitionsTaken,
  type TransitionCoverage,
  type TransitionInfo,
  type TransitionWitness,
} from './coverage/transitionCoverage.js';
