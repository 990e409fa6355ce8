/**
 * The kill switch's whole mutable level state packed in ONE Int32 word, so that every change is a
 * single compare-and-swap and `allows` is a single load:
 *
 * ```
 * bits  0-1   effective level  = max(latched, live holds, halted if a watchdog expired)
 * bits  2-3   latched level    (trip raises it, an authorized reset clears it)
 * bits  4-13  live holds at 'reducing'   (0..1023)
 * bits 14-23  live holds at 'halted'     (0..1023)
 * bits 24-31  expired watchdogs          (0..255, each one a hold at 'halted')
 * ```
 * The effective level is stored (not derived on read) so `allows` costs one load and a mask.
 * Because a writer computes the new effective level from the very word its CAS replaces, a
 * stale recomputation can never be published: a trip racing a reset or a dispose either lands
 * first or makes the other's CAS fail and retry on the new word (no lost trip, no ABA: the
 * word holds the complete state, so equal words mean equal states).
 */
export const STATE_WORD = {
  effectiveMask: 0x3,
  latchedShift: 2,
  reducingShift: 4,
  haltedShift: 14,
  watchdogShift: 24,
  maxHolds: 1023,
  maxExpiredWatchdogs: 255,
} as const;

/** @returns the effective level (0..2) stored in `w`. */
export function effectiveOf(w: number): number {
  return w & STATE_WORD.effectiveMask;
}

/** @returns the latched level (0..2) stored in `w`. */
export function latchedOf(w: number): number {
  return (w >>> STATE_WORD.latchedShift) & 0x3;
}

/** @returns the live hold count at `level` (1 reducing, 2 halted; 0 for active, not counted). */
export function holdsOf(w: number, level: number): number {
  if (level === 1) return (w >>> STATE_WORD.reducingShift) & 0x3ff;
  if (level === 2) return (w >>> STATE_WORD.haltedShift) & 0x3ff;
  return 0;
}

/** @returns the number of expired watchdogs counted in `w`. */
export function expiredOf(w: number): number {
  return (w >>> STATE_WORD.watchdogShift) & 0xff;
}

/** Packs the parts and derives the effective level. */
export function compose(
  latched: number,
  reducing: number,
  halted: number,
  expired: number,
): number {
  const effective = halted > 0 || expired > 0 ? 2 : reducing > 0 ? Math.max(latched, 1) : latched;
  return (
    (expired << STATE_WORD.watchdogShift) |
    (halted << STATE_WORD.haltedShift) |
    (reducing << STATE_WORD.reducingShift) |
    (latched << STATE_WORD.latchedShift) |
    effective
  );
}

/** @returns `w` with the latched level replaced. */
export function withLatched(w: number, latched: number): number {
  return compose(latched, holdsOf(w, 1), holdsOf(w, 2), expiredOf(w));
}

/** @returns `w` with `delta` added to the hold count at `level` (1 or 2); caller checks bounds. */
export function withHolds(w: number, level: number, delta: number): number {
  const reducing = holdsOf(w, 1) + (level === 1 ? delta : 0);
  const halted = holdsOf(w, 2) + (level === 2 ? delta : 0);
  return compose(latchedOf(w), reducing, halted, expiredOf(w));
}

/** @returns `w` with `delta` added to the expired-watchdog count; caller checks bounds. */
export function withExpired(w: number, delta: number): number {
  return compose(latchedOf(w), holdsOf(w, 1), holdsOf(w, 2), expiredOf(w) + delta);
}
