import * as sharedMemory from '../internal/shared.js';
import * as taggedWord from './tagged.js';
import type { SlidingWindow, WindowCounts } from './WindowCounts.js';

// Imports used per call, re-bound as module constants: V8 reads an imported binding through its
// module cell with a hole check at every use, and folds a module-level `const` (decision 0207).
const { cas, load, loadRelaxed } = sharedMemory;
const { COUNT_MASK, tagOf, tagged } = taggedWord;

const FAILURE = 2;
const SLOW = 4;
/** Flag bits of a ring entry that the window's counters count (failure, slow). */
export const BAD_ENTRY = FAILURE | SLOW;

/**
 * The last `size` results, lock-free.
 *
 * - `head` (tagged) counts the results of this window; a compare-and-swap on it both checks the
 *   window tag and hands each result a unique sequence number `seq`, whose ring slot is
 *   `seq % size`. The count is kept in [0, 2 * size): after the first lap it cycles through
 *   [size, 2 * size), so the slot is `count` or `count - size` (no integer division).
 * - `failures` and `slow` (tagged) are the numbers of failure / slow entries in the ring. A writer
 *   ADDS its own contribution before it swaps its entry into the ring, and subtracts the entry it
 *   evicted after: a subtraction of entry X always follows X's addition (X's writer added before
 *   its swap, which happened before ours), so a counter never goes below zero; it may exceed the
 *   ring's content by the results in flight, never permanently.
 * - A plain success writes the ring only to evict a failure or slow entry of this window; a
 *   success entry and an entry of an older window count for nothing, so leaving them is exact.
 * - The breaker's `onSuccess` inlines the common case of `record` for a plain success (a full
 *   window of its tag, an uncontended head): the same head compare-and-swap and slot read, on
 *   the same words ({@link CountWindow.evict} when there is an entry to evict).
 * - Two writers a whole lap apart racing on one slot may leave the older one's entry in the slot:
 *   counters stay consistent with the ring, the ring shows one result one lap late.
 */
export class CountWindow implements SlidingWindow {
  readonly #a: Int32Array;
  readonly #head: number;
  readonly #failures: number;
  readonly #slow: number;
  readonly #ring: number;
  readonly #size: number;

  /**
   * @param a - the breaker's Int32 view
   * @param head - index of the head word; `failures`, `slow` likewise; `ring` first ring index
   * @param size - window size
   */
  constructor(
    a: Int32Array,
    head: number,
    failures: number,
    slow: number,
    ring: number,
    size: number,
  ) {
    this.#a = a;
    this.#head = head;
    this.#failures = failures;
    this.#slow = slow;
    this.#ring = ring;
    this.#size = size;
  }

  record(tag: number, failure: boolean, slow: boolean, _now?: number): number {
    const a = this.#a;
    const size = this.#size;
    // A plain read is enough to start: the compare-and-swap below re-validates it.
    let h = loadRelaxed(a, this.#head);
    let count: number;
    for (;;) {
      if (tagOf(h) !== tag) {
        const fresh = load(a, this.#head);
        if (fresh === h) return 0;
        h = fresh;
        continue;
      }
      count = h & COUNT_MASK;
      // The count stays in [0, 2 * size): the first lap counts up from 0, later laps cycle
      // through [size, 2 * size), so the ring slot is one compare away (no integer division).
      let next = count + 1;
      if (next === size + size) next = size;
      const seen = cas(a, this.#head, h, tagged(tag, next));
      if (seen === h) break;
      h = seen;
    }
    const idx = this.#ring + (count < size ? count : count - size);
    const grew = count < size ? 2 : 1;
    if (failure || slow) {
      this.#put(idx, tag, failure, slow);
      return grew;
    }
    // A plain success: only a failure or slow entry of this window needs evicting (a plain read
    // decides; the compare-and-swap in `evict` re-validates it).
    const v = loadRelaxed(a, idx);
    if (tagOf(v) === tag && (v & BAD_ENTRY) !== 0) this.evict(idx, tag, v);
    return grew;
  }

  /**
   * Replaces a failure / slow entry `v` of this window, read from ring index `idx`, by a plain
   * success, unless it changed (the breaker's inlined success path calls it too).
   */
  evict(idx: number, tag: number, v: number): void {
    for (;;) {
      const seen = cas(this.#a, idx, v, tagged(tag, 1));
      if (seen === v) {
        this.#evicted(tag, v);
        return;
      }
      if (tagOf(seen) !== tag || (seen & BAD_ENTRY) === 0) return;
      v = seen;
    }
  }

  /** Swaps a failure and/or slow entry into the ring: counters first, evicted entry after. */
  #put(idx: number, tag: number, failure: boolean, slow: boolean): void {
    const a = this.#a;
    const mine = tagged(tag, 1 | (failure ? FAILURE : 0) | (slow ? SLOW : 0));
    if (failure) this.#adjust(this.#failures, tag, 1);
    if (slow) this.#adjust(this.#slow, tag, 1);
    // An unconditional swap: the first read is only the compare-and-swap's guess (a stale plain
    // value costs one retry); the entry evicted is the value the successful swap replaced.
    let v = loadRelaxed(a, idx);
    for (;;) {
      const seen = cas(a, idx, v, mine);
      if (seen === v) break;
      v = seen;
    }
    if (tagOf(v) === tag) this.#evicted(tag, v);
  }

  #evicted(tag: number, v: number): void {
    if ((v & FAILURE) !== 0) this.#adjust(this.#failures, tag, -1);
    if ((v & SLOW) !== 0) this.#adjust(this.#slow, tag, -1);
  }

  /** Adds `delta` to a tagged counter unless a fresh window replaced it. */
  #adjust(index: number, tag: number, delta: number): void {
    const a = this.#a;
    // The plain read is the compare-and-swap's guess (re-validated by it); only a tag that
    // differs is confirmed with an atomic read before the adjustment is dropped (a fresh window
    // replaced the counter), so the decision to drop is made on the same value as before.
    let v = loadRelaxed(a, index);
    if (tagOf(v) !== tag) v = load(a, index);
    while (tagOf(v) === tag) {
      const seen = cas(a, index, v, (v + delta) | 0);
      if (seen === v) return;
      v = seen;
    }
  }

  read(_at: number, _maintain: boolean, out: WindowCounts): void {
    const a = this.#a;
    const h = load(a, this.#head);
    const tag = tagOf(h);
    const calls = Math.min(h & COUNT_MASK, this.#size);
    const f = load(a, this.#failures);
    const s = load(a, this.#slow);
    out.calls = calls;
    out.failures = tagOf(f) === tag ? Math.min(f & COUNT_MASK, calls) : 0;
    out.slowCalls = tagOf(s) === tag ? Math.min(s & COUNT_MASK, calls) : 0;
  }
}
