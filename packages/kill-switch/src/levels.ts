/**
 * Kill-switch levels and the integers stored for them in shared memory, in increasing severity:
 * `'active'` (trading allowed) < `'reducing'` (only risk-reducing orders) < `'halted'`.
 */
export const LEVEL = { active: 0, reducing: 1, halted: 2 } as const;

/** A kill-switch level. */
export type KillSwitchLevel = keyof typeof LEVEL;

/** What an order does to risk: `'increase'` or `'reduce'`. */
export type Intent = 'increase' | 'reduce';

/** Level names by their stored integer. */
export const LEVEL_NAMES: readonly KillSwitchLevel[] = ['active', 'reducing', 'halted'];

/** @returns the level name of a stored integer (0..2). */
export function levelName(n: number): KillSwitchLevel {
  return LEVEL_NAMES[n] as KillSwitchLevel;
}
