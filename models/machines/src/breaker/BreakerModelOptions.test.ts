import { describe, expect, it } from 'vitest';
import { isModelOptionsError } from '../errors/ModelOptionsError.js';
import {
  defaultBreakerModelOptions,
  openDurationMs,
  resolveBreakerModelOptions,
  type PartialBreakerModelOptions,
} from './BreakerModelOptions.js';

function fieldOf(partial: unknown): string | undefined {
  try {
    resolveBreakerModelOptions(partial as PartialBreakerModelOptions);
  } catch (e) {
    if (isModelOptionsError(e)) return e.field;
    throw e;
  }
  return undefined;
}

describe('resolveBreakerModelOptions', () => {
  it('defaults are exactly DESIGN §3', () => {
    expect(resolveBreakerModelOptions()).toEqual(defaultBreakerModelOptions);
    expect(defaultBreakerModelOptions).toEqual({
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

  it('merges partial half-open options and keeps explicit undefined', () => {
    const o = resolveBreakerModelOptions({
      halfOpen: { leaseMs: 5 },
      openBackoff: undefined,
      slowCallMs: 3,
    });
    expect(o.halfOpen).toEqual({ permits: 3, successesToClose: 3, leaseMs: 5 });
    expect(o.openBackoff).toBeUndefined();
    expect(o.slowCallMs).toBe(3);
  });

  it('does not clamp minimumCalls for a time window', () => {
    expect(
      resolveBreakerModelOptions({
        window: { type: 'time', durationMs: 1000, buckets: 10 },
        minimumCalls: 50,
      }).minimumCalls,
    ).toBe(50);
  });

  it.each([
    [{ window: { type: 'count', size: 0 } }, 'window.size'],
    [{ window: { type: 'time', durationMs: Infinity, buckets: 2 } }, 'window.durationMs'],
    [{ window: { type: 'time', durationMs: 10, buckets: 1.5 } }, 'window.buckets'],
    [{ window: { type: 'sliding' } }, 'window.type'],
    [{ minimumCalls: -1 }, 'minimumCalls'],
    [{ failureRateThreshold: 0 }, 'failureRateThreshold'],
    [{ failureRateThreshold: 1.01 }, 'failureRateThreshold'],
    [{ consecutiveFailures: Number.NaN }, 'consecutiveFailures'],
    [{ slowCallMs: -3 }, 'slowCallMs'],
    [{ slowCallRateThreshold: 2 }, 'slowCallRateThreshold'],
    [{ openMs: 0 }, 'openMs'],
    [{ openBackoff: { factor: 0, maxMs: 1 } }, 'openBackoff.factor'],
    [{ openBackoff: { factor: 2, maxMs: -1 } }, 'openBackoff.maxMs'],
    [{ halfOpen: { permits: 0 } }, 'halfOpen.permits'],
    [{ halfOpen: { successesToClose: 0 } }, 'halfOpen.successesToClose'],
    [{ halfOpen: { leaseMs: Infinity } }, 'halfOpen.leaseMs'],
    [{ halfOpen: { permits: 2, successesToClose: 3 } }, 'halfOpen.successesToClose'],
  ])('rejects %j naming %s', (partial, field) => {
    expect(fieldOf(partial)).toBe(field);
  });

  it('the error carries the value and a message', () => {
    try {
      resolveBreakerModelOptions({ openMs: -5 });
    } catch (e) {
      expect(e).toMatchObject({
        name: 'ModelOptionsError',
        code: 'INVALID_MODEL_OPTIONS',
        field: 'openMs',
        value: -5,
      });
      expect((e as Error).message).toBe('openMs must be positive and finite, got -5');
    }
    expect.assertions(2);
  });

  it('isModelOptionsError rejects other values', () => {
    expect(isModelOptionsError(new Error('x'))).toBe(false);
    expect(isModelOptionsError(null)).toBe(false);
  });
});

describe('openDurationMs', () => {
  it('is openMs without backoff and min(openMs * factor^(n-1), maxMs) with it', () => {
    const plain = resolveBreakerModelOptions({ openBackoff: undefined, openMs: 7 });
    expect(openDurationMs(plain, 5)).toBe(7);
    const o = resolveBreakerModelOptions({ openMs: 100, openBackoff: { factor: 3, maxMs: 1000 } });
    expect([1, 2, 3, 4].map((n) => openDurationMs(o, n))).toEqual([100, 300, 900, 1000]);
    expect(openDurationMs(o, 0)).toBe(100);
  });
});
