import fc from 'fast-check';
import type { PartialBreakerModelOptions } from '@tripwire/models';

/** Small breaker options, so that short command sequences reach every state. */
export const breakerOptions: fc.Arbitrary<PartialBreakerModelOptions> = fc
  .record({
    window: fc.oneof(
      fc.record({ type: fc.constant('count' as const), size: fc.integer({ min: 1, max: 6 }) }),
      fc.record({
        type: fc.constant('time' as const),
        durationMs: fc.constantFrom(10, 30, 100, 45.5),
        buckets: fc.integer({ min: 1, max: 4 }),
      }),
    ),
    minimumCalls: fc.integer({ min: 1, max: 6 }),
    failureRateThreshold: fc.constantFrom(0.25, 0.5, 1),
    consecutiveFailures: fc.integer({ min: 1, max: 5 }),
    slowCallMs: fc.option(fc.constantFrom(5, 20, 50), { nil: undefined }),
    slowCallRateThreshold: fc.constantFrom(0.5, 1),
    openMs: fc.constantFrom(10, 40, 100),
    openBackoff: fc.option(
      fc.record({ factor: fc.constantFrom(1, 2, 3), maxMs: fc.constantFrom(50, 400) }),
      { nil: undefined },
    ),
    permits: fc.integer({ min: 1, max: 3 }),
    closeFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    leaseMs: fc.constantFrom(10, 60, 100),
  })
  .map((o) => ({
    window: o.window,
    minimumCalls: o.minimumCalls,
    failureRateThreshold: o.failureRateThreshold,
    consecutiveFailures: o.consecutiveFailures,
    slowCallMs: o.slowCallMs,
    slowCallRateThreshold: o.slowCallRateThreshold,
    openMs: o.openMs,
    openBackoff: o.openBackoff,
    halfOpen: {
      permits: o.permits,
      successesToClose: Math.max(1, Math.ceil(o.closeFraction * o.permits)),
      leaseMs: o.leaseMs,
    },
  }));
