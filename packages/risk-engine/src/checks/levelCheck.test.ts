import { describe, expect, it } from 'vitest';
import { MutableDenial } from '../decision.js';
import { FakeKillSwitch } from '../../test/fixtures/fakes.js';
import { levelCheck } from './levelCheck.js';

describe('levelCheck', () => {
  it('active: passes, except reduceOnly on a risk-increasing order', () => {
    const ks = new FakeKillSwitch();
    const d = new MutableDenial();
    expect(levelCheck(ks, d, false, false)).toBe(false);
    expect(levelCheck(ks, d, true, true)).toBe(false);
    expect(levelCheck(ks, d, false, true)).toBe(true);
    expect(d.code).toBe('REDUCE_ONLY');
  });

  it('reducing: only risk-reducing orders pass', () => {
    const ks = new FakeKillSwitch();
    ks.level = 'reducing';
    const d = new MutableDenial();
    expect(levelCheck(ks, d, true, false)).toBe(false);
    expect(levelCheck(ks, d, false, false)).toBe(true);
    expect(d.message).toContain('level is reducing');
    expect(levelCheck(ks, d, false, true)).toBe(true);
    expect(d.message).toContain('reduceOnly');
  });

  it('halted: KILL_SWITCH for every order, risk-reducing included', () => {
    const ks = new FakeKillSwitch();
    ks.level = 'halted';
    const d = new MutableDenial();
    expect(levelCheck(ks, d, true, true)).toBe(true);
    expect(d.code).toBe('KILL_SWITCH');
  });
});
