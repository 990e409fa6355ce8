import type { Core } from '../internal/Core.js';
import { add, cas, load, loadRelaxed, store, storeF64, storeRelaxed } from '../internal/shared.js';
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
 *
 * The INSTR, STRAT, SIDE, LOTS and PRICE fields are written with plain stores after the claiming
 * CAS and before `check` returns the id. A reservation id only reaches other code through
 * `check`'s return value: the thread that checked uses it after the stores in program order, and
 * another thread can only learn it through a synchronising hand-off (postMessage, or an Atomics
 * store the receiver reads with Atomics), which orders the plain stores before its reads. That was
 * already the whole guarantee when the stores were `Atomics.store`: the claiming CAS precedes the
 * field stores, so winning a later CAS on CTL never ordered them either.
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
  // Pass 0 reads CTL plainly (a guess the CAS validates; a stale BUSY only skips a slot); only a
  // pass 1 with `Atomics.load` may conclude that every slot is busy.
  for (let pass = 0; pass < 2; pass++) {
    for (let n = 0, s = cursor; n < cap; n++, s = s + 1 === cap ? 0 : s + 1) {
      const base = slotBase(core, s);
      const ctl =
        pass === 0 ? loadRelaxed(i32, base + LAYOUT.slot.ctl) : load(i32, base + LAYOUT.slot.ctl);
      if ((ctl & CTL_BUSY) !== 0) continue;
      if (cas(i32, base + LAYOUT.slot.ctl, ctl, ctl | CTL_BUSY | lots) !== ctl) continue;
      // Plain stores after the claim, before the id is handed out (see the header comment).
      storeRelaxed(i32, base + LAYOUT.slot.instrument, instrument);
      storeRelaxed(i32, base + LAYOUT.slot.strategy, strategy);
      storeRelaxed(i32, base + LAYOUT.slot.side, buy ? 1 : 0);
      storeRelaxed(i32, base + LAYOUT.slot.lots, lots);
      storeF64(f64, (base + LAYOUT.slot.price) >> 1, o.price);
      return s;
    }
  }
  return -1;
}

/**
 * The reservation id of slot `s`, just claimed by this thread. GEN is read plainly: the claiming
 * CAS read the CTL value that the last `freeSlot` stored after its add to GEN (a sequentially
 * consistent store read by a sequentially consistent CAS), so that add happens-before this read
 * and no older GEN can be seen; nothing else writes GEN while the slot is busy.
 */
export function reservationId(core: Core, s: number): number {
  return loadRelaxed(core.i32, slotBase(core, s) + LAYOUT.slot.gen) * core.cfg.capacity + s;
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
