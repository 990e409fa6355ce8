import { describe, expect, it } from 'vitest';
import { BreakerAttachError, isBreakerAttachError } from './BreakerAttachError.js';
import { BreakerOpenError, isBreakerOpenError } from './BreakerOpenError.js';
import {
  InvalidBreakerOptionsError,
  isInvalidBreakerOptionsError,
} from './InvalidBreakerOptionsError.js';

describe('errors', () => {
  it('carry a code and context, and their guards work without instanceof', () => {
    const open = new BreakerOpenError('open', 120);
    expect(open).toMatchObject({
      name: 'BreakerOpenError',
      code: 'BREAKER_OPEN',
      state: 'open',
      retryAfterMs: 120,
    });
    expect(isBreakerOpenError(open)).toBe(true);
    expect(isBreakerOpenError({ name: 'BreakerOpenError', code: 'BREAKER_OPEN' })).toBe(true);
    expect(isBreakerOpenError(new Error('x'))).toBe(false);
    expect(isBreakerOpenError(null)).toBe(false);
    const bad = new InvalidBreakerOptionsError('openMs', () => 1, 'positive');
    expect(bad.message).toContain('a function');
    expect(isInvalidBreakerOptionsError(bad)).toBe(true);
    expect(isInvalidBreakerOptionsError({ name: 'InvalidBreakerOptionsError' })).toBe(false);
    expect(isInvalidBreakerOptionsError(undefined)).toBe(false);
    const attach = new BreakerAttachError('FOREIGN_BUFFER', 'handle.buffer', 1, 'm');
    expect(isBreakerAttachError(attach)).toBe(true);
    expect(isBreakerAttachError({ name: 'BreakerAttachError', code: 'NOPE' })).toBe(false);
    expect(isBreakerAttachError(7)).toBe(false);
  });
});
