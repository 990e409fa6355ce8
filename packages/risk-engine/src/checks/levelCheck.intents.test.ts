import { describe, expect, it } from 'vitest';
import { MutableDenial } from '../decision.js';
import { FakeKillSwitch } from '../../test/fixtures/fakes.js';
import { levelCheck } from './levelCheck.js';

/** A kill switch that records the intents it is asked about and knows only the two real ones. */
class StrictKillSwitch extends FakeKillSwitch {
  readonly asked: string[] = [];
  override allows(intent: 'increase' | 'reduce'): boolean {
    this.asked.push(intent);
    if (intent !== 'increase' && intent !== 'reduce') return false;
    return super.allows(intent);
  }
}

describe('levelCheck asks the kill switch with its two intents', () => {
  it("active: one allows('increase'); reducing: allows('increase') then allows('reduce')", () => {
    const ks = new StrictKillSwitch();
    const d = new MutableDenial();
    expect(levelCheck(ks, d, false, false)).toBe(false);
    expect(ks.asked).toEqual(['increase']);
    ks.level = 'reducing';
    ks.asked.length = 0;
    expect(levelCheck(ks, d, true, false)).toBe(false);
    expect(ks.asked).toEqual(['increase', 'reduce']);
  });

  it('halted says so; reduceOnly on a risk-increasing order says so', () => {
    const ks = new StrictKillSwitch();
    const d = new MutableDenial();
    expect(levelCheck(ks, d, false, true)).toBe(true);
    expect(d.message).toContain('reduceOnly order is not risk-reducing');
    ks.level = 'halted';
    expect(levelCheck(ks, d, true, false)).toBe(true);
    expect(d.message).toContain('trading is halted');
  });
});
