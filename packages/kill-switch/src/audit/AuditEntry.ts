import type { KillSwitchLevel } from '../levels.js';

/** Audited actions and the integers stored for them in the shared audit ring. */
export const AUDIT_ACTION = {
  trip: 0,
  hold: 1,
  release: 2,
  reset: 3,
  'reset-refused': 4,
  'watchdog-expired': 5,
  'watchdog-recovered': 6,
} as const;

/** An audited action. */
export type AuditAction = keyof typeof AUDIT_ACTION;

/** Why a reset was refused. */
export type ResetRefusal = 'UNAUTHORIZED' | 'COOLDOWN' | 'NOT_TRIPPED';

/** Refusal codes by their stored integer (1-based; 0 = none). */
export const REFUSAL_CODES: readonly ResetRefusal[] = ['UNAUTHORIZED', 'COOLDOWN', 'NOT_TRIPPED'];

/**
 * One audit record. `from` and `to` are the EFFECTIVE levels just before and just after the
 * action (equal when it changed nothing, e.g. a trip below the latched level or a refused reset).
 */
export interface AuditEntry {
  /** Clock time of the action, ms. */
  readonly at: number;
  readonly action: AuditAction;
  /** Trip/hold source, reset operator, or watchdog name. */
  readonly actor: string;
  /** The caller's reason ('' for holds, releases and watchdogs). */
  readonly reason: string;
  readonly from: KillSwitchLevel;
  readonly to: KillSwitchLevel;
  /** For `'reset-refused'` only: why. */
  readonly code?: ResetRefusal;
}
