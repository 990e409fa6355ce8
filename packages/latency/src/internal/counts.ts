import { add, load, loadRelaxed, store } from './shared.js';

// Count words (docs/decisions/0401-latency-count-words.md). Each counter is a free-running Int32
// "low" word, read as unsigned, plus an Int32 "high" word counting how many times the low word
// crossed a multiple of 2^31 (a half wrap). `record` is one Atomics.add on the low word; only the
// thread whose add crossed a half wrap (unique: every add returns a distinct previous value) adds
// 1 to the high word, once in 2^31 values. A reader recovers the full wraps w from the high word
// h and the low word l: for a settled counter h = 2w when l < 2^31 and h = 2w + 1 when l >= 2^31;
// while the carrier has not yet added its 1, h is one less. Both cases give
//   w = ceil(h / 2) when l < 2^31, floor(h / 2) when l >= 2^31,
// so one carry in flight is invisible to readers, and even a carrier that dies between its two
// adds (a terminated worker) costs nothing. A counter holds up to 2^62 values; reads are exact up
// to 2^53 (Number.MAX_SAFE_INTEGER).

const HALF_WRAP = 2 ** 31;
const WRAP = 2 ** 32;
// Merge adds in chunks of at most a quarter wrap: one chunk crosses at most one half wrap.
const CHUNK = 2 ** 30;

/**
 * Adds 1 to counter `i` (the hot path; `record` inlines the same two lines).
 * @param low - low words.
 * @param high - high words.
 * @param i - counter slot.
 */
export function increment(low: Int32Array, high: Int32Array, i: number): void {
  const prev = add(low, i, 1);
  // prev is 2^31 - 1 or 2^32 - 1 (as unsigned) exactly when this add crossed a half wrap.
  if ((prev & 0x7fffffff) === 0x7fffffff) add(high, i, 1);
}

/**
 * Adds `k` (a non-negative integer <= 2^53) to counter `i` (merge).
 * @param low - low words.
 * @param high - high words.
 * @param i - counter slot.
 * @param k - amount.
 */
export function addCount(low: Int32Array, high: Int32Array, i: number, k: number): void {
  const wraps = Math.floor(k / WRAP);
  // A whole wrap is two half wraps: adding 2 per wrap keeps the parity readers rely on.
  if (wraps > 0) add(high, i, 2 * wraps);
  let rest = k - wraps * WRAP;
  while (rest > 0) {
    const chunk = rest < CHUNK ? rest : CHUNK;
    const prev = add(low, i, chunk) >>> 0;
    if (Math.floor((prev + chunk) / HALF_WRAP) !== Math.floor(prev / HALF_WRAP)) add(high, i, 1);
    rest -= chunk;
  }
}

/**
 * Reads counter `i`. Lock-free: it retries only when a carry landed between its two reads of
 * the high word, i.e. when another thread made progress.
 * @param low - low words.
 * @param high - high words.
 * @param i - counter slot.
 * @returns the count.
 */
export function readCount(low: Int32Array, high: Int32Array, i: number): number {
  for (;;) {
    const h = load(high, i);
    const l = load(low, i) >>> 0;
    if (load(high, i) !== h) continue;
    const wraps = l < HALF_WRAP ? Math.ceil(h / 2) : Math.floor(h / 2);
    return wraps * WRAP + l;
  }
}

/**
 * Reads every counter into `into`. A settled counter below 2^31 with no carries (almost all of
 * them) is taken from two plain reads: an aligned Int32 read is tear-free, and reading the low
 * word before the high word means that a high word still 0 was 0 when the low word was read, so
 * the pair is consistent (a carry in flight shows as a low word >= 2^31, i.e. negative). Any
 * other counter is read with the {@link readCount} protocol. Plain reads cost ~0.4 ns against
 * ~8-16 ns for `Atomics.load`; a reader needs no ordering with recorders (missing a concurrent
 * record is the same as reading just before it).
 * @param low - low words.
 * @param high - high words.
 * @param into - receives one count per slot.
 * @returns the sum of every slot but the last (the `invalid` counter): the valid values.
 */
export function readCounts(low: Int32Array, high: Int32Array, into: Float64Array): number {
  let valid = 0;
  for (let i = 0; i < into.length; i++) {
    const l = loadRelaxed(low, i);
    const n = l >= 0 && loadRelaxed(high, i) === 0 ? l : readCount(low, high, i);
    into[i] = n;
    valid += n;
  }
  return valid - (into[into.length - 1] as number);
}

/**
 * Zeroes every counter. Not atomic with concurrent increments (see README, reset).
 * @param low - low words.
 * @param high - high words.
 */
export function clearCounts(low: Int32Array, high: Int32Array): void {
  for (let i = 0; i < low.length; i++) {
    store(low, i, 0);
    store(high, i, 0);
  }
}
