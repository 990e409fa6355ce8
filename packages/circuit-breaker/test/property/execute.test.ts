import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@tripwire/clock';
import { CircuitBreaker, isBreakerOpenError } from '@tripwire/circuit-breaker';

/**
 * Concurrent `execute` calls whose promises resolve in an order chosen by `fc.scheduler`: the
 * results are applied in resolution order, and the breaker ends exactly where a sequential
 * replay of that order says (first failure re-opens, successesToClose successes close, anything
 * after the generation ended is stale).
 */
describe('execute under interleaved promise resolution (fc.scheduler)', () => {
  it('admits at most `permits` probes and applies results in resolution order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        async (s, outcomes, permits) => {
          const clock = new ManualClock(0);
          const cb = new CircuitBreaker({
            clock,
            openMs: 10,
            consecutiveFailures: 1,
            halfOpen: { permits, successesToClose: permits, leaseMs: 1_000 },
          });
          cb.onFailure(cb.tryAcquire());
          clock.advance(10);
          const applied: boolean[] = [];
          const onSuccess = cb.onSuccess.bind(cb);
          const onFailure = cb.onFailure.bind(cb);
          cb.onSuccess = (p, d) => (applied.push(true), onSuccess(p, d));
          cb.onFailure = (p, d) => (applied.push(false), onFailure(p, d));
          const calls = outcomes.map((ok, i) =>
            cb
              .execute(() =>
                s.schedule(Promise.resolve(ok), `call ${i}`).then((v) => {
                  if (!v) throw new Error(`call ${i} failed`);
                  return i;
                }),
              )
              .then(
                () => 'ok',
                (e: unknown) => (isBreakerOpenError(e) ? 'rejected' : 'failed'),
              ),
          );
          await s.waitIdle();
          const results = await Promise.all(calls);
          const admitted = Math.min(permits, outcomes.length);
          expect(results.filter((r) => r === 'rejected')).toHaveLength(outcomes.length - admitted);
          expect(applied).toHaveLength(admitted);
          // Sequential replay of the resolution order.
          let expected: 'half-open' | 'open' | 'closed' = 'half-open';
          let successes = 0;
          for (const ok of applied) {
            if (expected !== 'half-open') break;
            if (!ok) expected = 'open';
            else if (++successes >= permits) expected = 'closed';
          }
          expect(cb.state).toBe(expected);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
