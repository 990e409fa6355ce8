export {
  CircuitBreaker,
  type AttachOptions,
  type BreakerCause,
  type BreakerHandle,
  type BreakerSnapshot,
  type BreakerTransition,
  type ExecuteOptions,
  type IsolationHold,
  type ResultOutcome,
} from './CircuitBreaker.js';
export {
  GlobalBreaker,
  type GlobalBreakerOptions,
  type GlobalBreakerState,
} from './GlobalBreaker.js';
export { REJECTED, isPermit, type Rejection } from './state/permit.js';
export { STATE, type BreakerState } from './state/stateWord.js';
export {
  resolveBreakerOptions,
  type CircuitBreakerOptions,
  type CountWindowOptions,
  type HalfOpenOptions,
  type OpenBackoffOptions,
  type ResolvedBreakerOptions,
  type TimeWindowOptions,
} from './options/BreakerOptions.js';
export { BREAKER_LAYOUT, computeLayout, strideFor, type BreakerLayout } from './layout.js';
export { BreakerOpenError, isBreakerOpenError } from './errors/BreakerOpenError.js';
export {
  BREAKER_ATTACH_ERROR,
  BreakerAttachError,
  isBreakerAttachError,
  type BreakerAttachErrorCode,
} from './errors/BreakerAttachError.js';
export {
  InvalidBreakerOptionsError,
  isInvalidBreakerOptionsError,
} from './errors/InvalidBreakerOptionsError.js';
