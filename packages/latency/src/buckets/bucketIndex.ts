// Log-linear (HDR-style) bucket index. A value v is in "octave" b = max(0, floor(log2 v) - u - n)
// and sub-bucket s = floor(v / 2^(b + u)), with s in [H, 2H) for b >= 1 and [0, 2H) for b = 0
// (H = 2^n half the sub-buckets per octave, u the unit magnitude). The index is b * H + s, so
// octaves overlap by nothing and every bucket is 2^(b+u) wide: at most 1/H of its lowest value.

/**
 * Bucket index of a value below 2^31 (the hot path of `record`): branch-free, integer-only.
 * `ns` may be fractional; it is truncated.
 *
 * @param ns - a value in [lowestNs, min(highestNs + 1, 2^31)).
 * @param mask - `(2H - 1) << unit`: or-ing it in makes octave 0 come out of the same formula.
 * @param unit - unit magnitude u.
 * @param half - half-count magnitude n (H = 2^n).
 * @returns the bucket index.
 */
export function bucketIndex(ns: number, mask: number, unit: number, half: number): number {
  const v = ns >>> 0;
  const b = 31 - Math.clz32(v | mask) - unit - half;
  return (b << half) + (v >>> (b + unit));
}

/**
 * `floor(log2(x))` for `1 <= x < 2^64` (-1 for x < 1).
 * @param x - a non-negative number.
 */
export function floorLog2(x: number): number {
  return x < 4294967296 ? 31 - Math.clz32(x >>> 0) : 63 - Math.clz32((x / 4294967296) >>> 0);
}

/**
 * Bucket index of any value up to 2^53 (the general path; equal to {@link bucketIndex} below
 * 2^31, which a unit test checks).
 *
 * @param ns - a non-negative value; fractional values are truncated.
 * @param unit - unit magnitude u.
 * @param half - half-count magnitude n.
 * @returns the bucket index.
 */
export function bucketIndexOf(ns: number, unit: number, half: number): number {
  const b = Math.max(0, floorLog2(ns) - unit - half);
  // Division by a power of two is exact in float64, so the floor is the integer shift.
  return b * 2 ** half + Math.floor(ns / 2 ** (b + unit));
}
