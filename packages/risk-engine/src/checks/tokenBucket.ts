import { cas, load, loadRelaxed } from '../internal/shared.js';

/**
 * A token bucket in two shared Int32 words: TOKENS (milli-tokens) and LAST (ms since the engine
 * epoch of the last refill). Lock-free: the thread whose CAS moves LAST forward owns the elapsed
 * interval and adds its tokens (CAS loop capped at the burst), so no interval is credited twice;
 * a token is taken by a CAS that keeps TOKENS >= 0, so concurrent takers can never spend more than
 * was credited. Refill granularity is 1 ms; `perSec` milli-tokens are credited per ms.
 */

/** Credits the tokens accrued up to `nowMs`. */
export function refill(
  i32: Int32Array,
  tokens: number,
  last: number,
  perSec: number,
  burst: number,
  nowMs: number,
): void {
  // A plain read (see `loadRelaxed`): LAST only grows, so a stale value is <= the current one
  // and `nowMs <= seen` on it implies the same on the current value (nothing to refill); a stale
  // value past that test fails the CAS (the word moved on: another thread owns that interval).
  const seen = loadRelaxed(i32, last);
  if (nowMs <= seen) return;
  if (cas(i32, last, seen, nowMs) !== seen) return; // another thread owns this interval
  const credit = Math.min(Math.floor((nowMs - seen) * perSec), burst);
  credit_: for (;;) {
    const t = load(i32, tokens);
    const next = Math.min(t + credit, burst);
    if (next <= t || cas(i32, tokens, t, next) === t) break credit_;
  }
}

/**
 * Takes one token (1000 milli-tokens) after refilling; with `reserve = false` only tells whether
 * one is available.
 * @returns the milli-tokens available before the take, or -1 when none could be taken.
 */
export function takeToken(
  i32: Int32Array,
  tokens: number,
  last: number,
  perSec: number,
  burst: number,
  nowMs: number,
  reserve: boolean,
): number {
  if (!reserve) {
    const t = load(i32, tokens);
    return t < 1000 ? -1 : t;
  }
  refill(i32, tokens, last, perSec, burst, nowMs);
  // The first guess is a plain read, only used as the CAS's expected value; a failed CAS returns
  // the current value, and an empty-looking bucket is confirmed with `Atomics.load` before the
  // denial (same decisions as with sequentially consistent reads only; see `reserveUpTo`).
  let t = loadRelaxed(i32, tokens);
  for (;;) {
    if (t < 1000) {
      t = load(i32, tokens);
      if (t < 1000) return -1;
    }
    const seen = cas(i32, tokens, t, t - 1000);
    if (seen === t) return t;
    t = seen;
  }
}

/** Gives one token back (the order was denied by a later check), capped at the burst. */
export function refundToken(i32: Int32Array, tokens: number, burst: number): void {
  for (;;) {
    const t = load(i32, tokens);
    const next = Math.min(t + 1000, burst);
    if (next <= t || cas(i32, tokens, t, next) === t) return;
  }
}
