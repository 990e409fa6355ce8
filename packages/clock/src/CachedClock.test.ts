import { describe, expect, it } from 'vitest';
import { CachedClock } from './CachedClock.js';
import { ManualClock } from './ManualClock.js';
import { isClockError } from './errors/ClockError.js';
import type { Clock } from './Clock.js';

describe('CachedClock', () => {
  it('reads its source once at construction and then only on update()', () => {
    const source = new ManualClock(100);
    let reads = 0;
    const counting: Clock = { now: () => (reads++, source.now()) };
    const clock = new CachedClock(counting);
    expect(reads).toBe(1);
    source.advance(50);
    expect(clock.now()).toBe(100);
    expect(clock.now()).toBe(100);
    expect(reads).toBe(1);
    expect(clock.update()).toBe(150);
    expect(clock.now()).toBe(150);
    expect(reads).toBe(2);
  });

  it('never goes backwards when its source does', () => {
    let t = 1_000;
    const clock = new CachedClock({ now: () => t });
    t = 900;
    expect(clock.update()).toBe(1_000);
    expect(clock.now()).toBe(1_000);
    t = 1_001;
    expect(clock.update()).toBe(1_001);
  });

  it('defaults to the system clock', () => {
    const before = Date.now();
    const clock = new CachedClock();
    expect(clock.now()).toBeGreaterThanOrEqual(before - 2);
    expect(clock.now()).toBeLessThanOrEqual(Date.now() + 2);
  });

  it('refuses a source that is not a clock, naming the field', () => {
    expect(() => new CachedClock(null as unknown as Clock)).toThrow(
      'source must be a Clock (an object with a now() method), got null',
    );
    expect(() => new CachedClock({} as unknown as Clock)).toThrow(
      'source must be a Clock (an object with a now() method), got an object without now()',
    );
    expect(() => new CachedClock(5 as unknown as Clock)).toThrow(/got 5$/);
    for (const bad of [null, {}, { now: 5 }]) {
      let caught: unknown;
      try {
        new CachedClock(bad as unknown as Clock);
      } catch (e) {
        caught = e;
      }
      expect(isClockError(caught)).toBe(true);
      expect(caught).toMatchObject({ code: 'INVALID_SOURCE', field: 'source', value: bad });
    }
  });

  it('refuses a non-finite reading and keeps its time', () => {
    let t = 10;
    const clock = new CachedClock({ now: () => t });
    t = Number.NaN;
    expect(() => clock.update()).toThrow(
      expect.objectContaining({
        code: 'INVALID_TIME',
        field: 'source.now()',
        message: 'source.now() must return a finite number of milliseconds, got NaN',
      }),
    );
    expect(clock.now()).toBe(10);
    t = Number.POSITIVE_INFINITY;
    expect(() => clock.update()).toThrow(expect.objectContaining({ code: 'INVALID_TIME' }));
    expect(() => new CachedClock({ now: () => Number.NaN })).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME' }),
    );
  });
});
