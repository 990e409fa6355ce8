import { cas, load, loadRelaxed } from './shared.js';

/** Sentinel returned by {@link reserveUpTo} on success. */
export const RESERVED = -0x80000000;

/**
 * Adds `amount` to the counter at `idx` only if the result stays `<= bound`: a CAS loop, so the
 * comparison and the addition are one atomic step and concurrent reservers from any number of
 * workers can never together push the counter past the bound (each CAS is validated against the
 * exact value its comparison used). With `reserve = false` only compares.
 *
 * Memory ordering: the first guess is a plain read (`loadRelaxed`, ~1 ns instead of ~7 ns), which
 * may be stale; it is only ever the expected value of the CAS, which succeeds only if the word
 * still holds it. Every value the code acts on otherwise is sequentially consistent: a failed CAS
 * returns the current value (the next guess), and a guess over the bound is re-read with
 * `Atomics.load` before denying. So a reservation and a denial are decided on exactly the values
 * they were before this read was relaxed.
 *
 * @returns {@link RESERVED} on success, else the counter value that did not fit.
 */
export function reserveUpTo(
  i32: Int32Array,
  idx: number,
  amount: number,
  bound: number,
  reserve: boolean,
): number {
  let cur = reserve ? loadRelaxed(i32, idx) : load(i32, idx);
  for (;;) {
    if (cur + amount > bound) {
      const seen = load(i32, idx); // confirm before denying: `cur` may be a stale plain read
      if (seen + amount > bound) return seen;
      cur = seen;
    }
    if (!reserve) return RESERVED;
    const seen = cas(i32, idx, cur, cur + amount);
    if (seen === cur) return RESERVED;
    cur = seen;
  }
}
