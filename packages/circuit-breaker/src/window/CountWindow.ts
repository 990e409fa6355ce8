import { cas, load, loadRelaxed } from '../internal/shared.js';
import { COUNT_MASK, tagOf, tagged } from './tagged.js';
import type { SlidingWindow, WindowCounts } from './WindowCounts.js';

const FAILURE = 2;
const SLOW = 4;
const BAD = FAILURE | SLOW;

/**
 * The last `size` results, lock-free.
 *
 * - `head` (tagged) counts the results of this window; a compare-and-swap on it both checks the
 *   window tag and hands each result a unique sequence number `seq`, whose ring slot is
 *   `seq % size`. The count is kept below 2^23 by subtracting a multiple of `size`.
 * - `failures` and `slow` (tagged) are the numbers of failure / slow entries in the ring. A writer
 *   ADDS its own contribution before it swaps its entry into the ring, and subtracts the entry it
 *   evicted after: a subtraction of entry X always follows X's addition (X's writer added before
 *   its swap, which happened before ours), so a counter never goes below zero; it may exceed the
 *   ring's content by the results in flight, never permanently.
 * - A plain success writes the ring only to evict a failure or slow entry of this window; a
 *   success entry and an entry of an older window count for nothing, so leaving them is exact.
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
  readonly #limit: number;

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
    this.#limit = size * Math.floor(2 ** 22 / size);
  }

  record(tag: number, failure: boolean, slow: boolean): number {
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
      let next = count + 1;
      if (next >= this.#limit + size) next -= this.#limit;
      const seen = cas(a, this.#head, h, tagged(tag, next));
      if (seen === h) break;
      h = seen;
    }
    const idx = this.#ring + (count % size);
    const grew = count < size ? 2 : 1;
    if (!failure && !slow) {
      let v = loadRelaxed(a, idx);
      while (tagOf(v) === tag && (v & BAD) !== 0) {
        const seen = cas(a, idx, v, tagged(tag, 1));
        if (seen === v) {
          this.#evicted(tag, v);
          break;
        }
        v = seen;
      }
      return grew;
    }
    const mine = tagged(tag, 1 | (failure ? FAILURE : 0) | (slow ? SLOW : 0));
    if (failure) this.#adjust(this.#failures, tag, 1);
    if (slow) this.#adjust(this.#slow, tag, 1);
    let v = load(a, idx);
    for (;;) {
      const seen = cas(a, idx, v, mine);
      if (seen === v) break;
      v = seen;
    }
    if (tagOf(v) === tag) this.#evicted(tag, v);
    return grew;
  }

  #evicted(tag: number, v: number): void {
    if ((v & FAILURE) !== 0) this.#adjust(this.#failures, tag, -1);
    if ((v & SLOW) !== 0) this.#adjust(this.#slow, tag, -1);
  }

  /** Adds `delta` to a tagged counter unless a fresh window replaced it. */
  #adjust(index: number, tag: number, delta: number): void {
    const a = this.#a;
    let v = load(a, index);
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
