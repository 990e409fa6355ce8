import * as sharedMemory from '../internal/shared.js';

// Imports used per call, re-bound as module constants: V8 reads an imported binding through its
// module cell with a hole check at every use, and folds a module-level `const` (decision 0207).
const { loadF64, loadRelaxed, storeF64, storeRelaxed } = sharedMemory;

/** What a generation knows about its break (read back into this reusable object). */
export interface BankView {
  /** Opens since the breaker was last closed. */
  openCount: number;
  /** When the current break began (NaN: none). */
  openedAt: number;
  /** Its duration. */
  openMs: number;
  /** When the window stopped taking results (NaN while closed). */
  frozenAt: number;
}

/**
 * Per-generation transition data, in 4 banks indexed by `generation mod 4`, one cache line each.
 * The thread that attempts the transition `g -> g + 1` fills bank `(g + 1) mod 4` BEFORE its
 * compare-and-swap of the state word, so any thread that loads the new state word (an
 * `Atomics.load`, acquire) sees the data (the compare-and-swap is a release of the plain writes
 * before it). The data of the current generation `g` lives in another bank and is never
 * touched by these writes.
 *
 * Several threads racing for the same transition all write the bank; the values they write
 * differ only by their clock readings, taken around the same instant, so whichever lands last
 * is a correct `openedAt`. The bank's tag is the generation it was written for: a thread
 * stalled across four transitions can only write a bank whose tag then mismatches, and a reader
 * that sees a mismatched tag treats the break as over (half-open probing is the safe fallback).
 */
export class TransitionBank {
  readonly #a: Int32Array;
  readonly #f: Float64Array;
  readonly #bank0: number;
  readonly #line: number;

  /** @param bank0 - Int32 index of bank 0; `line` Int32 elements per cache line */
  constructor(a: Int32Array, f: Float64Array, bank0: number, line: number) {
    this.#a = a;
    this.#f = f;
    this.#bank0 = bank0;
    this.#line = line;
  }

  #base(g: number): number {
    return this.#bank0 + (g & 3) * this.#line;
  }

  /** Writes the data of generation `g` (before the compare-and-swap that enters it). */
  write(g: number, openCount: number, openedAt: number, openMs: number, frozenAt: number): void {
    const i = this.#base(g);
    const d = i / 2;
    storeRelaxed(this.#a, i + 1, openCount);
    storeF64(this.#f, d + 1, openedAt);
    storeF64(this.#f, d + 2, openMs);
    storeF64(this.#f, d + 3, frozenAt);
    storeRelaxed(this.#a, i, g | 0);
  }

  /**
   * Reads generation `g`'s data into `out` (call after an `Atomics.load` of the state word).
   * @returns false when the bank was overwritten (see the class comment)
   */
  read(g: number, out: BankView): boolean {
    const i = this.#base(g);
    const d = i / 2;
    if (loadRelaxed(this.#a, i) !== (g | 0)) {
      out.openCount = 1;
      out.openedAt = Number.NEGATIVE_INFINITY;
      out.openMs = 0;
      out.frozenAt = Number.NaN;
      return false;
    }
    out.openCount = loadRelaxed(this.#a, i + 1);
    out.openedAt = loadF64(this.#f, d + 1);
    out.openMs = loadF64(this.#f, d + 2);
    out.frozenAt = loadF64(this.#f, d + 3);
    return true;
  }
}
