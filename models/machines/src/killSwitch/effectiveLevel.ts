import {
  KILL_SWITCH_LEVEL,
  type KillSwitchContext,
  type KillSwitchLevel,
} from './killSwitchTypes.js';

/** @returns the higher of two levels. */
export function maxLevel(a: KillSwitchLevel, b: KillSwitchLevel): KillSwitchLevel {
  return KILL_SWITCH_LEVEL[a] >= KILL_SWITCH_LEVEL[b] ? a : b;
}

/**
 * The effective level (DESIGN §4): the maximum of the latched level, every live hold, and
 * `'halted'` when any watchdog has expired.
 *
 * @param context - the kill-switch state (only `latched`, `holds`, `watchdogs` are read)
 * @returns the level `level` reads and `allows` obeys
 */
export function effectiveLevel(
  context: Pick<KillSwitchContext, 'latched' | 'holds' | 'watchdogs'>,
): KillSwitchLevel {
  let level = context.latched;
  for (const h of context.holds) level = maxLevel(level, h.level);
  if (context.watchdogs.some((w) => w.expired)) level = 'halted';
  return level;
}
