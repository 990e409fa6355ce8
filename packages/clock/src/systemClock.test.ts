import { describe, expect, it } from 'vitest';
import { systemClock } from './systemClock.js';

describe('systemClock', () => {
  it('reads epoch milliseconds, close to Date.now()', () => {
    const before = Date.now();
    const t = systemClock.now();
    const after = Date.now();
    // Date.now() is whole milliseconds; allow the rounding of both time bases.
    expect(t).toBeGreaterThanOrEqual(before - 2);
    expect(t).toBeLessThanOrEqual(after + 2);
  });

  it('is monotonic over many reads', () => {
    let previous = systemClock.now();
    for (let i = 0; i < 10_000; i++) {
      const t = systemClock.now();
      expect(t >= previous).toBe(true);
      previous = t;
    }
  });

  it('cannot be modified', () => {
    expect(Object.isFrozen(systemClock)).toBe(true);
  });
});
