import * as sharedMemory from '../internal/shared.js';
import * as permitCodes from './permit.js';

// Imports used per call, re-bound as module constants: V8 reads an imported binding through its
// module cell with a hole check at every use, and folds a module-level `const` (decision 0207).
const { cas, load, loadF64, storeF64 } = sharedMemory;
const { MAX_USES, halfOpenPermit } = permitCodes;

/** Slot statuses (low 4 bits of a slot word). */
export const SLOT = { free: 0, claiming: 1, leased: 2, succeeded: 3, failed: 4 } as const;

/** How a half-open generation was sealed (tally bits 14-15). */
export const SEAL = { none: 0, close: 1, failure: 2, lease: 3 } as const;

/** `claim` could not take a slot because every slot of the generation is in use. */
export const CLAIM_FULL = -2;
/** `claim` found a slot of a newer generation: the caller's view of the state is stale. */
export const CLAIM_STALE = -5;

const TAG_MASK = 0xffff;
const USE_MASK = MAX_USES - 1;

function slotWord(tag: number, use: number, status: number): number {
  return (tag << 16) | (use << 4) | status | 0;
}

/**
 * The half-open probe budget: one cache line per slot, `permits` slots. A slot word is
 * `(generation16 << 16) | (use12 << 4) | status4`, so it is tagged with the generation that
 * wrote it: a slot whose tag is an older generation is free for the current one (no reset is
 * needed when entering half-open), and a late report of an old generation can never match.
 *
 * Protocol (each step one compare-and-swap on the slot word, so no admission is ever counted
 * twice and the budget can never exceed `permits`):
 * - claim: FREE(g, u) or older-tag -> CLAIMING(g, u + 1); write the acquire time (plain f64);
 *   CLAIMING -> LEASED(g, u + 1). The second compare-and-swap publishes the acquire time to
 *   every thread that later loads LEASED (release/acquire through the Int32 word).
 * - report: LEASED(g, u) -> SUCCEEDED / FAILED(g, u); release: LEASED(g, u) -> FREE(g, u), so the
 *   next claim uses u + 1 and the released permit becomes a duplicate.
 * - lease expiry reads only LEASED slots (a CLAIMING slot has no acquire time yet).
 *
 * Known limit: a claimer preempted between its two compare-and-swaps for a whole open period
 * can overwrite the acquire time of a later generation's probe on the same slot with an
 * earlier time; that lease then expires early (re-opening: the safe direction).
 */
export class ProbeSlots {
  readonly #a: Int32Array;
  readonly #f: Float64Array;
  readonly #slot0: number;
  readonly #line: number;
  readonly #permits: number;
  readonly #tally: number;

  /**
   * @param a - Int32 view; `f` Float64 view of the same buffer
   * @param slot0 - Int32 index of slot 0; `line` Int32 elements per cache line
   * @param tally - Int32 index of the tally word
   */
  constructor(
    a: Int32Array,
    f: Float64Array,
    slot0: number,
    line: number,
    permits: number,
    tally: number,
  ) {
    this.#a = a;
    this.#f = f;
    this.#slot0 = slot0;
    this.#line = line;
    this.#permits = permits;
    this.#tally = tally;
  }

  /*
   * The tally orders the results of one half-open generation: `(gen16 << 16) | (seal2 << 14) |
   * successes14`. A success takes the next position with a compare-and-swap; the one that reaches
   * `successesToClose` also SEALS the tally (close). The first failure, or an expired lease, seals
   * it (open) before it moves the state. Once sealed, later results of the generation are stale
   * and acquires help finish the sealed transition instead of admitting: so every result is
   * ordered before or after the generation's end by one compare-and-swap (linearizable), even
   * when the state compare-and-swap comes a moment later.
   */

  /** @returns how generation `g` was sealed ({@link SEAL}), `none` while it is live. */
  sealOf(g: number): number {
    const v = load(this.#a, this.#tally);
    return v >>> 16 === (g & TAG_MASK) ? (v >>> 14) & 3 : SEAL.none;
  }

  /**
   * Counts a success of generation `g`.
   * @returns 'stale' when the generation is sealed, 'closer' when this success reached `n` (and
   * sealed the tally), else 'recorded'
   */
  succeed(g: number, n: number): 'stale' | 'recorded' | 'closer' {
    const a = this.#a;
    const tag = g & TAG_MASK;
    let v = load(a, this.#tally);
    for (;;) {
      if (v >>> 16 !== tag || ((v >>> 14) & 3) !== SEAL.none) return 'stale';
      const count = (v & 0x3fff) + 1;
      const closer = count >= n;
      const next = (tag << 16) | ((closer ? SEAL.close : SEAL.none) << 14) | count | 0;
      const seen = cas(a, this.#tally, v, next);
      if (seen === v) return closer ? 'closer' : 'recorded';
      v = seen;
    }
  }

  /** Seals live generation `g` with `kind`. @returns whether this call sealed it */
  seal(g: number, kind: number): boolean {
    const a = this.#a;
    const tag = g & TAG_MASK;
    let v = load(a, this.#tally);
    for (;;) {
      if (v >>> 16 !== tag || ((v >>> 14) & 3) !== SEAL.none) return false;
      const seen = cas(a, this.#tally, v, (tag << 16) | (kind << 14) | (v & 0x3fff) | 0);
      if (seen === v) return true;
      v = seen;
    }
  }

  #index(slot: number): number {
    return this.#slot0 + slot * this.#line;
  }

  /**
   * Before generation `g` is entered from the state word `w`: a slot whose tag equals `g`'s
   * (left by generation `g - 65536k`) or looks newer than `g` (left 32768+ generations ago) would
   * be misread; mark it as a free slot of the previous generation. The slot is read BEFORE the
   * state is checked: while the state is still `w`, no claim for `g` can exist, so such a slot is
   * ancient; and if a winner enters `g` and claims the slot in between, the slot word changes and
   * the compare-and-swap fails.
   */
  prepare(g: number, w: number, state: Int32Array, stateIndex: number): void {
    const tag = g & TAG_MASK;
    const t = load(this.#a, this.#tally);
    if (load(state, stateIndex) !== w) return;
    cas(this.#a, this.#tally, t, (tag << 16) | 0);
    for (let s = 0; s < this.#permits; s++) {
      const i = this.#index(s);
      const v = load(this.#a, i);
      const vt = v >>> 16;
      if (vt !== tag && ((tag - vt) & TAG_MASK) < 0x8000) continue;
      if (load(state, stateIndex) !== w) return;
      cas(this.#a, i, v, slotWord((tag - 1) & TAG_MASK, 0, SLOT.free));
    }
  }

  /**
   * Takes a probe slot for generation `g` at time `now`.
   * @returns a half-open permit, {@link CLAIM_FULL} or {@link CLAIM_STALE}
   */
  claim(g: number, now: number): number {
    const a = this.#a;
    const tag = g & TAG_MASK;
    for (let s = 0; s < this.#permits; s++) {
      const i = this.#index(s);
      let v = load(a, i);
      for (;;) {
        const vt = v >>> 16;
        let use = 0;
        if (vt === tag) {
          if ((v & 15) !== SLOT.free) break;
          use = (v >>> 4) & USE_MASK;
        } else if (((tag - vt) & TAG_MASK) >= 0x8000) {
          return CLAIM_STALE;
        }
        const next = (use + 1) & USE_MASK;
        const claiming = slotWord(tag, next, SLOT.claiming);
        const seen = cas(a, i, v, claiming);
        if (seen !== v) {
          v = seen;
          continue;
        }
        storeF64(this.#f, i / 2 + 1, now);
        if (cas(a, i, claiming, slotWord(tag, next, SLOT.leased)) !== claiming) return CLAIM_STALE;
        return halfOpenPermit(g, s, next);
      }
    }
    return CLAIM_FULL;
  }

  /**
   * Settles the probe `(g, slot, use)` as `status` (succeeded, failed, or free = released).
   * @returns 'recorded' when this call settled it, 'duplicate' when it was already settled or
   * released, 'stale' when generation `g` never issued it
   */
  settle(g: number, slot: number, use: number, status: number): 'recorded' | 'stale' | 'duplicate' {
    if (slot >= this.#permits) return 'stale';
    const a = this.#a;
    const tag = g & TAG_MASK;
    const i = this.#index(slot);
    let v = load(a, i);
    for (;;) {
      if (v >>> 16 !== tag) return 'stale';
      const vu = (v >>> 4) & USE_MASK;
      if (vu !== use) {
        // A later use of the slot means this permit was released: a duplicate. An earlier use
        // means this permit was never issued.
        return ((vu - use) & USE_MASK) < MAX_USES / 2 ? 'duplicate' : 'stale';
      }
      const st = v & 15;
      if (st !== SLOT.leased) return st === SLOT.claiming ? 'stale' : 'duplicate';
      const seen = cas(a, i, v, slotWord(tag, use, status));
      if (seen === v) return 'recorded';
      v = seen;
    }
  }

  /** @returns the number of slots of generation `g` whose status is `status`. */
  count(g: number, status: number): number {
    const tag = g & TAG_MASK;
    let n = 0;
    for (let s = 0; s < this.#permits; s++) {
      const v = load(this.#a, this.#index(s));
      if (v >>> 16 === tag && (v & 15) === status) n++;
    }
    return n;
  }

  /** @returns probes of generation `g` admitted and not yet reported or released. */
  inFlight(g: number): number {
    return this.count(g, SLOT.leased) + this.count(g, SLOT.claiming);
  }

  /** @returns whether a lease of generation `g` has expired at `now` (`now >= acquired + leaseMs`). */
  anyExpired(g: number, now: number, leaseMs: number): boolean {
    const tag = g & TAG_MASK;
    for (let s = 0; s < this.#permits; s++) {
      const i = this.#index(s);
      const v = load(this.#a, i);
      if (
        v >>> 16 === tag &&
        (v & 15) === SLOT.leased &&
        now >= loadF64(this.#f, i / 2 + 1) + leaseMs
      ) {
        return true;
      }
    }
    return false;
  }
}
