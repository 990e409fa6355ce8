import { describe, expect, it } from 'vitest';
import { ManualClock } from '@tripwire/clock';
import { deriveGlobalState } from '@tripwire/models';
import { CircuitBreaker } from './CircuitBreaker.js';
import { isInvalidBreakerOptionsError } from './errors/InvalidBreakerOptionsError.js';
import { GlobalBreaker } from './GlobalBreaker.js';
import { REJECTED } from './state/permit.js';

function components(n: number, clock = new ManualClock(0)) {
  return Array.from(
    { length: n },
    () => new CircuitBreaker({ clock, consecutiveFailures: 1, openMs: 10 }),
  );
}

describe('GlobalBreaker', () => {
  it('is open when more than openFraction are open or isolated (strict), and rejects with -4', () => {
    const cs = components(4);
    const g = new GlobalBreaker(cs, { openFraction: 0.5 });
    cs[0]?.onFailure(0);
    cs[1]?.isolate();
    expect(g.state).toBe('closed'); // 2/4 = 0.5 is not > 0.5
    cs[2]?.onFailure(0);
    expect(g.state).toBe('open');
    expect(g.tryAcquire(3)).toBe(REJECTED.globalOpen);
    expect(cs[3]?.snapshot().notPermitted).toBe(1);
    expect(cs[3]?.state).toBe('closed');
  });

  it('is half-open when any component is half-open, derived on read, so it recovers when they do', () => {
    const clock = new ManualClock(0);
    const cs = components(3, clock);
    const g = new GlobalBreaker(cs);
    cs[0]?.onFailure(0);
    clock.advance(10);
    const probe = cs[0]?.tryAcquire() as number;
    expect(g.state).toBe('half-open');
    expect(g.tryAcquire(1)).toBe(0);
    cs[0]?.onSuccess(probe);
    cs[0]?.onSuccess(cs[0].tryAcquire());
    expect(g.state).toBe('half-open');
    cs[0]?.onSuccess(cs[0].tryAcquire());
    expect(g.state).toBe('closed');
  });

  it('below minComponents it is closed; agrees with deriveGlobalState', () => {
    const cs = components(2);
    cs[0]?.onFailure(0);
    cs[1]?.onFailure(0);
    expect(new GlobalBreaker(cs).state).toBe('closed');
    expect(new GlobalBreaker(cs, { minComponents: 2 }).state).toBe('open');
    const states = cs.map((c) => c.state);
    expect(new GlobalBreaker(cs, { minComponents: 2, openFraction: 0.9 }).state).toBe(
      deriveGlobalState(states, { minComponents: 2, openFraction: 0.9 }),
    );
    expect(new GlobalBreaker(cs).components).toHaveLength(2);
  });

  it('validates its options and the component index', () => {
    for (const [options, field] of [
      [{ openFraction: 1.5 }, 'openFraction'],
      [{ openFraction: Number.NaN }, 'openFraction'],
      [{ minComponents: 0 }, 'minComponents'],
    ] as const) {
      expect(() => new GlobalBreaker([], options)).toThrow(expect.objectContaining({ field }));
    }
    expect(() => new GlobalBreaker('x' as never)).toThrow(
      expect.objectContaining({ field: 'breakers' }),
    );
    let caught: unknown;
    try {
      new GlobalBreaker(components(1)).tryAcquire(3);
    } catch (e) {
      caught = e;
    }
    expect(isInvalidBreakerOptionsError(caught)).toBe(true);
    expect(caught).toMatchObject({ field: 'componentIndex', value: 3 });
  });
});
