import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compose,
  effectiveOf,
  expiredOf,
  holdsOf,
  latchedOf,
  withExpired,
  withHolds,
  withLatched,
} from './stateWord.js';

describe('state word', () => {
  it('packs and unpacks every field; the effective level is the max rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 1023 }),
        fc.integer({ min: 0, max: 1023 }),
        fc.integer({ min: 0, max: 255 }),
        (latched, reducing, halted, expired) => {
          const w = compose(latched, reducing, halted, expired);
          expect([latchedOf(w), holdsOf(w, 1), holdsOf(w, 2), holdsOf(w, 0), expiredOf(w)]).toEqual(
            [latched, reducing, halted, 0, expired],
          );
          const want = halted > 0 || expired > 0 ? 2 : Math.max(latched, reducing > 0 ? 1 : 0);
          expect(effectiveOf(w)).toBe(want);
          expect(w | 0).toBe(w); // a valid Int32 value, as stored
        },
      ),
      { numRuns: 300 },
    );
  });

  it('updates keep the other fields', () => {
    const w = compose(1, 3, 0, 0);
    expect(effectiveOf(withLatched(w, 0))).toBe(1);
    expect(holdsOf(withHolds(w, 2, 1), 1)).toBe(3);
    expect(effectiveOf(withHolds(w, 2, 1))).toBe(2);
    expect(effectiveOf(withExpired(w, 1))).toBe(2);
    expect(effectiveOf(withExpired(withExpired(w, 1), -1))).toBe(1);
  });
});
