// Shows that the percentile property can fail: with the bucket function swapped for a broken one
// (fixtures/brokenBucketIndex.ts), the same property finds a counterexample.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { percentileProperty } from './percentileProperty.js';

vi.mock(import('../../src/buckets/bucketIndex.js'), async (importOriginal) => {
  const broken = await import('./fixtures/brokenBucketIndex.js');
  return { ...(await importOriginal()), bucketIndex: broken.bucketIndex };
});

describe('percentile property against a broken bucket function (fixture)', () => {
  it('finds a counterexample', () => {
    // Values kept below highestNs / 4 so the broken index stays inside the array.
    const result = fc.check(
      percentileProperty({ lowestNs: 1, highestNs: 60e9, significantDigits: 2 }, 1e9),
      { numRuns: 150, seed: 7 },
    );
    expect(result.failed).toBe(true);
    expect(result.counterexample).not.toBeNull();
    expect(String(result.errorInstance)).toMatch(/percentile\(.*relative error/);
  });
});
