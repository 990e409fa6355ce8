import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { cas, load } from '../internal/shared.js';
import { CLAIM, claimClientId } from './clientIdTables.js';

/** Denial message per CLAIM code (index). */
const MESSAGES = [
  '',
  'client id seen before',
  'client id seen before (previous session)',
  'client id set is full',
  'client id claimed concurrently across a session roll',
  'client-id session rolled twice during the check',
];

/**
 * `DUPLICATE_ORDER` when the client id was seen in this session or the previous one (two lock-free
 * open-addressing tables in shared memory, rolled by `rollClientIds`; the id is claimed with one
 * CAS on an empty slot of the current table, so of two workers checking the same id at once at
 * most one passes, also across a roll: see `claimClientId`), or when `duplicateWindowMs > 0` and an order with the same
 * instrument, side, lots and ticks was checked less than the window ago (one CAS on a stamp slot
 * indexed by a hash of the fingerprint; two fingerprints sharing a slot can cause a false
 * duplicate: fail closed). With `reserve = false` (explain) nothing is claimed.
 *
 * An id is claimed when this check passes, even if a later check denies the order: a client id is
 * never reused (FIX ClOrdID semantics; docs/decisions/0501, 0507).
 *
 * @returns true when denied.
 */
export function duplicateCheck(
  core: Core,
  d: MutableDenial,
  clientId: number,
  instrument: number,
  buy: boolean,
  lots: number,
  ticks: number,
  nowMs: number,
  reserve: boolean,
): boolean {
  const { i32, r, cfg } = core;
  const c = claimClientId(core, clientId, reserve);
  if (c !== CLAIM.ok) {
    const full = c === CLAIM.full;
    return d.set(
      RISK_CODE.duplicateOrder,
      CHECK.duplicate,
      full ? cfg.idCapacity : Number.NaN,
      clientId,
      MESSAGES[c]!,
    );
  }
  const window = cfg.duplicateWindowMs;
  if (window > 0) {
    let h =
      Math.imul(instrument + 1, 0x85ebca6b) ^
      Math.imul(lots, 0xc2b2ae35) ^
      Math.imul(ticks | 0, 0x27d4eb2f);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ (buy ? 0x5bd1e995 : 0);
    const idx = r.fingerprints + ((h >>> 0) & (cfg.fpCapacity - 1));
    const stamp = nowMs + 1;
    const last = load(i32, idx);
    if (last !== 0 && stamp - last < window) {
      return d.set(
        RISK_CODE.duplicateOrder,
        CHECK.duplicate,
        window,
        stamp - last,
        'same order within duplicateWindowMs',
      );
    }
    if (reserve && cas(i32, idx, last, stamp) !== last) {
      return d.set(
        RISK_CODE.duplicateOrder,
        CHECK.duplicate,
        window,
        0,
        'same order checked concurrently',
      );
    }
  }
  return false;
}
