/*
 * Deterministic race injection, in-process: the scheduling hook of the shared-memory facade
 * (DESIGN §7) is set before the package is loaded, and runs a competing operation of a second
 * instance on the same buffer right before a chosen access of the first. Each test names the
 * race it forces and checks the loser's outcome: retries, 'stale' instead of a double decision,
 * helping a half-installed fresh window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@tripwire/clock';
import type * as Breaker from '@tripwire/circuit-breaker';

type Trigger = { op: string; index: number; nth?: number; action: () => void };
let triggers: Trigger[] = [];
let busy = false;
const counts = new Map<Trigger, number>();
(globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__ = (
  op: string,
  _array: unknown,
  index: number,
) => {
  if (busy) return;
  for (const t of triggers) {
    if (t.op !== op || t.index !== index) continue;
    const n = (counts.get(t) ?? 0) + 1;
    counts.set(t, n);
    if (n !== (t.nth ?? 1)) continue;
    triggers = triggers.filter((x) => x !== t);
    busy = true;
    try {
      t.action();
    } finally {
      busy = false;
    }
    return;
  }
};
const lib: typeof Breaker = await import('@tripwire/circuit-breaker');
delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
const { CircuitBreaker, computeLayout, strideFor, REJECTED } = lib;

/** Before the `nth` access `op` of `index`, run `action` (once). */
function before(op: string, index: number, action: () => void, nth = 1): void {
  triggers.push({ op, index, nth, action });
}

afterEach(() => {
  const left = triggers.map((t) => `${t.op}[${t.index}]#${t.nth ?? 1}`);
  triggers = [];
  expect(left, 'every injected race happened').toEqual([]);
});

function pair(options: Breaker.CircuitBreakerOptions = {}) {
  const clock = new ManualClock(0);
  const a = new CircuitBreaker({ clock, ...options });
  const b = CircuitBreaker.attach(a.share(), { clock });
  const L = computeLayout(a.options, strideFor(process.arch));
  const events: Breaker.BreakerTransition[] = [];
  a.subscribe((e) => events.push(e));
  b.subscribe((e) => events.push(e));
  return { a, b, clock, L, events };
}

const HALF = { openMs: 10, halfOpen: { permits: 2, successesToClose: 2, leaseMs: 50 } };

function toHalfOpen(p: ReturnType<typeof pair>): number {
  while (p.a.state === 'closed') p.a.onFailure(p.a.tryAcquire());
  p.clock.advance(10);
  return p.a.tryAcquire();
}

function probePermit(g: number, slot: number, use: number): number {
  return 2 ** 30 + (g * 1024 + slot) * 4096 + use;
}

describe('acquire races', () => {
  it('a reset between the plain and the atomic read of the state: admitted in closed', () => {
    const p = pair({ consecutiveFailures: 1 });
    p.a.onFailure(p.a.tryAcquire());
    before('load', p.L.state, () => p.b.reset());
    expect(p.a.tryAcquire()).toBe(2);
  });

  it('two threads end the break: one transition, the loser probes in the new generation', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    p.a.onFailure(p.a.tryAcquire());
    p.clock.advance(10);
    let first = -9;
    before('cas', p.L.state, () => (first = p.b.tryAcquire()));
    const second = p.a.tryAcquire();
    expect([first, second].every((x) => x >= 0)).toBe(true);
    expect(p.events.filter((e) => e.cause === 'open-elapsed')).toHaveLength(1);
  });

  it('the thread that ended the break finds every slot taken: -2', () => {
    const p = pair({
      openMs: 10,
      consecutiveFailures: 1,
      halfOpen: { permits: 1, successesToClose: 1 },
    });
    p.a.onFailure(p.a.tryAcquire());
    p.clock.advance(10);
    before('load', p.L.slot0, () => expect(p.b.tryAcquire()).toBeGreaterThanOrEqual(0));
    expect(p.a.tryAcquire()).toBe(REJECTED.halfOpenFull);
  });

  it('a slot taken by a newer generation: the claimer re-reads the state (no stale admission)', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    const probe = toHalfOpen(p);
    before('load', p.L.slot0, () => {
      p.b.onFailure(probe);
      p.clock.advance(20);
      expect(p.b.tryAcquire()).toBeGreaterThanOrEqual(0); // new generation takes slot 0
    });
    const mine = p.a.tryAcquire();
    expect(mine).toBeGreaterThanOrEqual(0);
    expect(p.a.onSuccess(mine)).toBe('recorded');
    expect(p.a.generation).toBe(4);
  });

  it('a claim overwritten between its two compare-and-swaps is abandoned', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    const probe = toHalfOpen(p);
    p.a.release(probe);
    before(
      'cas',
      p.L.slot0,
      () => {
        p.b.isolate().dispose(); // new half-open generation
        expect(p.b.tryAcquire()).toBeGreaterThanOrEqual(0);
      },
      2,
    );
    const mine = p.a.tryAcquire();
    expect(mine).toBeGreaterThanOrEqual(0);
    expect(p.a.snapshot().halfOpenInFlight).toBe(2);
  });

  it('a slot claimed by another thread between load and compare-and-swap: next slot', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    const probe = toHalfOpen(p);
    p.a.release(probe);
    before('cas', p.L.slot0, () => expect(p.b.tryAcquire()).toBeGreaterThanOrEqual(0));
    expect(p.a.tryAcquire()).toBeGreaterThanOrEqual(0);
    expect(p.a.tryAcquire()).toBe(REJECTED.halfOpenFull);
  });

  it('a slot left with this generation tag 65536 generations ago is cleared on entering half-open', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    p.a.onFailure(p.a.tryAcquire());
    const a = new Int32Array(p.a.share().buffer);
    a[p.L.slot0] = (2 << 16) | (1 << 4) | 2; // LEASED by "generation 2 mod 65536"
    p.clock.advance(10);
    expect(p.a.tryAcquire()).toBeGreaterThanOrEqual(0);
    expect(p.a.snapshot().halfOpenInFlight).toBe(1);
  });
});

describe('result races', () => {
  it('a reset between the state check and the window update: stale, not counted', () => {
    const p = pair();
    const permit = p.a.tryAcquire();
    before('cas', p.L.head, () => p.b.reset());
    expect(p.a.onFailure(permit)).toBe('stale');
    expect(p.a.snapshot().calls).toBe(0);
  });

  it('a result of the new generation helps install the half-installed fresh window', () => {
    const p = pair();
    p.a.onFailure(p.a.tryAcquire());
    before('load', p.L.head, () => {
      expect(p.a.onFailure(1)).toBe('recorded');
      expect(p.a.snapshot()).toMatchObject({ calls: 1, failures: 1, consecutiveFailures: 1 });
    });
    p.b.reset();
    expect(p.a.snapshot()).toMatchObject({ generation: 1, calls: 1, failures: 1 });
  });

  it('a snapshot during the installation helps, or reads the other words as empty', () => {
    const p = pair({ slowCallMs: 1 });
    p.a.onFailure(p.a.tryAcquire(), 5);
    before('load', p.L.head, () => expect(p.a.snapshot().calls).toBe(0));
    p.b.reset();
    p.a.onFailure(p.a.tryAcquire(), 5);
    before('cas', p.L.failures, () =>
      expect(p.a.snapshot()).toMatchObject({ failures: 0, slowCalls: 0 }),
    );
    p.b.reset();
    p.a.onFailure(p.a.tryAcquire(), 5);
    before('cas', p.L.consecutive, () => expect(p.a.snapshot().consecutiveFailures).toBe(0));
    p.b.reset();
  });

  it('the consecutive-failure word replaced by a fresh window: the run is not counted', () => {
    const p = pair();
    const permit = p.a.tryAcquire();
    before('load', p.L.consecutive, () => p.b.reset());
    expect(p.a.onFailure(permit)).toBe('recorded');
    expect(p.a.snapshot().consecutiveFailures).toBe(0);
  });

  it('two results firing a rule at once: exactly one transition', () => {
    const p = pair({ consecutiveFailures: 2 });
    const [x, y] = [p.a.tryAcquire(), p.b.tryAcquire()];
    p.a.onFailure(x);
    before('cas', p.L.state, () => p.b.onFailure(y));
    p.a.onFailure(x);
    expect(p.events).toHaveLength(1);
    expect(p.a.generation).toBe(1);
  });

  it('compare-and-swap retries on the head, the ring and the counters lose nothing', () => {
    const p = pair({
      window: { type: 'count', size: 4 },
      slowCallMs: 1,
      failureRateThreshold: 1,
      consecutiveFailures: 99,
    });
    const t = p.a.tryAcquire();
    const four = (last: () => void) => () => {
      p.b.onSuccess(t);
      p.b.onSuccess(t);
      p.b.onSuccess(t);
      last();
    };
    before('cas', p.L.head, () => p.b.onFailure(t)); // seq 0: F (b), seq 1: S (a)
    p.a.onSuccess(t);
    p.a.onSuccess(t);
    p.a.onSuccess(t);
    // seq 4 evicts the F of slot 0; meanwhile b records seq 5..8, seq 8 a slow F in slot 0.
    before(
      'cas',
      p.L.window0,
      four(() => p.b.onFailure(t, 5)),
    );
    p.a.onSuccess(t);
    expect(p.a.snapshot()).toMatchObject({ calls: 4, failures: 0, slowCalls: 0 });
    // seq 9 (F, slot 1); meanwhile b records seq 10..13, seq 13 a slow S in slot 1.
    before(
      'cas',
      p.L.window0 + 1,
      four(() => p.b.onSuccess(t, 5)),
    );
    p.a.onFailure(t);
    before('cas', p.L.failures, () => p.b.onFailure(t));
    p.a.onFailure(t);
    expect(p.a.snapshot()).toMatchObject({ state: 'closed', calls: 4, failures: 3, slowCalls: 0 });
  });

  it('a reset between the head and the failure counter: ordered before it, fresh window empty', () => {
    const p = pair();
    const permit = p.a.tryAcquire();
    // The plain read sees the fresh tag; the atomic re-read confirms it and the increment is
    // dropped. The failure took its place in the old window, so it is recorded before the reset.
    before('loadRelaxed', p.L.failures, () => p.b.reset());
    expect(p.a.onFailure(permit)).toBe('recorded');
    expect(p.a.snapshot()).toMatchObject({ generation: 1, calls: 0, failures: 0 });
  });

  it('a success evicting a failure loses the slot to a success a lap later: evicted once', () => {
    const p = pair({ window: { type: 'count', size: 4 }, failureRateThreshold: 1 });
    const t = p.a.tryAcquire();
    p.a.onFailure(t); // seq 0: F in slot 0
    p.a.onSuccess(t);
    p.a.onSuccess(t);
    p.a.onSuccess(t);
    // seq 4 (a) finds the F in slot 0; before its compare-and-swap, b records seq 5..8, and
    // seq 8 (slot 0) evicts the F first: a's compare-and-swap fails on a plain success, a stops.
    before('cas', p.L.window0, () => {
      for (let i = 0; i < 4; i++) expect(p.b.onSuccess(t)).toBe('recorded');
      expect(p.b.snapshot()).toMatchObject({ calls: 4, failures: 0 });
    });
    expect(p.a.onSuccess(t)).toBe('recorded');
    expect(p.a.snapshot()).toMatchObject({ state: 'closed', calls: 4, failures: 0 });
    p.a.onFailure(t); // the counter was decremented exactly once: one failure in the window
    expect(p.a.snapshot()).toMatchObject({ calls: 4, failures: 1, consecutiveFailures: 1 });
  });

  it('a success ending a run loses to another success that ended it first: no double reset', () => {
    const p = pair({ consecutiveFailures: 3 });
    const t = p.a.tryAcquire();
    p.a.onFailure(t);
    p.a.onFailure(t);
    before('cas', p.L.consecutive, () => {
      expect(p.b.onSuccess(t)).toBe('recorded');
      expect(p.b.snapshot().consecutiveFailures).toBe(0);
    });
    expect(p.a.onSuccess(t)).toBe('recorded');
    p.b.onFailure(t);
    expect(p.a.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
  });

  it('half-open: a failure sealed before a reset is ordered before it (recorded, then reset)', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    const probe = toHalfOpen(p);
    before('cas', p.L.state, () => p.b.reset());
    expect(p.a.onFailure(probe)).toBe('recorded');
    expect(p.a.state).toBe('closed');
  });

  it('half-open: the closing success sealed before an isolate is recorded, then isolated', () => {
    const p = pair({
      openMs: 10,
      consecutiveFailures: 1,
      halfOpen: { permits: 1, successesToClose: 1 },
    });
    const probe = toHalfOpen(p);
    before('cas', p.L.state, () => p.b.isolate());
    expect(p.a.onSuccess(probe)).toBe('recorded');
    expect(p.a.state).toBe('isolated');
  });

  it('half-open: a success after a failure sealed the generation is stale', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    const first = toHalfOpen(p);
    const second = p.a.tryAcquire();
    before('cas', p.L.tally, () => expect(p.b.onFailure(second)).toBe('recorded'));
    expect(p.a.onSuccess(first)).toBe('stale');
    expect(p.a.state).toBe('open');
    expect(p.events.filter((e) => e.cause === 'half-open-failure')).toHaveLength(1);
  });

  it('half-open: an acquire in a sealed generation finishes its transition instead of admitting', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    const probe = toHalfOpen(p);
    before('cas', p.L.state, () => expect(p.b.tryAcquire()).toBe(REJECTED.open));
    expect(p.a.onFailure(probe)).toBe('recorded');
    expect(p.events.filter((e) => e.cause === 'half-open-failure')).toHaveLength(1);
    expect(p.a.generation).toBe(3);
  });

  it('half-open: a lease expiry noticed by two threads re-opens once', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    toHalfOpen(p);
    p.clock.advance(50);
    before('cas', p.L.state, () => p.b.snapshot());
    expect(p.a.tryAcquire()).toBe(REJECTED.open);
    expect(p.events.filter((e) => e.cause === 'lease-expired')).toHaveLength(1);
  });

  it('half-open: a release wins over a success of the same permit', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    const probe = toHalfOpen(p);
    before('cas', p.L.slot0, () => expect(p.b.release(probe)).toBe('recorded'));
    expect(p.a.onSuccess(probe)).toBe('duplicate');
  });

  it('half-open: a report of a permit still being claimed, or never issued, is stale', () => {
    const p = pair({ ...HALF, consecutiveFailures: 1 });
    const probe = toHalfOpen(p);
    const g = p.a.generation;
    expect(p.a.onSuccess(probePermit(g, 5, 1))).toBe('stale'); // no such slot
    expect(p.a.onSuccess(probePermit(g, 1, 1))).toBe('stale'); // slot 1 not issued
    expect(p.a.onSuccess(probePermit(g, 0, 9))).toBe('stale'); // a later use, never issued
    p.a.release(probe);
    before('cas', p.L.slot0, () => expect(p.a.onSuccess(probePermit(g, 0, 2))).toBe('stale'), 2);
    expect(p.b.tryAcquire()).toBe(probePermit(g, 0, 2));
  });
});

describe('isolation races', () => {
  it('an isolate during the last dispose makes the dispose transition for it, then isolates', () => {
    const p = pair();
    const hold = p.a.isolate();
    before('load', p.L.state, () => p.b.isolate());
    hold.dispose();
    expect(p.a.state).toBe('isolated');
    expect(p.events.map((e) => `${e.to}:${e.cause}`)).toEqual([
      'isolated:isolate',
      'half-open:dispose',
      'isolated:isolate',
    ]);
  });

  it('an isolate wins over the last dispose compare-and-swap', () => {
    const p = pair();
    const hold = p.a.isolate();
    before('cas', p.L.state, () => p.b.isolate());
    hold.dispose();
    expect(p.a.state).toBe('isolated');
  });

  it('a reset wins over an isolate; a hold taken meanwhile keeps reset isolated', () => {
    const p = pair();
    before('cas', p.L.state, () => p.b.reset());
    p.a.isolate();
    expect(p.a.state).toBe('isolated');
    before('cas', p.L.state, () => p.b.isolate());
    p.a.reset();
    expect(p.a.snapshot()).toMatchObject({ state: 'isolated', generation: 4 });
  });
});
