import { describe, expect, it } from 'vitest';
import {
  resolveBreakerModelOptions,
  type PartialBreakerModelOptions,
} from './breaker/BreakerModelOptions.js';
import { REJECTED, modelPermit } from './breaker/modelPermit.js';
import { circuitBreakerMachine } from './circuitBreakerMachine.js';
import { ModelDriver } from './testing/ModelDriver.js';

function breaker(partial: PartialBreakerModelOptions = {}, now = 0) {
  const m = new ModelDriver(circuitBreakerMachine, {
    options: resolveBreakerModelOptions(partial),
    now,
  });
  const acquire = (now: number): number => {
    const r = m.send({ type: 'ACQUIRE', now }).context.lastResult;
    if (typeof r !== 'number') throw new Error('ACQUIRE returned no number');
    return r;
  };
  const success = (permit: number, now: number, durationMs?: number) =>
    m.send({ type: 'SUCCESS', permit, now, ...(durationMs === undefined ? {} : { durationMs }) })
      .context.lastResult;
  const failure = (permit: number, now: number, durationMs?: number) =>
    m.send({ type: 'FAILURE', permit, now, ...(durationMs === undefined ? {} : { durationMs }) })
      .context.lastResult;
  const release = (permit: number, now: number) =>
    m.send({ type: 'RELEASE', permit, now }).context.lastResult;
  /** Calls admitted and reported at `now`, one per letter: F failure, S success. */
  const calls = (pattern: string, now: number) => {
    for (const c of pattern) {
      const p = acquire(now);
      if (c === 'F') failure(p, now);
      else success(p, now);
    }
  };
  return { m, acquire, success, failure, release, calls };
}

const count4 = { window: { type: 'count', size: 4 }, minimumCalls: 4 } as const;
const quickOpen = { ...count4, openMs: 100, openBackoff: undefined } as const;

/** A breaker opened at t=0 by F,F,F,F and moved to half-open at t=100. */
function halfOpenBreaker(extra: PartialBreakerModelOptions = {}) {
  const b = breaker({ ...quickOpen, ...extra });
  b.calls('FFFF', 0);
  expect(b.m.value).toBe('open');
  const first = b.acquire(100);
  expect(b.m.value).toBe('half-open');
  return { ...b, first };
}

describe('circuitBreakerMachine: DESIGN §3 pinned semantics', () => {
  it('closed admits every acquire (item 1)', () => {
    const b = breaker();
    for (let t = 0; t < 50; t++) expect(b.acquire(t)).toBe(modelPermit(0, 0));
    expect(b.m.context.notPermitted).toBe(0);
  });

  it('rate equal to threshold opens: F,F,S,S at 0.5 opens (item 2)', () => {
    const b = breaker(count4);
    b.calls('FFS', 0);
    expect(b.m.value).toBe('closed');
    b.calls('S', 0);
    expect(b.m.value).toBe('open');
    expect(b.m.context.lastTransition).toEqual({
      from: 'closed',
      to: 'open',
      generation: 1,
      at: 0,
      cause: 'failure-rate',
    });
  });

  it('rate below threshold stays closed', () => {
    const b = breaker({ ...count4, failureRateThreshold: 0.75 });
    b.calls('FFSS', 0);
    expect(b.m.value).toBe('closed');
  });

  it('rate rules wait for minimumCalls', () => {
    const b = breaker({ window: { type: 'count', size: 10 }, minimumCalls: 5 });
    b.calls('FFFS', 0);
    expect(b.m.value).toBe('closed');
    b.calls('S', 0);
    expect(b.m.value).toBe('open');
  });

  it('minimumCalls is clamped to a count window size', () => {
    expect(resolveBreakerModelOptions({ window: { type: 'count', size: 4 } }).minimumCalls).toBe(4);
  });

  it('consecutive failures equal to n opens, ignoring minimumCalls (item 2)', () => {
    const b = breaker({
      window: { type: 'count', size: 100 },
      minimumCalls: 50,
      consecutiveFailures: 3,
    });
    b.calls('FF', 0);
    expect(b.m.value).toBe('closed');
    b.calls('F', 0);
    expect(b.m.value).toBe('open');
    expect(b.m.context.lastTransition?.cause).toBe('consecutive-failures');
  });

  it('a success resets consecutive failures', () => {
    const b = breaker({
      window: { type: 'count', size: 100 },
      minimumCalls: 50,
      consecutiveFailures: 3,
    });
    b.calls('FFSFF', 0);
    expect(b.m.value).toBe('closed');
    expect(b.m.context.consecutiveFailures).toBe(2);
  });

  it('rules are checked in order: failure rate before consecutive failures', () => {
    const b = breaker({ ...count4, consecutiveFailures: 4 });
    b.calls('FFFF', 0);
    expect(b.m.context.lastTransition?.cause).toBe('failure-rate');
  });

  it('slow means duration strictly greater than slowCallMs (item 2)', () => {
    const b = breaker({ ...count4, slowCallMs: 100, slowCallRateThreshold: 0.5 });
    for (let i = 0; i < 4; i++) b.success(b.acquire(0), 0, 100);
    expect(b.m.context.slowCalls).toBe(0);
    expect(b.m.value).toBe('closed');
    b.success(b.acquire(0), 0, 100.5);
    b.success(b.acquire(0), 0, 101);
    expect(b.m.value).toBe('open');
    expect(b.m.context.lastTransition?.cause).toBe('slow-call-rate');
  });

  it('slow failures count as slow calls', () => {
    const b = breaker({
      window: { type: 'count', size: 4 },
      minimumCalls: 4,
      failureRateThreshold: 1,
      consecutiveFailures: 10,
      slowCallMs: 10,
    });
    b.failure(b.acquire(0), 0, 11);
    expect(b.m.context.slowCalls).toBe(1);
    expect(b.m.context.failures).toBe(1);
  });

  it('without slowCallMs no call is slow', () => {
    const b = breaker(count4);
    b.success(b.acquire(0), 0, 1e9);
    expect(b.m.context.slowCalls).toBe(0);
  });

  it('open rejects until the break is over (item 3)', () => {
    const b = breaker(quickOpen);
    b.calls('FFFF', 0);
    expect(b.acquire(99)).toBe(REJECTED.open);
    expect(b.m.context.notPermitted).toBe(1);
    expect(b.m.value).toBe('open');
  });

  it('open elapsed exactly at openMs goes half-open and the caller gets the first permit (items 2, 3)', () => {
    const b = breaker(quickOpen);
    b.calls('FFFF', 0);
    const p = b.acquire(100);
    expect(b.m.value).toBe('half-open');
    expect(p).toBe(modelPermit(2, 1));
    expect(b.m.context.halfOpenInFlight).toBe(1);
    expect(b.m.context.lastTransition).toMatchObject({
      from: 'open',
      to: 'half-open',
      cause: 'open-elapsed',
    });
  });

  it('backoff multiplies each re-open and closing resets it', () => {
    const b = breaker({ ...count4, openMs: 100, openBackoff: { factor: 2, maxMs: 300 } });
    b.calls('FFFF', 0);
    b.failure(b.acquire(100), 100); // 2nd open: 200 ms
    expect(b.m.context.openCount).toBe(2);
    expect(b.acquire(299)).toBe(REJECTED.open);
    b.failure(b.acquire(300), 300); // 3rd open: min(400, 300)
    expect(b.acquire(599)).toBe(REJECTED.open);
    const p = b.acquire(600);
    expect(b.m.value).toBe('half-open');
    for (const q of [p, b.acquire(600), b.acquire(600)]) b.success(q, 600);
    expect(b.m.value).toBe('closed');
    expect(b.m.context.openCount).toBe(0);
    b.calls('FFFF', 600);
    expect(b.acquire(699)).toBe(REJECTED.open);
    expect(b.m.value).toBe('open');
  });

  it('half-open admits at most permits per generation (item 4)', () => {
    const b = halfOpenBreaker();
    b.acquire(100);
    b.acquire(100);
    expect(b.acquire(100)).toBe(REJECTED.halfOpenFull);
    expect(b.m.context.halfOpenInFlight).toBe(3);
  });

  it('successesToClose successes close half-open with a fresh window (items 4, 8)', () => {
    const b = halfOpenBreaker();
    const ps = [b.first, b.acquire(100), b.acquire(100)];
    b.success(ps[0]!, 101);
    b.success(ps[1]!, 101);
    expect(b.m.value).toBe('half-open');
    expect(b.success(ps[2]!, 101)).toBe('recorded');
    expect(b.m.value).toBe('closed');
    expect(b.m.context).toMatchObject({
      calls: 0,
      failures: 0,
      consecutiveFailures: 0,
      openCount: 0,
      openedAt: undefined,
      generation: 3,
    });
    expect(b.m.context.lastTransition?.cause).toBe('half-open-success');
  });

  it('the first half-open failure re-opens', () => {
    const b = halfOpenBreaker();
    b.success(b.acquire(100), 101);
    expect(b.failure(b.first, 102)).toBe('recorded');
    expect(b.m.value).toBe('open');
    expect(b.m.context).toMatchObject({ openedAt: 102, openCount: 2, halfOpenInFlight: 0 });
    expect(b.m.context.lastTransition?.cause).toBe('half-open-failure');
  });

  it('release gives the admission back once (items 4, 7)', () => {
    const b = halfOpenBreaker();
    b.acquire(100);
    b.acquire(100);
    expect(b.release(b.first, 100)).toBe('recorded');
    expect(b.release(b.first, 100)).toBe('duplicate');
    expect(b.m.context.halfOpenInFlight).toBe(2);
    expect(b.acquire(100)).toBe(modelPermit(2, 4));
    expect(b.acquire(100)).toBe(REJECTED.halfOpenFull);
  });

  it('duplicate success cannot close half-open (item 7)', () => {
    const b = halfOpenBreaker({ halfOpen: { permits: 3, successesToClose: 2 } });
    expect(b.success(b.first, 100)).toBe('recorded');
    expect(b.success(b.first, 100)).toBe('duplicate');
    expect(b.m.value).toBe('half-open');
  });

  it('a reported probe cannot be released back into the budget (item 7)', () => {
    const b = halfOpenBreaker({ halfOpen: { permits: 1, successesToClose: 1 } });
    b.m.send({ type: 'FAILURE', permit: b.first, now: 100 });
    expect(b.m.value).toBe('open');
    const c = halfOpenBreaker({ halfOpen: { permits: 2, successesToClose: 2 } });
    c.success(c.first, 100);
    expect(c.release(c.first, 100)).toBe('duplicate');
    c.acquire(100);
    expect(c.acquire(100)).toBe(REJECTED.halfOpenFull);
  });

  it('expired lease counts as a failure and re-opens (item 5)', () => {
    const b = halfOpenBreaker({ halfOpen: { permits: 3, successesToClose: 3, leaseMs: 50 } });
    b.m.send({ type: 'SNAPSHOT', now: 149 });
    expect(b.m.value).toBe('half-open');
    b.m.send({ type: 'SNAPSHOT', now: 150 });
    expect(b.m.value).toBe('open');
    expect(b.m.context).toMatchObject({ openedAt: 150, openCount: 2 });
    expect(b.m.context.lastTransition).toMatchObject({
      from: 'half-open',
      to: 'open',
      cause: 'lease-expired',
    });
  });

  it('expired lease is checked before the acquire that sees it', () => {
    const b = halfOpenBreaker({ halfOpen: { permits: 3, successesToClose: 3, leaseMs: 50 } });
    expect(b.acquire(150)).toBe(REJECTED.open);
    expect(b.m.value).toBe('open');
  });

  it('a late report of an expired probe is stale', () => {
    const b = halfOpenBreaker({ halfOpen: { permits: 3, successesToClose: 1, leaseMs: 50 } });
    expect(b.success(b.first, 150)).toBe('stale');
    expect(b.m.value).toBe('open');
    const c = halfOpenBreaker({ halfOpen: { permits: 3, successesToClose: 1, leaseMs: 50 } });
    expect(c.release(c.first, 150)).toBe('stale');
    const d = halfOpenBreaker({ halfOpen: { permits: 3, successesToClose: 1, leaseMs: 50 } });
    expect(d.failure(d.first, 150)).toBe('stale');
    expect(d.m.context.lastTransition?.cause).toBe('lease-expired');
  });

  it('stale success cannot close half-open (item 6)', () => {
    const b = halfOpenBreaker({ halfOpen: { permits: 1, successesToClose: 1 } });
    const closedToken = modelPermit(0, 0);
    expect(b.success(closedToken, 100)).toBe('stale');
    expect(b.m.value).toBe('half-open');
  });

  it('stale failure cannot re-open (item 6)', () => {
    const b = breaker(count4);
    const old = b.acquire(0);
    b.m.send({ type: 'RESET', now: 1 });
    b.calls('SSS', 1);
    expect(b.failure(old, 2)).toBe('stale');
    expect(b.m.context).toMatchObject({ calls: 3, failures: 0 });
    const h = halfOpenBreaker();
    expect(h.failure(modelPermit(1, 0), 100)).toBe('stale');
    expect(h.failure(modelPermit(2, 9), 100)).toBe('stale');
    expect(h.failure(-5, 100)).toBe('stale');
    expect(h.m.value).toBe('half-open');
  });

  it('results in open or isolated are stale', () => {
    const b = breaker(quickOpen);
    const p = b.acquire(0);
    b.calls('FFFF', 0);
    expect(b.success(p, 1)).toBe('stale');
    expect(b.release(p, 1)).toBe('stale');
    b.m.send({ type: 'ISOLATE', now: 2 });
    expect(b.failure(p, 3)).toBe('stale');
  });

  it('closed permit reported twice counts twice (item 7)', () => {
    const b = breaker({ window: { type: 'count', size: 10 }, minimumCalls: 10 });
    const p = b.acquire(0);
    expect(b.failure(p, 0)).toBe('recorded');
    expect(b.failure(p, 0)).toBe('recorded');
    expect(b.m.context.failures).toBe(2);
    expect(b.release(p, 0)).toBe('recorded');
  });

  it('open keeps the window that opened it (item 8)', () => {
    const b = breaker({
      window: { type: 'time', durationMs: 1000, buckets: 10 },
      minimumCalls: 2,
      openMs: 10_000,
    });
    b.calls('FF', 0);
    expect(b.m.value).toBe('open');
    b.m.send({ type: 'SNAPSHOT', now: 5000 });
    expect(b.m.context).toMatchObject({ calls: 2, failures: 2 });
  });

  it('time window ages out expired buckets however long the gap (item 8)', () => {
    const b = breaker({ window: { type: 'time', durationMs: 1000, buckets: 10 }, minimumCalls: 5 });
    b.calls('FS', 0); // epoch 0
    b.calls('S', 950); // epoch 9
    b.m.send({ type: 'SNAPSHOT', now: 999.9 });
    expect(b.m.context.calls).toBe(3);
    b.m.send({ type: 'SNAPSHOT', now: 1000 }); // epoch 10: window (0, 10]
    expect(b.m.context).toMatchObject({ calls: 1, failures: 0 });
    b.m.send({ type: 'SNAPSHOT', now: 1e9 });
    expect(b.m.context.calls).toBe(0);
  });

  it('count window keeps the last size results', () => {
    const b = breaker({
      window: { type: 'count', size: 3 },
      minimumCalls: 3,
      failureRateThreshold: 1,
    });
    b.calls('FSSS', 0);
    expect(b.m.context).toMatchObject({ calls: 3, failures: 0 });
  });

  it('isolate forces isolated and rejects (item 9)', () => {
    const b = breaker();
    b.m.send({ type: 'ISOLATE', now: 1 });
    expect(b.m.value).toBe('isolated');
    expect(b.m.context.lastResult).toBe(1);
    expect(b.acquire(2)).toBe(REJECTED.isolated);
    expect(b.m.context.notPermitted).toBe(1);
  });

  it('last isolate dispose goes half-open (item 9)', () => {
    const b = breaker();
    const h1 = b.m.send({ type: 'ISOLATE', now: 1 }).context.lastResult as number;
    const h2 = b.m.send({ type: 'ISOLATE', now: 1 }).context.lastResult as number;
    expect(b.m.context.generation).toBe(1);
    b.m.send({ type: 'DISPOSE', holdId: h1, now: 2 });
    b.m.send({ type: 'DISPOSE', holdId: h1, now: 2 });
    expect(b.m.value).toBe('isolated');
    b.m.send({ type: 'DISPOSE', holdId: h2, now: 3 });
    expect(b.m.value).toBe('half-open');
    expect(b.m.context.lastTransition).toMatchObject({
      from: 'isolated',
      to: 'half-open',
      cause: 'dispose',
      generation: 2,
    });
  });

  it('dispose of an unknown hold changes nothing', () => {
    const b = breaker();
    b.m.send({ type: 'DISPOSE', holdId: 7, now: 1 });
    expect(b.m.context.generation).toBe(0);
  });

  it('reset closes with a fresh window and a new generation (item 9)', () => {
    const b = breaker(quickOpen);
    b.calls('FFFF', 0);
    b.m.send({ type: 'RESET', now: 1 });
    expect(b.m.value).toBe('closed');
    expect(b.m.context).toMatchObject({
      generation: 2,
      calls: 0,
      openCount: 0,
      openedAt: undefined,
    });
    b.m.send({ type: 'RESET', now: 2 });
    expect(b.m.context.generation).toBe(3);
    expect(b.m.context.lastTransition).toEqual({
      from: 'closed',
      to: 'closed',
      generation: 3,
      at: 2,
      cause: 'reset',
    });
  });

  it('reset stays isolated while holds remain', () => {
    const b = breaker();
    b.m.send({ type: 'ISOLATE', now: 1 });
    b.m.send({ type: 'RESET', now: 2 });
    expect(b.m.value).toBe('isolated');
    expect(b.m.context.generation).toBe(2);
  });

  it('one transition record per generation change (item 10)', () => {
    const b = breaker(quickOpen);
    b.calls('FFF', 0);
    expect(b.m.context.lastTransition).toBeUndefined();
    b.calls('F', 0);
    expect(b.m.context.lastTransition?.generation).toBe(1);
    b.acquire(50);
    expect(b.m.context.lastTransition).toBeUndefined();
  });

  it('isolate from closed freezes the window as aged at its now (decision 0101)', () => {
    const b = breaker({ window: { type: 'time', durationMs: 1000, buckets: 10 }, minimumCalls: 5 });
    b.calls('FS', 0);
    b.m.send({ type: 'ISOLATE', now: 1000 });
    expect(b.m.context.calls).toBe(0);
    const c = breaker({ window: { type: 'time', durationMs: 1000, buckets: 10 }, minimumCalls: 5 });
    c.calls('FS', 0);
    c.m.send({ type: 'ISOLATE', now: 999 });
    c.m.send({ type: 'SNAPSHOT', now: 5000 });
    expect(c.m.context).toMatchObject({ calls: 2, failures: 1 });
  });

  it('openedAt stays while half-open and isolated, and is cleared on entering closed (decision 0101)', () => {
    const b = halfOpenBreaker();
    expect(b.m.context.openedAt).toBe(0);
    b.m.send({ type: 'ISOLATE', now: 120 });
    expect(b.m.context.openedAt).toBe(0);
    b.m.send({ type: 'RESET', now: 130 });
    expect(b.m.context.openedAt).toBeUndefined();
  });

  it('isolating half-open makes its permits stale', () => {
    const b = halfOpenBreaker();
    const h = b.m.send({ type: 'ISOLATE', now: 101 }).context.lastResult as number;
    expect(b.m.context.halfOpenInFlight).toBe(0);
    b.m.send({ type: 'DISPOSE', holdId: h, now: 102 });
    expect(b.success(b.first, 103)).toBe('stale');
    expect(b.acquire(103)).toBe(modelPermit(4, 1));
  });
});
