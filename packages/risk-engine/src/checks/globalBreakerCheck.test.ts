import { describe, expect, it } from 'vitest';
import { MutableDenial } from '../decision.js';
import { globalBreakerCheck } from './globalBreakerCheck.js';

describe('globalBreakerCheck', () => {
  it('denies only while the global breaker is open; absent means no check', () => {
    const d = new MutableDenial();
    expect(globalBreakerCheck(undefined, d)).toBe(false);
    expect(globalBreakerCheck({ state: 'closed' }, d)).toBe(false);
    expect(globalBreakerCheck({ state: 'half-open' }, d)).toBe(false);
    expect(globalBreakerCheck({ state: 'open' }, d)).toBe(true);
    expect(d.code).toBe('GLOBAL_BREAKER_OPEN');
  });
});
