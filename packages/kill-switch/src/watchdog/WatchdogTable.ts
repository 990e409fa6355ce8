import type { Clock } from '@tripwire/clock';
import { KILL_SWITCH_ERROR, KillSwitchError } from '../errors/KillSwitchError.js';
import { KILL_SWITCH_LAYOUT as L, type KillSwitchOffsets } from '../layout.js';
import {
  add,
  cas,
  load,
  loadF64,
  readBytes,
  store,
  storeF64,
  writeBytes,
} from '../internal/shared.js';
import { WD, wdNextBeat, wdState, wdWithState } from './watchdogWord.js';

/** What the table asks of its kill switch when a watchdog's halted hold goes up or down. */
export interface WatchdogHost {
  /** Adds one expired watchdog to the level state and audits `'watchdog-expired'`. */
  raise(name: Uint8Array, now: number, reason: string): void;
  /** Removes one expired watchdog and audits `action` with `reason`. */
  lower(
    name: Uint8Array,
    action: 'watchdog-recovered' | 'release',
    now: number,
    reason: string,
  ): void;
}

/**
 * Watchdog slots in shared memory, so that a watchdog whose owning worker died is still seen
 * expired by `checkWatchdogs()` in any other thread (the point of a dead-man switch). Slot word
 * protocol: see watchdogWord.ts.
 */
export class WatchdogTable {
  readonly #words: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #big: BigInt64Array;
  readonly #o: KillSwitchOffsets;
  readonly #host: WatchdogHost;

  constructor(buffer: SharedArrayBuffer, offsets: KillSwitchOffsets, host: WatchdogHost) {
    this.#words = new Int32Array(buffer);
    this.#bytes = new Uint8Array(buffer);
    this.#big = new BigInt64Array(buffer);
    this.#o = offsets;
    this.#host = host;
  }

  #base(slot: number): number {
    return this.#o.watchdogBase + slot * L.watchdogSlotBytes;
  }

  /**
   * Claims a free slot and starts it with `lastBeat = now`.
   * @returns the slot index.
   * @throws KillSwitchError `'CAPACITY_EXCEEDED'` when every slot is taken.
   */
  allocate(name: Uint8Array, timeoutMs: number, now: number): number {
    const w = this.#words;
    for (let slot = 0; slot < this.#o.watchdogCapacity; slot++) {
      const base = this.#base(slot);
      if (cas(w, base >> 2, WD.free, WD.init) !== WD.free) continue;
      store(w, (base >> 2) + 1, name.length);
      writeBytes(w, this.#bytes, base + 32, name);
      storeF64(this.#big, (base + 8) >> 3, now);
      storeF64(this.#big, (base + 16) >> 3, timeoutMs);
      store(w, (base >> 2) + 6, add(w, this.#o.watchdogCountIndex + 1, 1));
      // Raise the high-water mark before publishing OK, so checkers scan this slot.
      for (;;) {
        const hw = load(w, this.#o.watchdogCountIndex);
        if (hw > slot || cas(w, this.#o.watchdogCountIndex, hw, slot + 1) === hw) break;
      }
      store(w, base >> 2, WD.ok);
      return slot;
    }
    throw new KillSwitchError(
      KILL_SWITCH_ERROR.capacityExceeded,
      'options.maxWatchdogs',
      this.#o.watchdogCapacity,
      `all ${this.#o.watchdogCapacity} watchdog slots are in use (options.maxWatchdogs)`,
    );
  }

  #name(slot: number): Uint8Array {
    const base = this.#base(slot);
    const n = Math.min(load(this.#words, (base >> 2) + 1), L.maxNameBytes);
    return readBytes(this.#words, this.#bytes, base + 32, n);
  }

  /**
   * Evaluates every live watchdog at `clock.now()` and raises the hold of each one due, in
   * creation order. Reads the clock only when a watchdog was ever allocated; allocates only when
   * one is due.
   */
  check(clock: Clock): void {
    const w = this.#words;
    const slots = load(w, this.#o.watchdogCountIndex);
    if (slots === 0) return;
    const now = clock.now();
    let due: number[] | undefined;
    for (let slot = 0; slot < slots; slot++) {
      if (this.#isDue(slot, now)) (due ??= []).push(slot);
    }
    if (due === undefined) return;
    const created = (slot: number) => load(w, (this.#base(slot) >> 2) + 6);
    due.sort((a, b) => created(a) - created(b));
    for (const slot of due) this.#expire(slot, now);
  }

  #isDue(slot: number, now: number): boolean {
    const base = this.#base(slot);
    if (wdState(load(this.#words, base >> 2)) !== WD.ok) return false;
    return now - loadF64(this.#big, (base + 8) >> 3) >= loadF64(this.#big, (base + 16) >> 3);
  }

  #expire(slot: number, now: number): void {
    const w = this.#words;
    const base = this.#base(slot);
    const word = load(w, base >> 2);
    if (wdState(word) !== WD.ok) return;
    // lastBeat is read AFTER the word: a beat after this read bumps the sequence, the CAS fails.
    const lastBeat = loadF64(this.#big, (base + 8) >> 3);
    const timeoutMs = loadF64(this.#big, (base + 16) >> 3);
    if (now - lastBeat < timeoutMs) return;
    const raising = wdWithState(word, WD.raising);
    if (cas(w, base >> 2, word, raising) !== word) return; // another checker, a beat or a dispose won
    const name = this.#name(slot);
    this.#host.raise(name, now, `no beat for ${timeoutMs} ms`);
    if (cas(w, base >> 2, raising, wdWithState(word, WD.expired)) === raising) return;
    // The owner beat or disposed while we raised: undo on its behalf (flags are set only in RAISING).
    const flagged = load(w, base >> 2);
    if ((flagged & WD.disposedFlag) !== 0) {
      this.#host.lower(name, 'release', now, 'watchdog disposed');
      store(w, base >> 2, WD.free);
    } else {
      this.#host.lower(name, 'watchdog-recovered', now, 'beat');
      store(w, base >> 2, wdNextBeat(flagged, WD.ok));
    }
  }

  /** The owner's beat: `lastBeat = now`, and releases the expiry hold if one is raised. */
  beat(slot: number, now: number): void {
    const w = this.#words;
    const base = this.#base(slot);
    storeF64(this.#big, (base + 8) >> 3, now);
    for (;;) {
      const word = load(w, base >> 2);
      const state = wdState(word);
      if (state === WD.ok) {
        if (cas(w, base >> 2, word, wdNextBeat(word, WD.ok)) === word) return;
      } else if (state === WD.expired) {
        if (cas(w, base >> 2, word, wdWithState(word, WD.releasing)) === word) {
          this.#host.lower(this.#name(slot), 'watchdog-recovered', now, 'beat');
          store(w, base >> 2, wdNextBeat(word, WD.ok));
          return;
        }
      } else {
        // RAISING: leave a note; the checker recovers right after raising.
        if (cas(w, base >> 2, word, word | WD.beatFlag) === word) return;
      }
    }
  }

  /** The owner's dispose: frees the slot, releasing the expiry hold if one is raised. */
  dispose(slot: number, now: number): void {
    const w = this.#words;
    const base = this.#base(slot);
    for (;;) {
      const word = load(w, base >> 2);
      const state = wdState(word);
      if (state === WD.ok) {
        if (cas(w, base >> 2, word, WD.free) === word) return;
      } else if (state === WD.expired) {
        if (cas(w, base >> 2, word, wdWithState(word, WD.releasing)) === word) {
          this.#host.lower(this.#name(slot), 'release', now, 'watchdog disposed');
          store(w, base >> 2, WD.free);
          return;
        }
      } else if (cas(w, base >> 2, word, word | WD.disposedFlag) === word) {
        return; // RAISING: the checker frees the slot once it has raised.
      }
    }
  }
}
