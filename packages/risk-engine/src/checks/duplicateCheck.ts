import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { cas, load, loadRelaxed } from '../internal/shared.js';
import { CLAIM, claimClientId, idHome } from './clientIdTables.js';

/** Denial message per CLAIM code (index). */
const MESSAGES = [
  '',
  'client id seen before',
  'client id seen before (previous session)',
  'client id set is full',
  'client id claimed concurrently across a session roll',
  'client-id session rolled twice during the check',
];

/** Word index of the fingerprint stamp of (instrument, side, lots, ticks). */
export function fingerprintIndex(
  core: Core,
  instrument: number,
  buy: boolean,
  lots: number,
  ticks: number,
): number {
  let h =
    Math.imul(instrument + 1, 0x85ebca6b) ^
    Math.imul(lots, 0xc2b2ae35) ^
    Math.imul(ticks | 0, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ (buy ? 0x5bd1e995 : 0);
  return core.r.fingerprints + ((h >>> 0) & (core.cfg.fpCapacity - 1));
}

/**
 * Reads (and discards into `core.touched`) the client-id slot and the fingerprint stamp that
 * {@link duplicateCheck} will need, at the start of `check`: two plain loads with nothing
 * serialising between them, so the CPU overlaps their cache misses (with each other and with the
 * level and validity checks) instead of taking them one after the other behind the claim's CAS.
 * A prefetch: nothing is decided on these values, any `o` is accepted (bad fields hash to some
 * in-range slot; `check` never throws).
 */
export function touchDuplicateLines(
  core: Core,
  o: { readonly clientId: unknown; readonly price: unknown },
  instrument: number,
  buy: boolean,
  lots: number,
): void {
  const i32 = core.i32;
  const id = o.clientId;
  let t = loadRelaxed(i32, idHome(core, typeof id === 'number' ? id + 1 : 0));
  // `o.price` is read here, not passed in: a double argument to a non-inlined call is boxed.
  const price = o.price;
  if (core.cfg.duplicateWindowMs > 0 && typeof price === 'number') {
    const ticks = Math.round(price / core.cfg.tick[instrument]!);
    t ^= loadRelaxed(i32, fingerprintIndex(core, instrument, buy, lots, ticks));
  }
  core.touched = t & 0xff; // a small integer: the field never holds a heap number
}

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
  const { i32, cfg } = core;
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
    const idx = fingerprintIndex(core, instrument, buy, lots, ticks);
    const stamp = nowMs + 1;
    if (reserve) {
      // Fast path on a plain read (see `loadRelaxed`): it only passes through a successful CAS,
      // which validates the guess. Anything else (a stamp that looks recent, a lost CAS) is
      // decided below exactly as before, on `Atomics.load`.
      const guess = loadRelaxed(i32, idx);
      if ((guess === 0 || stamp - guess >= window) && cas(i32, idx, guess, stamp) === guess)
        return false;
    }
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
