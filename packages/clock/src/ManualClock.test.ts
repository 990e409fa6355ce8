import { describe, expect, it } from 'vitest';
import { isClockError } from './errors/ClockError.js';
import { ManualClock } from './ManualClock.js';

describe('ManualClock', () => {
  it('starts at 0 by default and at the given time otherwise', () => {
    expect(new ManualClock().now()).toBe(0);
    expect(new ManualClock(1_234.5).now()).toBe(1_234.5);
  });

  it('set and advance move time forward, advance returns the new time', () => {
    const clock = new ManualClock(10);
    clock.set(10);
    expect(clock.now()).toBe(10);
    clock.set(15.25);
    expect(clock.advance(0.75)).toBe(16);
    expect(clock.now()).toBe(16);
  });

  it('never goes backwards: set to an earlier time throws CLOCK_BACKWARDS naming the value', () => {
    const clock = new ManualClock(100);
    let caught: unknown;
    try {
      clock.set(99);
    } catch (e) {
      caught = e;
    }
    expect(isClockError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'CLOCK_BACKWARDS', field: 'ms', value: 99 });
    expect(String((caught as Error).message)).toContain('99');
    expect(clock.now()).toBe(100);
  });

  it('rejects a negative advance and non-finite times', () => {
    const clock = new ManualClock(5);
    expect(() => clock.advance(-1)).toThrow(/ms must be >= 0/);
    expect(() => clock.advance(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME' }),
    );
    expect(() => clock.set(Number.POSITIVE_INFINITY)).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME', field: 'ms' }),
    );
    expect(() => new ManualClock(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME', field: 'start' }),
    );
    expect(clock.now()).toBe(5);
  });

  it('advances by zero (a step of 0 ms is not backwards)', () => {
    const clock = new ManualClock(5);
    expect(clock.advance(0)).toBe(5);
    clock.set(5);
    expect(clock.now()).toBe(5);
  });

  it('says what was wrong in the message', () => {
    const clock = new ManualClock(5);
    expect(() => clock.advance(Number.NaN)).toThrow(
      'ms must be a finite number of milliseconds, got NaN',
    );
  });
});
