import type { Core } from '../internal/Core.js';
import { cas, clear, countNonZero, load, loadRelaxed } from '../internal/shared.js';
import { LAYOUT } from '../layout.js';

/** Probe length after which a client-id table counts as full (fail closed). */
export const MAX_PROBES = 64;

/** {@link probe} outcomes. */
export const PROBE = { free: 0, seen: 1, full: 2 } as const;

/** What a client-id claim found (`claimClientId`). */
export const CLAIM = {
  /** Not seen in either table; claimed in the current one when `reserve`. */
  ok: 0,
  /** In the current session's table. */
  seen: 1,
  /** In the previous session's table. */
  seenPrevious: 2,
  /** The current table has no free slot within {@link MAX_PROBES} of the id's home slot. */
  full: 3,
  /** Claimed here while another checker claimed it in the other table across a roll. */
  concurrentRoll: 4,
  /** The session rolled twice while this check ran (its precondition broken): fail closed. */
  rolledTwice: 5,
} as const;

/** Home slot of `key` (client id + 1): a multiplicative hash (low bits; the table size is 2^k). */
function home(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 0;
}

/**
 * Word index of `key`'s home slot in table 0; table 1's is the next word, on the same cache line.
 */
export function idHome(core: Core, key: number): number {
  return core.r.ids + 2 * (home(key) & (core.cfg.idCapacity - 1));
}

/**
 * Linear probe for `key` (client id + 1) in the table whose slot 0 is word `base` (`mask + 1`
 * slots, 2 words apart: the two tables are interleaved, slot j of table t at `ids + 2j + t`, so a
 * lookup in both tables touches one cache line, not two). With `reserve`
 * an empty slot is claimed with one CAS: of two threads claiming one key in one table exactly one
 * wins (the loser's CAS returns the winner's key, or another key and it probes on). A slot is never
 * emptied while its table can be claimed in (only `rollClientIds` clears, and only the table that
 * is not current), so a key claimed within MAX_PROBES of its home is found by any later probe.
 *
 * Reads: sequentially consistent (`Atomics.load`) unless `relaxed`, then plain reads
 * (`loadRelaxed`, ~1 ns instead of ~7 ns). A plain read is safe where a stale value cannot decide
 * wrongly: a slot goes 0 -> key once and is only zeroed by a roll's clear, which happens-before
 * any claim in the cleared table (the flip CAS publishes it), so a stale read shows a zero that is
 * no longer zero (with `reserve`, the CAS then fails and returns the key now there, which is
 * examined like a read: validated) or, in the table a roll is clearing, an id being forgotten. A
 * probe that must see every claim ordered before it (the Dekker re-read in `claimClientId`) uses
 * sequentially consistent reads.
 *
 * @returns PROBE.seen when present; PROBE.free at an empty slot (claimed when `reserve`, with
 * `reserve` false: absent); PROBE.full when MAX_PROBES slots are taken by other keys (absent).
 */
export function probe(
  i32: Int32Array,
  base: number,
  mask: number,
  key: number,
  reserve: boolean,
  relaxed = false,
): number {
  let slot = home(key);
  for (let n = 0; n < MAX_PROBES; n++, slot++) {
    const idx = base + 2 * (slot & mask);
    let seen = relaxed ? loadRelaxed(i32, idx) : load(i32, idx);
    if (seen === 0) {
      if (!reserve) return PROBE.free;
      seen = cas(i32, idx, 0, key);
      if (seen === 0) return PROBE.free;
    } else if (relaxed && seen !== key) {
      // A slot probed past is read again sequentially consistently, so the claim that filled it
      // is ordered before this probe's own CAS (the Dekker argument in `claimClientId` needs the
      // slots a claimer skipped to be visible to the other checker's re-read). Collisions only.
      seen = load(i32, idx);
    }
    if (seen === key) return PROBE.seen;
  }
  return PROBE.full;
}

/**
 * The client-id part of the duplicate check over two session tables (docs/decisions/0507).
 *
 * The word ID_ROLL (header) is `2 x rolls`, plus 1 while `rollClientIds` clears a table; the
 * current table is `(ID_ROLL >> 1) & 1`, the other one holds the previous session's ids. An id is
 * a duplicate when it is in either table; it is claimed (with `reserve`) in the current one.
 *
 * Race with a roll (Dekker): checker A read ID_ROLL before the flip and claims X in the old
 * current table T; checker B read it after the flip and claims X in the new current table U. Each
 * claims first, then re-reads the OTHER table for X (A reads U, B reads T). Atomics are
 * sequentially consistent, so in the single total order either A's claiming CAS precedes B's
 * re-read of T or B's CAS precedes A's re-read of U (otherwise A re-read < B CAS < B re-read < A CAS
 * < A re-read, a cycle with program order). The re-read that comes later probes the same sequence
 * of slots the claimer probed, all non-empty then and still non-empty now (nothing is cleared
 * meanwhile, see below; the claimer read each slot it probed past with `Atomics.load` or lost a
 * CAS on it, so the claims that filled them precede its own CAS in that order too), so it reaches
 * X: at least one of A and B is denied, possibly both (fail closed). Two orders with one id never
 * both pass. Two checkers that read the same ID_ROLL claim in the same table, where the CAS alone
 * decides.
 *
 * Precondition: at most one roll overlaps one check (rolls are minutes apart, a check takes
 * microseconds). A checker that read ID_ROLL = w0 claimed in table `(w0 >> 1) & 1`; that table is
 * cleared only after ID_ROLL reaches `(w0 & ~1) + 3` (the second roll's start). So after claiming
 * the checker re-reads ID_ROLL: below that value, any clearing of its slot comes after its claim
 * in the total order and forgets the id with the rest of its (then two-rolls-old) session, as
 * designed; at or above it, the precondition is broken and the check is denied (fail closed).
 * With `reserve = false` (explain) nothing is claimed and both tables are only read.
 *
 * @returns a {@link CLAIM} code.
 */
export function claimClientId(core: Core, clientId: number, reserve: boolean): number {
  const { i32, r, cfg } = core;
  const key = clientId + 1;
  const cap = cfg.idCapacity;
  const mask = cap - 1;
  const w0 = load(i32, LAYOUT.header.idRoll);
  const cur = (w0 >>> 1) & 1;
  const current = r.ids + cur;
  const previous = r.ids + (cur ^ 1);
  // Previous session first: a repeat of its ids claims nothing in the current table. When
  // claiming, both probes read plainly (see `probe`): a claim that a stale read of the previous
  // table missed is caught by the sequentially consistent re-read after the CAS (denied, as a
  // concurrent claim); in the current table the CAS validates. `explain` (no `reserve`) reads
  // sequentially consistently.
  if (probe(i32, previous, mask, key, false, reserve) === PROBE.seen) return CLAIM.seenPrevious;
  const p = probe(i32, current, mask, key, reserve, reserve);
  if (p === PROBE.seen) return CLAIM.seen;
  if (p === PROBE.full) return CLAIM.full;
  if (!reserve) return CLAIM.ok;
  // Claimed. Dekker re-read of the other table (see above): after our CAS, in program order.
  if (probe(i32, previous, mask, key, false) === PROBE.seen) return CLAIM.concurrentRoll;
  // Enforces the precondition: a second roll started since w0 may have cleared our claim.
  if (load(i32, LAYOUT.header.idRoll) - (w0 & ~1) >= 3) return CLAIM.rolledTwice;
  return CLAIM.ok;
}

/**
 * Starts a new client-id session: clears the previous session's table (its ids, now two sessions
 * old, are forgotten), then flips ID_ROLL so it becomes the current table; the ids of the session
 * that just ended stay in the other table, still duplicates for one more session.
 *
 * ID_ROLL goes even -> odd by CAS first: that serialises rolls (a second concurrent roll sees odd
 * or a changed word and returns false) and marks the clearing for checkers' precondition test.
 * Checkers that read the even value meanwhile still claim only in the current table; reads of the
 * table being cleared may see an old id or a zero (both acceptable: those ids are being forgotten;
 * aligned Int32 writes never tear). The flip is a sequentially consistent CAS after every clearing
 * write, so a checker that reads the new value (and claims in the cleared table) sees it empty.
 *
 * @returns false when another roll is in progress (nothing done).
 */
export function rollClientIds(core: Core): boolean {
  const { i32, r, cfg } = core;
  const idx = LAYOUT.header.idRoll;
  const w = load(i32, idx);
  if ((w & 1) !== 0 || cas(i32, idx, w, w + 1) !== w) return false;
  const next = ((w >>> 1) + 1) & 1;
  clear(i32, r.ids + next, cfg.idCapacity, 2);
  // Only the roller holding the odd value writes ID_ROLL, so this CAS cannot fail.
  cas(i32, idx, w + 1, w + 2);
  return true;
}

/**
 * Client ids claimed in the current session's table (a scan with plain reads: O(capacity)), and
 * completed rolls.
 */
export function clientIdUsage(core: Core): { current: number; rolls: number } {
  const { i32, r, cfg } = core;
  const w = load(i32, LAYOUT.header.idRoll);
  return {
    current: countNonZero(i32, r.ids + ((w >>> 1) & 1), cfg.idCapacity, 2),
    rolls: w >>> 1,
  };
}
