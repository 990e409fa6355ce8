import { describe, expect, it } from 'vitest';
import { isInvalidBreakerOptionsError } from '../errors/InvalidBreakerOptionsError.js';
import { CircuitBreaker } from '../CircuitBreaker.js';
import { openDuration, optionsDigest, resolveBreakerOptions } from './BreakerOptions.js';

function fails(options: unknown): { field: string; value: unknown; message: string } {
  try {
    new CircuitBreaker(options as never);
  } catch (e) {
    expect(isInvalidBreakerOptionsError(e)).toBe(true);
    return e as { field: string; value: unknown; message: string };
  }
  throw new Error('expected an InvalidBreakerOptionsError');
}

describe('options', () => {
  it('defaults are exactly the values DESIGN §3 shows', () => {
    expect(resolveBreakerOptions()).toEqual({
      window: { type: 'count', size: 20 },
      minimumCalls: 10,
      failureRateThreshold: 0.5,
      consecutiveFailures: 5,
      slowCallMs: undefined,
      slowCallRateThreshold: 1,
      openMs: 5_000,
      openBackoff: { factor: 2, maxMs: 60_000 },
      halfOpen: { permits: 3, successesToClose: 3, leaseMs: 10_000 },
    });
  });

  it('minimumCalls is clamped to a count window size, not for a time window', () => {
    expect(resolveBreakerOptions({ window: { type: 'count', size: 4 } }).minimumCalls).toBe(4);
    expect(
      resolveBreakerOptions({
        window: { type: 'time', durationMs: 100, buckets: 4 },
        minimumCalls: 50,
      }).minimumCalls,
    ).toBe(50);
  });

  it('openBackoff: undefined given explicitly disables the backoff', () => {
    expect(resolveBreakerOptions({ openBackoff: undefined }).openBackoff).toBeUndefined();
    const o = resolveBreakerOptions({ openMs: 100, openBackoff: { factor: 2, maxMs: 350 } });
    expect([1, 2, 3, 4].map((n) => openDuration(o, n))).toEqual([100, 200, 350, 350]);
    expect(openDuration(resolveBreakerOptions({ openBackoff: undefined }), 7)).toBe(5_000);
  });

  it.each([
    [{ failureRateThreshold: 0 }, 'failureRateThreshold', 0],
    [{ failureRateThreshold: 1.5 }, 'failureRateThreshold', 1.5],
    [{ slowCallRateThreshold: Number.NaN }, 'slowCallRateThreshold', Number.NaN],
    [{ window: { type: 'count', size: 0 } }, 'window.size', 0],
    [{ window: { type: 'count', size: 2.5 } }, 'window.size', 2.5],
    [{ window: { type: 'count', size: 70_000 } }, 'window.size', 70_000],
    [{ window: { type: 'time', durationMs: -1, buckets: 2 } }, 'window.durationMs', -1],
    [{ window: { type: 'time', durationMs: 10, buckets: 0 } }, 'window.buckets', 0],
    [{ window: { type: 'sliding' } }, 'window.type', 'sliding'],
    [{ window: 5 }, 'window', 5],
    [{ minimumCalls: 0 }, 'minimumCalls', 0],
    [{ consecutiveFailures: -2 }, 'consecutiveFailures', -2],
    [{ slowCallMs: 0 }, 'slowCallMs', 0],
    [{ openMs: Number.POSITIVE_INFINITY }, 'openMs', Number.POSITIVE_INFINITY],
    [{ openBackoff: { factor: 0.5, maxMs: 10 } }, 'openBackoff.factor', 0.5],
    [{ openBackoff: { factor: 2, maxMs: 0 } }, 'openBackoff.maxMs', 0],
    [{ openBackoff: 'x' }, 'openBackoff', 'x'],
    [{ halfOpen: { permits: 0 } }, 'halfOpen.permits', 0],
    [{ halfOpen: { permits: 2000 } }, 'halfOpen.permits', 2000],
    [{ halfOpen: { permits: 2, successesToClose: 3 } }, 'halfOpen.successesToClose', 3],
    [{ halfOpen: { leaseMs: 0 } }, 'halfOpen.leaseMs', 0],
    [{ clock: {} }, 'clock', {}],
    [{ isFailure: 1 }, 'isFailure', 1],
  ])('%o is refused naming the field and the value', (options, field, value) => {
    const e = fails(options);
    expect(e.field).toBe(field);
    expect(e.value).toEqual(value);
    expect(e.message).toContain(field);
  });

  it('refuses a non-object', () => {
    expect(fails(null).field).toBe('options');
    expect(fails('x').message).toContain('"x"');
  });

  it('the digest changes with every option', () => {
    const base = resolveBreakerOptions();
    const variants = [
      { window: { type: 'count', size: 21 } },
      { window: { type: 'time', durationMs: 20, buckets: 2 } },
      { minimumCalls: 9 },
      { slowCallMs: 3 },
      { openBackoff: undefined },
      { halfOpen: { leaseMs: 9 } },
    ] as const;
    for (const v of variants)
      expect(optionsDigest(resolveBreakerOptions(v))).not.toBe(optionsDigest(base));
    expect(optionsDigest(resolveBreakerOptions())).toBe(optionsDigest(base));
  });
});
