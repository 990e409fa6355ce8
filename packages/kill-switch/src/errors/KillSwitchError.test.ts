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
    expect(isKillSwitchError(null)).toBe(false);
    expect(isKillSwitchError('KillSwitchError')).toBe(false);
  });
});
