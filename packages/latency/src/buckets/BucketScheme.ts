import { bucketIndexOf, floorLog2 } from './bucketIndex.js';

/**
 * The bucket geometry of a histogram configuration: how values map to bucket indices and back.
 * Bucket `i` holds the integers `lowestEquivalent(i) .. highestEquivalent(i)`.
 */
export class BucketScheme {
  /** Unit magnitude u: buckets of the first octave are 2^u wide. */
  readonly unit: number;
  /** Half-count magnitude n: an octave has 2^n sub-buckets (2^(n+1) in the first). */
  readonly half: number;
  /** `(2^(n+1) - 1) << u` when it fits in 31 bits, else 0 (then no value takes the fast path). */
  readonly mask: number;
  /** Number of in-range buckets: the index of `highestNs` plus one. */
  readonly buckets: number;
  /** 2^n. */
  readonly #halfCount: number;
  /** Bucket width of each octave: 2^(b + u). */
  readonly #width: Float64Array;

  /**
   * @param lowestNs - smallest in-range value (integer >= 1).
   * @param highestNs - largest in-range value (integer <= 2^53 - 1).
   * @param significantDigits - decimal digits of precision (1..5).
   */
  constructor(lowestNs: number, highestNs: number, significantDigits: number) {
    // 2 * 10^d sub-buckets rounded up to a power of two: H = 2^n >= 10^d, so every bucket is at
    // most 1/H < 10^-d of the values it holds (values >= lowestNs >= H * 2^u).
    this.half = Math.ceil(Math.log2(2 * 10 ** significantDigits)) - 1;
    this.unit = Math.max(0, floorLog2(lowestNs) - this.half);
    this.mask = this.unit + this.half + 1 <= 31 ? ((2 << this.half) - 1) * 2 ** this.unit : 0;
    this.buckets = bucketIndexOf(highestNs, this.unit, this.half) + 1;
    this.#halfCount = 2 ** this.half;
    this.#width = new Float64Array(this.#octave(this.buckets - 1) + 2);
    for (let b = 0; b < this.#width.length; b++) this.#width[b] = 2 ** (b + this.unit);
  }

  /** @returns the octave that bucket `i` belongs to. */
  #octave(i: number): number {
    return Math.max(0, Math.floor(i / this.#halfCount) - 1);
  }

  /**
   * @param i - bucket index.
   * @returns the smallest integer that falls in bucket `i`.
   */
  lowestEquivalent(i: number): number {
    const b = this.#octave(i);
    return (i - b * this.#halfCount) * (this.#width[b] as number);
  }

  /**
   * @param i - bucket index.
   * @returns the largest integer that falls in bucket `i`.
   */
  highestEquivalent(i: number): number {
    return this.lowestEquivalent(i) + (this.#width[this.#octave(i)] as number) - 1;
  }

  /**
   * @param i - bucket index.
   * @returns the middle of bucket `i`, the value it contributes to the mean.
   */
  midpoint(i: number): number {
    return (this.lowestEquivalent(i) + this.highestEquivalent(i)) / 2;
  }

  /**
   * Index range of octave `b` (the Prometheus export emits one `le` per octave).
   * @param b - octave.
   * @returns `[first, end)` bucket indices.
   */
  octaveRange(b: number): readonly [number, number] {
    const h = this.#halfCount;
    return b === 0 ? [0, 2 * h] : [(b + 1) * h, (b + 2) * h];
  }
}
