import { describe, expect, it } from 'vitest';
import { ManualClock } from '@tripwire/clock';
import { CircuitBreaker } from './CircuitBreaker.js';
import { isBreakerOpenError } from './errors/BreakerOpenError.js';

describe('execute', () => {
  it('runs fn under a permit and reports success or failure', async () => {
    const cb = new CircuitBreaker({ clock: new ManualClock(0), consecutiveFailures: 2 });
    await expect(cb.execute(() => 42)).resolves.toBe(42);
    await expect(cb.execute(() => Promise.resolve('x'))).resolves.toBe('x');
    await expect(cb.execute(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cb.snapshot()).toMatchObject({ calls: 3, failures: 1 });
    await expect(
      cb.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(cb.state).toBe('open');
  });

  it('rejects with a typed BreakerOpenError when not admitted', async () => {
    const clock = new ManualClock(0);
    const cb = new CircuitBreaker({ clock, consecutiveFailures: 1, openMs: 1_000 });
    cb.onFailure(cb.tryAcquire());
    clock.advance(400);
    const error: unknown = await cb.execute(() => 1).catch((e: unknown) => e);
    expect(isBreakerOpenError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BREAKER_OPEN', state: 'open', retryAfterMs: 600 });
    cb.isolate();
    await expect(cb.execute(() => 1)).rejects.toMatchObject({
      state: 'isolated',
      retryAfterMs: Number.POSITIVE_INFINITY,
    });
  });

  it('measures the duration only for slow-call accounting', async () => {
    const clock = new ManualClock(0);
    const cb = new CircuitBreaker({ clock, slowCallMs: 100 });
    await cb.execute(() => {
      clock.advance(150);
      return 1;
    });
    await cb
      .execute(() => {
        clock.advance(150);
        throw new Error('slow failure');
      })
      .catch(() => undefined);
    expect(cb.snapshot()).toMatchObject({ calls: 2, slowCalls: 2, failures: 1 });
  });

  it('errors that are not failures, and errors after abort, release the permit', async () => {
    const clock = new ManualClock(0);
    const cb = new CircuitBreaker({
      clock,
      isFailure: (e) => !(e instanceof TypeError),
      openMs: 10,
      consecutiveFailures: 1,
      halfOpen: { permits: 1, successesToClose: 1 },
    });
    await expect(cb.execute(() => Promise.reject(new TypeError('ignored')))).rejects.toThrow(
      TypeError,
    );
    expect(cb.snapshot().calls).toBe(0);
    const c = new AbortController();
    const aborted = cb.execute(
      (signal) =>
        new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason as Error)),
        ),
      { signal: c.signal },
    );
    c.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    expect(cb.snapshot().calls).toBe(0);
    await expect(cb.execute(() => 1, { signal: c.signal })).rejects.toThrow('cancelled');
    // In half-open a released probe returns its slot.
    cb.onFailure(cb.tryAcquire());
    clock.advance(10);
    await expect(cb.execute(() => Promise.reject(new TypeError('x')))).rejects.toThrow();
    await expect(cb.execute(() => 'probe')).resolves.toBe('probe');
    expect(cb.state).toBe('closed');
  });
});
