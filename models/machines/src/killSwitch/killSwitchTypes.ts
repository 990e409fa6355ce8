/** Kill-switch levels, ordered: trading allowed < only risk-reducing orders < nothing (DESIGN §4). */
export const KILL_SWITCH_LEVEL = { active: 0, reducing: 1, halted: 2 } as const;

/** A kill-switch level. */
export type KillSwitchLevel = keyof typeof KILL_SWITCH_LEVEL;

/** Why a reset was refused, in the order they are checked. */
export type ResetRefusalCode = 'UNAUTHORIZED' | 'NOT_TRIPPED' | 'COOLDOWN';

/** What `reset()` returns. */
export type ResetOutcome = { ok: true } | { ok: false; code: ResetRefusalCode };

/** Audited actions (DESIGN §4 `audit()`). */
export type AuditAction =
  | 'trip'
  | 'hold'
  | 'release'
  | 'reset'
  | 'reset-refused'
  | 'watchdog-expired'
  | 'watchdog-recovered';

/** One audit entry: `from` / `to` are the effective level before and after. */
export interface AuditEntry {
  readonly at: number;
  readonly action: AuditAction;
  readonly actor: string;
  readonly reason: string;
  readonly from: KillSwitchLevel;
  readonly to: KillSwitchLevel;
}

/** A live non-latched hold. */
export interface KillSwitchHold {
  readonly id: number;
  readonly level: KillSwitchLevel;
  readonly source: string;
}

/** A live watchdog; `expired` raises a halted hold until the next beat. */
export interface WatchdogRecord {
  readonly id: number;
  readonly name: string;
  readonly lastBeat: number;
  readonly timeoutMs: number;
  readonly expired: boolean;
}

/** Events of `killSwitchMachine`; each carries the clock's `now` (ms). */
export type KillSwitchEvent =
  | { type: 'TRIP'; level: KillSwitchLevel; source: string; reason: string; now: number }
  | { type: 'HOLD'; source: string; level: KillSwitchLevel; now: number }
  | { type: 'DISPOSE'; holdId: number; now: number }
  | { type: 'RESET'; operator: string; authorized: boolean; reason: string; now: number }
  | { type: 'WATCHDOG'; name: string; timeoutMs: number; now: number }
  | { type: 'BEAT'; watchdogId: number; now: number }
  | { type: 'WATCHDOG_DISPOSE'; watchdogId: number; now: number }
  | { type: 'CHECK'; now: number };

/** Input of `killSwitchMachine`. */
export interface KillSwitchInput {
  readonly resetCooldownMs: number;
  readonly now: number;
}

/** The return value of the last event: a hold or watchdog id, a reset outcome, or nothing. */
export type KillSwitchResult = number | ResetOutcome | undefined;

/** Context of `killSwitchMachine`. */
export interface KillSwitchContext {
  readonly resetCooldownMs: number;
  /** `now` of the last event. */
  readonly now: number;
  /** The latched level: raised by trips, lowered only by an authorized reset. */
  readonly latched: KillSwitchLevel;
  readonly holds: readonly KillSwitchHold[];
  readonly watchdogs: readonly WatchdogRecord[];
  /** `now` of the last trip that raised the latched level. */
  readonly lastTripAt: number | undefined;
  readonly audit: readonly AuditEntry[];
  readonly lastResult: KillSwitchResult;
  readonly nextHoldId: number;
  readonly nextWatchdogId: number;
}
