import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketScheme } from './BucketScheme.js';
import { bucketIndex, bucketIndexOf, floorLog2 } from './bucketIndex.js';

describe('bucket index', () => {
  it('the fast path equals the general path below 2^31, and buckets hold their values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (lowest, digits, raw) => {
          const s = new BucketScheme(lowest, 2 ** 31 - 1, digits);
          const v = Math.max(lowest, raw);
          const i = bucketIndex(v, s.mask, s.unit, s.half);
          expect(i).toBe(bucketIndexOf(v, s.unit, s.half));
          expect(s.lowestEquivalent(i)).toBeLessThanOrEqual(v);
          expect(s.highestEquivalent(i)).toBeGreaterThanOrEqual(v);
          expect((s.highestEquivalent(i) - s.lowestEquivalent(i)) / v).toBeLessThan(10 ** -digits);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('floorLog2 is exact on both sides of 2^32', () => {
    expect(floorLog2(0.5)).toBe(-1);
    expect(floorLog2(1)).toBe(0);
    expect(floorLog2(2 ** 32 - 1)).toBe(31);
    expect(floorLog2(2 ** 32)).toBe(32);
    expect(floorLog2(2 ** 53 - 1)).toBe(52);
  });

  it('default scheme: 2 digits give 128 sub-buckets per octave, unit 1 ns', () => {
    const s = new BucketScheme(1, 60e9, 2);
    expect([s.half, s.unit]).toEqual([7, 0]);
    expect(s.buckets).toBe(bucketIndexOf(60e9, 0, 7) + 1);
    expect(s.octaveRange(0)).toEqual([0, 256]);
    expect(s.octaveRange(1)).toEqual([256, 384]);
    expect(s.midpoint(300)).toBe((s.lowestEquivalent(300) + s.highestEquivalent(300)) / 2);
  });

  it('lowestNs >= 2^31 leaves no value on the fast path (mask 0)', () => {
    expect(new BucketScheme(2 ** 40, 2 ** 50, 2).mask).toBe(0);
  });
});
