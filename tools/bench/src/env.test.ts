import { describe, expect, it } from 'vitest';
import { isSmoke } from './env.js';

describe('isSmoke', () => {
  it('is on only for TRIPWIRE_BENCH_SMOKE=1', () => {
    expect(isSmoke({ TRIPWIRE_BENCH_SMOKE: '1' })).toBe(true);
    expect(isSmoke({ TRIPWIRE_BENCH_SMOKE: '0' })).toBe(false);
    expect(isSmoke({})).toBe(false);
  });
});
