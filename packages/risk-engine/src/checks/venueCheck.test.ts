import { describe, expect, it } from 'vitest';
import { MutableDenial } from '../decision.js';
import { FakeBreaker } from '../../test/fixtures/fakes.js';
import { venueCheck } from './venueCheck.js';

describe('venueCheck', () => {
  it('returns the permit, or VENUE_UNAVAILABLE with the rejection code as value', () => {
    const b = new FakeBreaker();
    const d = new MutableDenial();
    expect(venueCheck(b, d, true)).toBe(0);
    b.state = 'open';
    expect(venueCheck(b, d, true)).toBe(-1);
    expect(d.code).toBe('VENUE_UNAVAILABLE');
    expect(d.value).toBe(-1);
  });

  it('explain reads the state and never takes a permit', () => {
    const b = new FakeBreaker();
    const d = new MutableDenial();
    expect(venueCheck(b, d, false)).toBe(0);
    b.state = 'open';
    expect(venueCheck(b, d, false)).toBe(-1);
    expect(d.message).toContain('venue breaker is open');
    expect(b.acquired).toBe(0);
  });
});
