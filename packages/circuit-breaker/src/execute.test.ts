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

  it("returns fn's own promise and has recorded the result when the caller resumes", async () => {
    const cb = new CircuitBreaker({ clock: new ManualClock(0), consecutiveFailures: 1 });
    const ok = Promise.resolve(7);
    const returned = cb.execute(() => ok);
    expect(returned).toBe(ok);
    expect(await returned).toBe(7);
    expect(cb.snapshot().calls).toBe(1);
    const failing = Promise.reject(new Error('down'));
    const message = await cb
      .execute(() => failing)
      .then(
        () => 'resolved',
        (e: unknown) => (e as Error).message,
      );
    expect(message).toBe('down');
    // No tick in between: the failure opened the breaker before the caller's handler ran.
    expect(cb.state).toBe('open');
  });

  it('accepts a thenable that is not a native promise', async () => {
    const cb = new CircuitBreaker({ clock: new ManualClock(0) });
    const thenable: PromiseLike<string> = {
      then: (resolve, reject) => Promise.resolve('t').then(resolve, reject),
    };
    await expect(cb.execute(() => thenable)).resolves.toBe('t');
    expect(cb.snapshot().calls).toBe(1);
  });

  it('reports each generation with its own permit (reactions are reused within one)', async () => {
    const cb = new CircuitBreaker({ clock: new ManualClock(0) });
    await cb.execute(() => Promise.resolve(1));
    await cb.execute(() => Promise.resolve(2));
    expect(cb.snapshot().calls).toBe(2);
    cb.reset();
    await cb.execute(() => Promise.resolve(3));
    await expect(cb.execute(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    // Reported with the new generation's permit: counted in the fresh window, not 'stale'.
    expect(cb.snapshot()).toMatchObject({ generation: 1, calls: 2, failures: 1 });
  });
});
