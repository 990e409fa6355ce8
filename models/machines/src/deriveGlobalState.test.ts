import { describe, expect, it } from 'vitest';
import { deriveGlobalState } from './deriveGlobalState.js';

describe('deriveGlobalState (DESIGN §3 global breaker)', () => {
  it('below minComponents it is closed', () => {
    expect(deriveGlobalState(['open', 'open'])).toBe('closed');
    expect(deriveGlobalState([])).toBe('closed');
  });

  it('open fraction equal to openFraction does not open (strict >)', () => {
    expect(deriveGlobalState(['open', 'open', 'closed', 'closed'])).toBe('closed');
    expect(deriveGlobalState(['open', 'open', 'open', 'closed'])).toBe('open');
  });

  it('isolated counts as open', () => {
    expect(deriveGlobalState(['isolated', 'open', 'closed'])).toBe('open');
  });

  it('half-open when any component is half-open and not open', () => {
    expect(deriveGlobalState(['half-open', 'open', 'closed', 'closed'])).toBe('half-open');
  });

  it('open wins over half-open', () => {
    expect(deriveGlobalState(['half-open', 'open', 'open'])).toBe('open');
  });

  it('recovery as components recover', () => {
    const states: Array<'open' | 'half-open' | 'closed'> = ['open', 'open', 'open'];
    expect(deriveGlobalState(states)).toBe('open');
    states[0] = 'half-open';
    expect(deriveGlobalState(states)).toBe('open');
    states[1] = 'half-open';
    expect(deriveGlobalState(states)).toBe('half-open');
    states.fill('closed');
    expect(deriveGlobalState(states)).toBe('closed');
  });

  it('honours openFraction and minComponents', () => {
    expect(deriveGlobalState(['open', 'closed'], { minComponents: 2, openFraction: 0.4 })).toBe(
      'open',
    );
    expect(deriveGlobalState(['open', 'closed', 'closed'], { openFraction: 0 })).toBe('open');
  });
});
