export {
  KillSwitch,
  type Hold,
  type LevelChangeEvent,
  type KillSwitchSnapshot,
  type ResetRequest,
  type ResetResult,
  type TripRequest,
  type Watchdog,
} from './KillSwitch.js';
export {
  KILL_SWITCH_DEFAULTS,
  type Authorize,
  type KillSwitchAttachOptions,
  type KillSwitchAuthOptions,
  type KillSwitchHandle,
  type KillSwitchOptions,
} from './KillSwitchOptions.js';
export { LEVEL, type Intent, type KillSwitchLevel } from './levels.js';
export {
  AUDIT_ACTION,
  type AuditAction,
  type AuditEntry,
  type ResetRefusal,
} from './audit/AuditEntry.js';
export {
  holdWhileOpen,
  type BreakerHoldBridge,
  type BreakerStateSource,
  type HoldWhileOpenOptions,
} from './holdWhileOpen.js';
export { KILL_SWITCH_LAYOUT, killSwitchOffsets, type KillSwitchOffsets } from './layout.js';
export {
  KILL_SWITCH_ERROR,
  KillSwitchError,
  isKillSwitchError,
  type KillSwitchErrorCode,
} from './errors/KillSwitchError.js';
