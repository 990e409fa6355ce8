import { cas, load } from './shared.js';

/** Sentinel returned by {@link reserveUpTo} on success. */
export const RESERVED = -0x80000000;

/**
 * Adds `amount` to the counter at `idx` only if the result stays `<= bound`: a CAS loop, so the
 * comparison and the addition are one atomic step and concurrent reservers from any number of
 * workers can never together push the counter past the bound (each CAS is validated against the
 * exact value its comparison used). With `reserve = false` only compares.
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
  for (;;) {
    const cur = load(i32, idx);
    if (cur + amount > bound) return cur;
    if (!reserve || cas(i32, idx, cur, cur + amount) === cur) return RESERVED;
  }
}
