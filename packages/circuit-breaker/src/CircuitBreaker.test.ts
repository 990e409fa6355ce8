import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '@tripwire/clock';
import { CircuitBreaker, type BreakerTransition } from './CircuitBreaker.js';
import type { CircuitBreakerOptions } from './options/BreakerOptions.js';
import { REJECTED, isPermit } from './state/permit.js';

function breaker(options: CircuitBreakerOptions = {}, start = 0) {
  const clock = new ManualClock(start);
  const cb = new CircuitBreaker({ clock, ...options });
  const events: BreakerTransition[] = [];
  cb.subscribe((e) => events.push(e));
  return { cb, clock, events };
}

/** Runs outcomes ('F' failure, 'S' success) through fresh permits. */
function run(cb: CircuitBreaker, outcomes: string): void {
  for (const o of outcomes) {
    const p = cb.tryAcquire();
    expect(isPermit(p)).toBe(true);
    if (o === 'F') cb.onFailure(p);
    else cb.onSuccess(p);
  }
}

/** Opens the breaker with `consecutiveFailures` failures. */
function open(cb: CircuitBreaker): void {
  while (cb.state === 'closed') cb.onFailure(cb.tryAcquire());
}

describe('1. closed: every acquire is admitted, current-generation results go into the window', () => {
  it('admits every acquire with the generation as permit, counts results, opens when a rule fires', () => {
    const { cb, events } = breaker({ window: { type: 'count', size: 10 }, minimumCalls: 4 });
    const permits = Array.from({ length: 100 }, () => cb.tryAcquire());
    expect(new Set(permits)).toEqual(new Set([0]));
    run(cb, 'SSF');
    expect(cb.snapshot()).toMatchObject({ state: 'closed', calls: 3, failures: 1 });
    expect(Number.isNaN(cb.snapshot().failureRate)).toBe(true);
    run(cb, 'F');
    expect(cb.state).toBe('open');
    expect(events).toEqual([
      { from: 'closed', to: 'open', generation: 1, at: 0, cause: 'failure-rate' },
    ]);
  });

  it('closed tryAcquire (and a count-window success) reads no clock', () => {
    let reads = 0;
    const cb = new CircuitBreaker({ clock: { now: () => (reads++, 0) } });
    for (let i = 0; i < 1_000; i++) cb.onSuccess(cb.tryAcquire());
    expect(reads).toBe(0);
    cb.onFailure(cb.tryAcquire());
    expect(reads).toBe(0);
    for (let i = 0; i < 4; i++) cb.onFailure(cb.tryAcquire());
    expect(cb.snapshot().openedAt).toBe(0); // the clock is read when a rule fires
    expect(reads).toBeGreaterThan(0);
  });

  it('checks the rules in order: failure rate before consecutive failures', () => {
    const { cb, events } = breaker({ minimumCalls: 2, consecutiveFailures: 2 });
    run(cb, 'FF');
    expect(events[0]?.cause).toBe('failure-rate');
  });

  it('a count window keeps only the last `size` results', () => {
    const { cb } = breaker({
      window: { type: 'count', size: 3 },
      minimumCalls: 3,
      consecutiveFailures: 9,
    });
    run(cb, 'FSSS');
    expect(cb.snapshot()).toMatchObject({ calls: 3, failures: 0, failureRate: 0 });
  });
});

describe('2. boundaries', () => {
  it('failure rate >= threshold opens: F,F,S,S at 0.5 opens', () => {
    const { cb } = breaker({ window: { type: 'count', size: 4 }, minimumCalls: 4 });
    run(cb, 'FFS');
    expect(cb.state).toBe('closed');
    run(cb, 'S');
    expect(cb.state).toBe('open');
  });

  it('a failure rate just below the threshold does not open', () => {
    const { cb } = breaker({ window: { type: 'count', size: 5 }, minimumCalls: 5 });
    run(cb, 'FFSSS');
    expect(cb.snapshot()).toMatchObject({ state: 'closed', failureRate: 0.4 });
  });

  it('consecutive failures >= n opens, ignoring minimumCalls; a success resets the run', () => {
    const { cb, events } = breaker({ minimumCalls: 100, consecutiveFailures: 3 });
    run(cb, 'FFSFF');
    expect(cb.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
    run(cb, 'F');
    expect(events[0]?.cause).toBe('consecutive-failures');
  });

  it('slow means duration > slowCallMs (strict), and slow failures count as slow', () => {
    const { cb, events } = breaker({
      window: { type: 'count', size: 2 },
      minimumCalls: 2,
      consecutiveFailures: 99,
      failureRateThreshold: 1,
      slowCallMs: 100,
      slowCallRateThreshold: 1,
    });
    cb.onSuccess(cb.tryAcquire(), 100);
    cb.onSuccess(cb.tryAcquire(), 101);
    expect(cb.snapshot()).toMatchObject({ state: 'closed', slowCalls: 1 });
    cb.onFailure(cb.tryAcquire(), 150);
    expect(cb.snapshot()).toMatchObject({ state: 'open', slowCalls: 2 });
    expect(events[0]?.cause).toBe('slow-call-rate');
  });

  it('without slowCallMs nothing is slow', () => {
    const { cb } = breaker();
    cb.onSuccess(cb.tryAcquire(), 1e9);
    expect(cb.snapshot().slowCalls).toBe(0);
  });

  it('open -> half-open when now - openedAt >= openDuration, not a tick before', () => {
    const { cb, clock } = breaker({ openMs: 1_000 }, 50);
    open(cb);
    clock.set(1_049.999);
    expect(cb.tryAcquire()).toBe(REJECTED.open);
    clock.set(1_050);
    expect(isPermit(cb.tryAcquire())).toBe(true);
    expect(cb.state).toBe('half-open');
  });
});

describe('3. open: rejects until the break is over, then the acquiring caller gets the first probe', () => {
  it('rejects with -1 and counts every rejection, reports retryAfterMs', () => {
    const { cb, clock, events } = breaker({ openMs: 100 });
    open(cb);
    clock.advance(40);
    expect([cb.tryAcquire(), cb.tryAcquire()]).toEqual([REJECTED.open, REJECTED.open]);
    expect(cb.snapshot()).toMatchObject({ notPermitted: 2, openedAt: 0, retryAfterMs: 60 });
    clock.advance(60);
    const p = cb.tryAcquire();
    expect(isPermit(p)).toBe(true);
    expect(events.map((e) => e.to)).toEqual(['open', 'half-open']);
    expect(events[1]).toMatchObject({ cause: 'open-elapsed', generation: 2, at: 100 });
    expect(cb.snapshot().halfOpenInFlight).toBe(1);
  });

  it('with backoff the n-th consecutive open lasts min(openMs * factor^(n-1), maxMs)', () => {
    const { cb, clock } = breaker({ openMs: 100, openBackoff: { factor: 3, maxMs: 500 } });
    open(cb);
    const durations: number[] = [];
    for (let i = 0; i < 4; i++) {
      durations.push(cb.snapshot().retryAfterMs);
      clock.advance(cb.snapshot().retryAfterMs);
      cb.onFailure(cb.tryAcquire()); // the probe fails: re-open
    }
    expect(durations).toEqual([100, 300, 500, 500]);
  });

  it('without backoff every open lasts openMs; closing resets the backoff series', () => {
    const { cb, clock } = breaker({
      openMs: 100,
      openBackoff: undefined,
      halfOpen: { permits: 1, successesToClose: 1 },
    });
    open(cb);
    clock.advance(100);
    cb.onFailure(cb.tryAcquire());
    expect(cb.snapshot().retryAfterMs).toBe(100);
    const withBackoff = breaker({ openMs: 100, halfOpen: { permits: 1, successesToClose: 1 } });
    open(withBackoff.cb);
    withBackoff.clock.advance(100);
    withBackoff.cb.onFailure(withBackoff.cb.tryAcquire());
    expect(withBackoff.cb.snapshot().retryAfterMs).toBe(200);
    withBackoff.clock.advance(200);
    withBackoff.cb.onSuccess(withBackoff.cb.tryAcquire());
    expect(withBackoff.cb.state).toBe('closed');
    open(withBackoff.cb);
    expect(withBackoff.cb.snapshot().retryAfterMs).toBe(100);
  });
});

describe('4. half-open: at most `permits` per generation, successesToClose close, first failure re-opens', () => {
  function halfOpen(options: CircuitBreakerOptions = {}) {
    const b = breaker({
      openMs: 10,
      halfOpen: { permits: 3, successesToClose: 2, leaseMs: 1_000 },
      ...options,
    });
    open(b.cb);
    b.clock.advance(10);
    return b;
  }

  it('admits `permits` probes, then rejects with -2', () => {
    const { cb } = halfOpen();
    const probes = [cb.tryAcquire(), cb.tryAcquire(), cb.tryAcquire()];
    expect(probes.every(isPermit)).toBe(true);
    expect(new Set(probes).size).toBe(3);
    expect(cb.tryAcquire()).toBe(REJECTED.halfOpenFull);
    expect(cb.snapshot()).toMatchObject({ halfOpenInFlight: 3, notPermitted: 1 });
  });

  it('successesToClose successes close with a fresh window and a new generation', () => {
    const { cb, events } = halfOpen();
    const [a, b] = [cb.tryAcquire(), cb.tryAcquire()];
    expect(cb.onSuccess(a)).toBe('recorded');
    expect(cb.state).toBe('half-open');
    expect(cb.onSuccess(b)).toBe('recorded');
    expect(cb.snapshot()).toMatchObject({ state: 'closed', generation: 3, calls: 0, failures: 0 });
    expect(events.at(-1)).toMatchObject({
      from: 'half-open',
      to: 'closed',
      cause: 'half-open-success',
    });
  });

  it('the first failure re-opens', () => {
    const { cb, events } = halfOpen();
    const [a, b] = [cb.tryAcquire(), cb.tryAcquire()];
    cb.onSuccess(a);
    expect(cb.onFailure(b)).toBe('recorded');
    expect(cb.state).toBe('open');
    expect(events.at(-1)).toMatchObject({ cause: 'half-open-failure', generation: 3 });
  });

  it('release gives the admission back, at most once per permit', () => {
    const { cb } = halfOpen();
    const probes = [cb.tryAcquire(), cb.tryAcquire(), cb.tryAcquire()];
    expect(cb.release(probes[0] as number)).toBe('recorded');
    expect(cb.release(probes[0] as number)).toBe('duplicate');
    const again = cb.tryAcquire();
    expect(isPermit(again)).toBe(true);
    expect(again).not.toBe(probes[0]);
    expect(cb.tryAcquire()).toBe(REJECTED.halfOpenFull);
    expect(cb.onSuccess(probes[0] as number)).toBe('duplicate');
  });
});

describe('5. leases: a probe not reported within leaseMs counts as a failure of its generation', () => {
  it('is checked lazily on the next acquire', () => {
    const { cb, clock, events } = breaker({
      openMs: 10,
      halfOpen: { permits: 1, successesToClose: 1, leaseMs: 50 },
    });
    open(cb);
    clock.advance(10);
    const hung = cb.tryAcquire();
    clock.advance(49);
    expect(cb.tryAcquire()).toBe(REJECTED.halfOpenFull);
    clock.advance(1);
    expect(cb.tryAcquire()).toBe(REJECTED.open);
    expect(events.at(-1)).toMatchObject({
      from: 'half-open',
      to: 'open',
      cause: 'lease-expired',
      at: 60,
    });
    expect(cb.onSuccess(hung)).toBe('stale');
  });

  it('is checked on a result and on snapshot()', () => {
    const { cb, clock } = breaker({
      openMs: 10,
      halfOpen: { permits: 2, successesToClose: 2, leaseMs: 50 },
    });
    open(cb);
    clock.advance(10);
    const [a, b] = [cb.tryAcquire(), cb.tryAcquire()];
    cb.onSuccess(a);
    clock.advance(50);
    expect(cb.onSuccess(b)).toBe('stale');
    expect(cb.state).toBe('open');
    clock.advance(cb.snapshot().retryAfterMs);
    cb.tryAcquire();
    clock.advance(50);
    expect(cb.state).toBe('half-open');
    expect(cb.snapshot()).toMatchObject({ state: 'open', openedAt: clock.now() });
  });
});

describe('6. stale results: a permit of an earlier generation is ignored', () => {
  it('a late success cannot close, a late failure cannot re-open', () => {
    const { cb, clock } = breaker({
      openMs: 10,
      halfOpen: { permits: 2, successesToClose: 1, leaseMs: 1_000 },
    });
    const old = cb.tryAcquire();
    open(cb);
    clock.advance(10);
    const probe = cb.tryAcquire();
    expect(cb.onSuccess(old)).toBe('stale');
    expect(cb.onFailure(old)).toBe('stale');
    expect(cb.state).toBe('half-open');
    cb.onFailure(probe);
    clock.advance(20);
    cb.tryAcquire();
    expect(cb.onSuccess(probe)).toBe('stale');
    expect(cb.state).toBe('half-open');
  });

  it('anything that is not a permit is stale', () => {
    const { cb } = breaker();
    for (const bad of [-1, -4, 0.5, Number.NaN, 2 ** 31, 2 ** 30 + 3]) {
      expect([cb.onSuccess(bad), cb.onFailure(bad), cb.release(bad)]).toEqual([
        'stale',
        'stale',
        'stale',
      ]);
    }
    expect(cb.snapshot().calls).toBe(0);
  });

  it('a closed permit of an earlier generation is stale after reset', () => {
    const { cb } = breaker();
    const p = cb.tryAcquire();
    cb.reset();
    expect(cb.onFailure(p)).toBe('stale');
    expect(cb.release(p)).toBe('stale');
    expect(cb.release(cb.tryAcquire())).toBe('recorded');
  });
});

describe('7. duplicates: reporting or releasing a half-open permit twice changes nothing', () => {
  it('returns duplicate; the budget never exceeds permits', () => {
    const { cb, clock } = breaker({
      openMs: 10,
      halfOpen: { permits: 2, successesToClose: 2, leaseMs: 1_000 },
    });
    open(cb);
    clock.advance(10);
    const a = cb.tryAcquire();
    expect(cb.onSuccess(a)).toBe('recorded');
    expect(cb.onSuccess(a)).toBe('duplicate');
    expect(cb.onFailure(a)).toBe('duplicate');
    expect(cb.release(a)).toBe('duplicate');
    expect(cb.state).toBe('half-open');
    const b = cb.tryAcquire();
    expect(cb.tryAcquire()).toBe(REJECTED.halfOpenFull);
    expect(cb.release(b)).toBe('recorded');
    expect(cb.release(b)).toBe('duplicate');
    expect(isPermit(cb.tryAcquire())).toBe(true);
    expect(cb.tryAcquire()).toBe(REJECTED.halfOpenFull);
  });

  it('in closed state a permit is a generation token: reporting it twice counts twice', () => {
    const { cb } = breaker();
    const p = cb.tryAcquire();
    cb.onFailure(p);
    cb.onFailure(p);
    expect(cb.snapshot()).toMatchObject({ calls: 2, failures: 2 });
  });
});

describe('8. windows', () => {
  it('entering closed always starts a fresh window; while open snapshot shows the window that opened it', () => {
    const { cb, clock } = breaker({
      window: { type: 'count', size: 4 },
      minimumCalls: 4,
      openMs: 10,
      halfOpen: { permits: 1, successesToClose: 1 },
    });
    run(cb, 'SFFS');
    expect(cb.snapshot()).toMatchObject({ state: 'open', calls: 4, failures: 2, failureRate: 0.5 });
    clock.advance(10);
    const p = cb.tryAcquire();
    expect(cb.snapshot()).toMatchObject({ state: 'half-open', calls: 4, failures: 2 });
    cb.onSuccess(p);
    expect(cb.snapshot()).toMatchObject({
      state: 'closed',
      calls: 0,
      failures: 0,
      consecutiveFailures: 0,
    });
    run(cb, 'F');
    expect(cb.snapshot()).toMatchObject({ calls: 1, failures: 1, consecutiveFailures: 1 });
  });

  it('a time window ages out every expired bucket on any access, however long the idle gap', () => {
    const { cb, clock } = breaker(
      {
        window: { type: 'time', durationMs: 1_000, buckets: 4 },
        minimumCalls: 100,
        consecutiveFailures: 100,
      },
      10_000,
    );
    run(cb, 'FS');
    clock.advance(250);
    run(cb, 'F');
    expect(cb.snapshot()).toMatchObject({ calls: 3, failures: 2 });
    clock.advance(750);
    expect(cb.snapshot()).toMatchObject({ calls: 1, failures: 1 });
    clock.advance(250);
    expect(cb.snapshot()).toMatchObject({ calls: 0, failures: 0 });
    // An idle gap of 2^23 buckets and more: the 23-bit bucket epochs cannot alias.
    run(cb, 'FF');
    clock.advance(250 * 2 ** 23);
    expect(cb.snapshot().calls).toBe(0);
    run(cb, 'S');
    expect(cb.snapshot()).toMatchObject({ calls: 1, failures: 0 });
    clock.advance(250 * 2 ** 21 + 250 * 3);
    run(cb, 'F');
    clock.advance(250 * 2 ** 22);
    expect(cb.snapshot().calls).toBe(0);
  });

  it('a time window is frozen while open: the counts that opened it stay visible', () => {
    const { cb, clock } = breaker({
      window: { type: 'time', durationMs: 100, buckets: 2 },
      minimumCalls: 2,
      openMs: 1_000,
    });
    run(cb, 'FF');
    clock.advance(500);
    expect(cb.snapshot()).toMatchObject({ state: 'open', calls: 2, failures: 2 });
  });
});

describe('9. manual control', () => {
  it('isolate forces isolated (-3); holds are counted; the last dispose moves to half-open', () => {
    const { cb, events } = breaker();
    const h1 = cb.isolate();
    const h2 = cb.isolate();
    expect(cb.generation).toBe(1);
    expect(cb.tryAcquire()).toBe(REJECTED.isolated);
    expect(cb.snapshot()).toMatchObject({
      state: 'isolated',
      retryAfterMs: Number.POSITIVE_INFINITY,
      notPermitted: 1,
    });
    h1.dispose();
    h1.dispose();
    expect(cb.state).toBe('isolated');
    h2.dispose();
    expect(cb.state).toBe('half-open');
    expect(events.map((e) => [e.from, e.to, e.cause])).toEqual([
      ['closed', 'isolated', 'isolate'],
      ['isolated', 'half-open', 'dispose'],
    ]);
  });

  it('reset -> closed, fresh window, new generation; stays isolated while holds remain', () => {
    const { cb, events } = breaker({ minimumCalls: 1 });
    run(cb, 'F');
    const hold = cb.isolate();
    cb.reset();
    expect(cb.snapshot()).toMatchObject({
      state: 'isolated',
      generation: 3,
      calls: 0,
      openedAt: undefined,
    });
    hold.dispose();
    cb.reset();
    expect(cb.snapshot()).toMatchObject({ state: 'closed', generation: 5, calls: 0 });
    cb.reset();
    expect(cb.generation).toBe(6);
    expect(events.filter((e) => e.cause === 'reset').map((e) => `${e.from}->${e.to}`)).toEqual([
      'isolated->isolated',
      'half-open->closed',
      'closed->closed',
    ]);
  });
});

describe('10. events', () => {
  it('one event per transition, in order, never twice; unsubscribe stops delivery', () => {
    const { cb, clock, events } = breaker({ consecutiveFailures: 1, openMs: 5 });
    const other: BreakerTransition[] = [];
    const off = cb.subscribe((e) => other.push(e));
    cb.onFailure(cb.tryAcquire());
    cb.onFailure(0);
    off();
    clock.advance(5);
    cb.tryAcquire();
    expect(events.map((e) => e.generation)).toEqual([1, 2]);
    expect(other.map((e) => e.generation)).toEqual([1]);
  });

  it('a throwing listener does not disturb the breaker; its error is re-thrown in a microtask', () => {
    const { cb, events } = breaker({ consecutiveFailures: 1 });
    const queued: (() => void)[] = [];
    const spy = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((f) => queued.push(f));
    cb.subscribe(() => {
      throw new Error('listener bug');
    });
    const after: string[] = [];
    cb.subscribe((e) => after.push(e.to));
    cb.onFailure(cb.tryAcquire());
    spy.mockRestore();
    expect(cb.state).toBe('open');
    expect(events).toHaveLength(1);
    expect(after).toEqual(['open']);
    expect(queued).toHaveLength(1);
    expect(() => queued[0]?.()).toThrow('listener bug');
  });

  it('events are delivered only in the instance (thread) that made the transition', () => {
    const { cb } = breaker({ consecutiveFailures: 1 });
    const twin = CircuitBreaker.attach(cb.share(), { clock: new ManualClock(0) });
    const seen: BreakerTransition[] = [];
    twin.subscribe((e) => seen.push(e));
    cb.onFailure(cb.tryAcquire());
    expect(twin.state).toBe('open');
    expect(seen).toEqual([]);
  });
});
