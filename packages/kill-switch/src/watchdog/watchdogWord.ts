/**
 * The word of one watchdog slot: its state, two flags the owning thread sets while a checker is
 * half-way through raising the expiry hold, and a beat sequence.
 *
 * ```
 * bits 0-2   state: FREE, INIT, OK, RAISING, EXPIRED, RELEASING
 * bit  3     BEAT      the owner beat while a checker was RAISING: the checker recovers after raising
 * bit  4     DISPOSED  the owner disposed while a checker was RAISING: the checker frees the slot
 * bits 8-30  beat sequence (mod 2^23), bumped by every beat
 * ```
 * A checker decides expiry from `lastBeat` read AFTER the slot word, then CASes that exact word to
 * RAISING: a beat in between bumps the sequence, so the CAS fails and the stale decision is never
 * applied. Only the owner thread beats and disposes (its handle holds functions, which cannot be
 * posted), so RELEASING is only ever entered by the owner.
 */
export const WD = {
  free: 0,
  init: 1,
  ok: 2,
  raising: 3,
  expired: 4,
  releasing: 5,
  stateMask: 0x7,
  beatFlag: 0x8,
  disposedFlag: 0x10,
  seqShift: 8,
  seqMask: 0x7fffff,
} as const;

/** @returns the state bits of a slot word. */
export function wdState(w: number): number {
  return w & WD.stateMask;
}

/** @returns a slot word in `state` whose beat sequence is one past `w`'s. */
export function wdNextBeat(w: number, state: number): number {
  const seq = ((w >>> WD.seqShift) + 1) & WD.seqMask;
  return (seq << WD.seqShift) | state;
}

/** @returns `w` with its state replaced (flags cleared, sequence kept). */
export function wdWithState(w: number, state: number): number {
  return (w & (WD.seqMask << WD.seqShift)) | state;
}
