export { RiskEngine } from './RiskEngine.js';
export type { RiskEngineHandle } from './RiskEngineHandle.js';
export type {
  ClusterOptions,
  CorrelationOptions,
  InstrumentOptions,
  LossOptions,
  RateOptions,
  RiskEngineOptions,
  StrategyOptions,
  VenueOptions,
} from './options.js';
export type { Order } from './checks/order.js';
export {
  CHECK,
  RISK_CODE,
  type CheckName,
  type RiskCode,
  type RiskDecision,
  type RiskDenial,
  type RiskPass,
} from './decision.js';
export type {
  GlobalBreakerLike,
  HistogramLike,
  KillSwitchLike,
  TradingLevel,
  VenueBreakerLike,
} from './deps.js';
export type {
  ClientIdSnapshot,
  InstrumentSnapshot,
  RiskSnapshot,
  StrategySnapshot,
} from './snapshot.js';
export { LAYOUT } from './layout.js';
export {
  INVALID_RISK_CONFIG,
  InvalidRiskConfigError,
  isInvalidRiskConfigError,
} from './errors/InvalidRiskConfigError.js';
export { INVALID_RISK_INPUT, RiskInputError, isRiskInputError } from './errors/RiskInputError.js';
