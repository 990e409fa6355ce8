import { describe, expect, it } from 'vitest';
import { KILL_SWITCH_ERROR, KillSwitchError, isKillSwitchError } from './KillSwitchError.js';

describe('KillSwitchError', () => {
  it('carries code, field and value, and is recognised without instanceof', () => {
    const e = new KillSwitchError(KILL_SWITCH_ERROR.invalidArgument, 'level', 'x', 'level bad');
    expect(e).toMatchObject({
      name: 'KillSwitchError',
      code: 'INVALID_ARGUMENT',
      field: 'level',
      value: 'x',
    });
    expect(isKillSwitchError(e)).toBe(true);
    expect(
      isKillSwitchError(structuredClone({ name: 'KillSwitchError', code: 'FOREIGN_BUFFER' })),
    ).toBe(true);
    expect(isKillSwitchError({ name: 'KillSwitchError', code: 'NOPE' })).toBe(false);
    expect(isKillSwitchError(new Error('x'))).toBe(false);
    // Another library's error with the same code is not ours.
    expect(isKillSwitchError({ name: 'CircuitBreakerError', code: 'INVALID_ARGUMENT' })).toBe(
      false,
    );
    // Only objects: not a function that happens to carry the name and a code.
    const fn = Object.assign(function KillSwitchError() {}, { code: 'FOREIGN_BUFFER' });
    expect(fn.name).toBe('KillSwitchError');
    expect(isKillSwitchError(fn)).toBe(false);
    expect(isKillSwitchError(null)).toBe(false);
    expect(isKillSwitchError('KillSwitchError')).toBe(false);
  });
});
