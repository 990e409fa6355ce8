import { describe, expect, it } from 'vitest';
import { CLOCK_ERROR, ClockError, isClockError } from './ClockError.js';

describe('isClockError', () => {
  it('recognises clock errors by name and code, also when not created by this realm', () => {
    expect(isClockError(new ClockError(CLOCK_ERROR.backwards, 'ms', 1, 'x'))).toBe(true);
    const lookalike = { name: 'ClockError', code: 'INVALID_TIME', message: 'from another realm' };
    expect(isClockError(lookalike)).toBe(true);
  });

  it('rejects other errors and values', () => {
    expect(isClockError(new Error('x'))).toBe(false);
    expect(isClockError({ name: 'ClockError', code: 'SOMETHING_ELSE' })).toBe(false);
    expect(isClockError(null)).toBe(false);
    expect(isClockError('ClockError')).toBe(false);
  });

  it('is an Error with name ClockError', () => {
    const e = new ClockError(CLOCK_ERROR.invalidTime, 'start', Number.NaN, 'bad');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ClockError');
    expect(e.field).toBe('start');
  });

  it('needs both the name and a known code', () => {
    expect(isClockError({ code: 'INVALID_TIME' })).toBe(false);
    expect(isClockError({ name: 'ClockError' })).toBe(false);
  });
});
