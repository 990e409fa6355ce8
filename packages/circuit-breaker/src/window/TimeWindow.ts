import * as sharedMemory from '../internal/shared.js';
import * as taggedWord from './tagged.js';
import type { SlidingWindow, WindowCounts } from './WindowCounts.js';

// Imports used per call, re-bound as module constants: V8 reads an imported binding through its
// module cell with a hole check at every use, and folds a module-level `const` (decision 0207).
const { add, cas, load, loadF64, loadRelaxed, storeF64, sub } = sharedMemory;
const { tagOf } = taggedWord;

const EPOCH_BITS = 23;
const EPOCH_MOD = 2 ** EPOCH_BITS;
const EPOCH_MASK = EPOCH_MOD - 1;
/** A bucket this many epochs old is retired on the next read, long before its tag can alias. */
const RETIRE_AGE = 2 ** 21;
/** After an idle gap this long every bucket is retired first (its 23-bit epoch may alias). */
const SWEEP_GAP = 2 ** 21;
const RETIRED = -1;

function mod(x: number, m: number): number {
  const r = x % m;
  return r < 0 ? r + m : r;
}

/**
 * The results of the last `durationMs`, in `buckets` buckets of `durationMs / buckets` each
 * (epoch `floor(t / bucketMs)`, as in the model). One cache line per bucket:
 * `tag = (windowTag8 << 23) | (epoch mod 2^23)`, then calls, failures, slow calls.
 *
 * - Recording into the bucket of the current epoch is an `Atomics.add` per counter.
 * - Rolling a bucket over to a new epoch: read its counters, compare-and-swap the tag, then
 *   subtract exactly what was read. A concurrent add that lands after the read is not lost: it
 *   stays in the bucket (counted in the new epoch, at worst one bucket late).
 * - Any access ages out expired buckets by their tag; a bucket older than 2^21 epochs is retired
 *   (tag -1) on the next read, and after an idle gap of 2^21 epochs every bucket is retired
 *   first, so a 23-bit epoch can never alias however long the gap.
 * - The window tag makes a fresh window (entering closed) ignore every bucket of the old one;
 *   the gate word (the head line) carries the current tag.
 * - Known limit: a writer that was preempted between its tag check and its add for as long as a
 *   whole open period can add one result to the fresh window's bucket.
 */
export class TimeWindow implements SlidingWindow {
  readonly #a: Int32Array;
  readonly #f: Float64Array;
  readonly #gate: number;
  readonly #lastEpoch: number;
  readonly #bucket0: number;
  readonly #line: number;
  readonly #buckets: number;
  readonly #durationMs: number;

  /**
   * @param a - Int32 view; `f` Float64 view of the same buffer
   * @param gate - index of the gate word; `lastEpoch` a Float64 index; `bucket0` first bucket
   * @param line - Int32 elements per cache line
   */
  constructor(
    a: Int32Array,
    f: Float64Array,
    gate: number,
    lastEpoch: number,
    bucket0: number,
    line: number,
    durationMs: number,
    buckets: number,
  ) {
    this.#a = a;
    this.#f = f;
    this.#gate = gate;
    this.#lastEpoch = lastEpoch;
    this.#bucket0 = bucket0;
    this.#line = line;
    this.#buckets = buckets;
    this.#durationMs = durationMs;
  }

  /** Marks every bucket unused (a fresh buffer). */
  init(): void {
    for (let b = 0; b < this.#buckets; b++) this.#a[this.#bucket0 + b * this.#line] = RETIRED;
    this.#f[this.#lastEpoch] = Number.NEGATIVE_INFINITY;
  }

  #epoch(t: number): number {
    // Same expression as the model: floor(t / (durationMs / buckets)).
    return Math.floor(t / (this.#durationMs / this.#buckets));
  }

  record(tag: number, failure: boolean, slow: boolean, now: number): number {
    const a = this.#a;
    if (tagOf(loadRelaxed(a, this.#gate)) !== tag && tagOf(load(a, this.#gate)) !== tag) return 0;
    const e = this.#epoch(now);
    this.#maintain(e);
    const eLow = mod(e, EPOCH_MOD);
    const base = this.#bucket0 + mod(e, this.#buckets) * this.#line;
    const want = (tag << EPOCH_BITS) | eLow;
    const f = failure ? 1 : 0;
    const s = slow ? 1 : 0;
    for (;;) {
      const t = load(a, base);
      if (t === want) {
        add(a, base + 1, 1);
        if (f) add(a, base + 2, 1);
        if (s) add(a, base + 3, 1);
        return 2;
      }
      if (t !== RETIRED && t >>> EPOCH_BITS === tag) {
        const ahead = (t - want) & EPOCH_MASK;
        // The bucket already holds a later epoch of this window: this result has aged out.
        if (ahead > 0 && ahead < EPOCH_MOD / 2) return 1;
      }
      const c = load(a, base + 1);
      const fl = load(a, base + 2);
      const sl = load(a, base + 3);
      if (tagOf(load(a, this.#gate)) !== tag) return 0;
      if (cas(a, base, t, want) === t) {
        add(a, base + 1, 1 - c);
        add(a, base + 2, f - fl);
        add(a, base + 3, s - sl);
        return 2;
      }
    }
  }

  /** Retires every bucket after a long idle gap (their 23-bit epochs may alias). */
  #maintain(e: number): void {
    const last = loadF64(this.#f, this.#lastEpoch);
    if (e <= last) return;
    if (e - last >= SWEEP_GAP) {
      for (let b = 0; b < this.#buckets; b++) this.#retire(this.#bucket0 + b * this.#line);
    }
    storeF64(this.#f, this.#lastEpoch, e);
  }

  #retire(base: number): void {
    const a = this.#a;
    const t = load(a, base);
    if (t === RETIRED) return;
    const c = load(a, base + 1);
    const fl = load(a, base + 2);
    const sl = load(a, base + 3);
    if (cas(a, base, t, RETIRED) === t) {
      sub(a, base + 1, c);
      sub(a, base + 2, fl);
      sub(a, base + 3, sl);
    }
  }

  read(at: number, maintain: boolean, out: WindowCounts): void {
    const a = this.#a;
    const tag = tagOf(load(a, this.#gate));
    const e = this.#epoch(at);
    if (maintain) this.#maintain(e);
    const eLow = mod(e, EPOCH_MOD);
    let calls = 0;
    let failures = 0;
    let slowCalls = 0;
    for (let b = 0; b < this.#buckets; b++) {
      const base = this.#bucket0 + b * this.#line;
      const t = load(a, base);
      if (t === RETIRED || t >>> EPOCH_BITS !== tag) continue;
      const age = (eLow - (t & EPOCH_MASK)) & EPOCH_MASK;
      if (age < this.#buckets) {
        calls += load(a, base + 1);
        failures += load(a, base + 2);
        slowCalls += load(a, base + 3);
      } else if (maintain && age >= RETIRE_AGE && age < EPOCH_MOD / 2) {
        this.#retire(base);
      }
    }
    out.calls = calls;
    out.failures = Math.min(failures, calls);
    out.slowCalls = Math.min(slowCalls, calls);
  }
}
