import type { Core } from '../internal/Core.js';
import { add, cas, load, store, storeF64 } from '../internal/shared.js';
import { LAYOUT } from '../layout.js';

/**
 * Reservation slots. Each slot's CTL word packs
 * `remaining lots (bits 0..21) | BUSY (bit 22) | generation mod 256 (bits 23..30)`, and GEN holds
 * the full generation. Every change of a reservation's remaining quantity is one CAS on CTL that
 * also checks BUSY and the generation, so a fill, a cancel and a reject racing on one reservation
 * take disjoint parts of it and at most one of them takes it to zero; a stale id (a slot since
 * freed and reused) fails the generation check instead of touching the new order (ABA needs 256
 * reuses of one slot while a thread is stalled between its load and its CAS).
 *
 * A reservation id is `GEN * capacity + slot`: unique for the engine's life (up to 2^53).
 */
export const CTL_REMAINING = 0x3fffff;
export const CTL_BUSY = 0x400000;
const GEN_SHIFT = 23;

/** Index of slot `s`'s first word. */
export function slotBase(core: Core, s: number): number {
  return core.r.slots + s * LAYOUT.slot.words;
}

/**
 * Claims a free slot for a new working order, scanning from `cursor`.
 * @returns the slot index, or -1 when every slot is busy.
 */
export function allocateSlot(
  core: Core,
  cursor: number,
  instrument: number,
  strategy: number,
  buy: boolean,
  lots: number,
  o: { readonly price: number },
): number {
  const { i32, f64 } = core;
  const cap = core.cfg.capacity;
  for (let n = 0; n < cap; n++) {
    const s = (cursor + n) % cap;
    const base = slotBase(core, s);
    const ctl = load(i32, base + LAYOUT.slot.ctl);
    if ((ctl & CTL_BUSY) !== 0) continue;
    if (cas(i32, base + LAYOUT.slot.ctl, ctl, ctl | CTL_BUSY | lots) !== ctl) continue;
    // The fields are written after the claim but before the id is handed out: any thread given
    // the id received it after these stores (and the seq-cst CAS orders them).
    store(i32, base + LAYOUT.slot.instrument, instrument);
    store(i32, base + LAYOUT.slot.strategy, strategy);
    store(i32, base + LAYOUT.slot.side, buy ? 1 : 0);
    store(i32, base + LAYOUT.slot.lots, lots);
    storeF64(f64, (base + LAYOUT.slot.price) >> 1, o.price);
    return s;
  }
  return -1;
}

/** The reservation id of busy slot `s`. */
export function reservationId(core: Core, s: number): number {
  return load(core.i32, slotBase(core, s) + LAYOUT.slot.gen) * core.cfg.capacity + s;
}

/** Frees slot `s` (after its last lots were taken): bumps the generation, then clears BUSY. */
export function freeSlot(core: Core, s: number): void {
  const base = slotBase(core, s);
  const gen = add(core.i32, base + LAYOUT.slot.gen, 1) + 1;
  store(core.i32, base + LAYOUT.slot.ctl, (gen & 0xff) << GEN_SHIFT);
}

/**
 * Takes up to `lots` remaining lots of reservation `id` (`lots = Infinity` takes all).
 * @returns the remaining lots before the take times 2^22 plus the lots taken, i.e.
 * `before * 2^22 + taken`; 0 when the id is unknown, stale or already fully taken; -1 when
 * the id is malformed.
 */
export function takeLots(core: Core, id: number, lots: number): number {
  const cap = core.cfg.capacity;
  if (!(id >= 0 && Number.isSafeInteger(id))) return -1;
  const s = id % cap;
  const gen = (id - s) / cap;
  const base = slotBase(core, s);
  const i32 = core.i32;
  if (load(i32, base + LAYOUT.slot.gen) !== gen) return 0;
  const expectedHigh = ((gen & 0xff) << GEN_SHIFT) | CTL_BUSY;
  for (;;) {
    const ctl = load(i32, base + LAYOUT.slot.ctl);
    if ((ctl & ~CTL_REMAINING) !== expectedHigh) return 0;
    const remaining = ctl & CTL_REMAINING;
    if (remaining === 0) return 0;
    const take = lots < remaining ? lots : remaining;
    if (cas(i32, base + LAYOUT.slot.ctl, ctl, ctl - take) === ctl)
      return remaining * (CTL_REMAINING + 1) + take;
  }
}
