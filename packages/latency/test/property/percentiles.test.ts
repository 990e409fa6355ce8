import fc from 'fast-check';
import { describe, it } from 'vitest';
import { runs } from './oracle.js';
import { percentileProperty } from './percentileProperty.js';

describe('percentile property (against a sorted array of the same values)', () => {
  it('default configuration: every percentile within 1 % and never below the exact value', () => {
    fc.assert(percentileProperty({ lowestNs: 1, highestNs: 60e9, significantDigits: 2 }), {
      numRuns: runs(100),
    });
  });

  it('any configuration: within 10^-significantDigits', () => {
    const config = fc
      .record({
        lowestNs: fc.integer({ min: 1, max: 1_000_000 }),
        span: fc.integer({ min: 2, max: 1_000_000 }),
        significantDigits: fc.integer({ min: 1, max: 3 }),
      })
      .map(({ lowestNs, span, significantDigits }) => ({
        lowestNs,
        highestNs: lowestNs * span,
        significantDigits,
      }));
    fc.assert(
      fc.property(config, fc.integer(), (options, seed) => {
        fc.assert(percentileProperty(options), { numRuns: 3, seed });
      }),
      { numRuns: runs(30) },
    );
  });

  it('values above 2^31 and up to 2^53 - 1 (the general bucket path)', () => {
    fc.assert(
      percentileProperty({
        lowestNs: 1_000,
        highestNs: Number.MAX_SAFE_INTEGER,
        significantDigits: 2,
      }),
      { numRuns: runs(60) },
    );
  });
});
