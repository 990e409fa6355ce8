import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { cas, load } from '../internal/shared.js';

/** Probe length after which the client-id set counts as full (fail closed). */
export const MAX_PROBES = 64;

/**
 * `DUPLICATE_ORDER` when the client id was seen before (a lock-free open-addressing set in shared
 * memory: the id is claimed with one CAS on an empty slot, so of two workers checking the same id
 * at once exactly one wins), or when `duplicateWindowMs > 0` and an order with the same
 * instrument, side, lots and ticks was checked less than the window ago (one CAS on a stamp slot
 * indexed by a hash of the fingerprint; two fingerprints sharing a slot can cause a false
 * duplicate: fail closed). With `reserve = false` (explain) nothing is claimed.
 *
 * An id is claimed when this check passes, even if a later check denies the order: a client id is
 * never reused (FIX ClOrdID semantics; docs/decisions/0501-client-ids-are-consumed.md).
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
  const key = clientId + 1;
  const mask = cfg.idCapacity - 1;
  let slot = Math.imul(key, 0x9e3779b1) >>> 0;
  for (let probe = 0; ; probe++) {
    if (probe === MAX_PROBES) {
      return d.set(
        RISK_CODE.duplicateOrder,
        CHECK.duplicate,
        cfg.idCapacity,
        clientId,
        'client id set is full',
      );
    }
    const idx = r.ids + (slot & mask);
    let seen = load(i32, idx);
    if (seen === 0) {
      if (!reserve) break;
      seen = cas(i32, idx, 0, key);
      if (seen === 0) break;
    }
    if (seen === key)
      return d.set(
        RISK_CODE.duplicateOrder,
        CHECK.duplicate,
        Number.NaN,
        clientId,
        'client id seen before',
      );
    slot++;
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
