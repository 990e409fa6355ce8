import { describe, expect, it } from 'vitest';
import { InvalidRiskConfigError, isInvalidRiskConfigError } from './InvalidRiskConfigError.js';
import { RiskInputError, isRiskInputError } from './RiskInputError.js';

describe('InvalidRiskConfigError', () => {
  it('names the field and the value, and is recognised across realms by name and code', () => {
    const e = new InvalidRiskConfigError('instruments[0].tickSize', -1, 'must be > 0');
    expect(e.message).toBe('instruments[0].tickSize must be > 0 (got -1)');
    expect(e.field).toBe('instruments[0].tickSize');
    expect(e.value).toBe(-1);
    expect(e).toBeInstanceOf(Error);
    expect(isInvalidRiskConfigError(e)).toBe(true);
    expect(
      isInvalidRiskConfigError({ name: 'InvalidRiskConfigError', code: 'INVALID_RISK_CONFIG' }),
    ).toBe(true);
    expect(isInvalidRiskConfigError(new Error('x'))).toBe(false);
    expect(isInvalidRiskConfigError(null)).toBe(false);
    expect(isInvalidRiskConfigError('InvalidRiskConfigError')).toBe(false);
  });

  it('describes values of every kind', () => {
    expect(new InvalidRiskConfigError('a', 'x', 'r').message).toBe('a r (got "x")');
    expect(new InvalidRiskConfigError('a', undefined, 'r').message).toBe('a r (got undefined)');
    expect(new InvalidRiskConfigError('a', null, 'r').message).toBe('a r (got null)');
    expect(new InvalidRiskConfigError('a', [], 'r').message).toBe('a r (got [object Array])');
    expect(new InvalidRiskConfigError('a', true, 'r').message).toBe('a r (got true)');
  });
});

describe('RiskInputError', () => {
  it('names the argument and the value', () => {
    const e = new RiskInputError('price', Number.NaN);
    expect(e.message).toBe('price is invalid (got NaN)');
    expect(isRiskInputError(e)).toBe(true);
    expect(isRiskInputError({ name: 'RiskInputError', code: 'OTHER' })).toBe(false);
    expect(isRiskInputError(undefined)).toBe(false);
  });
});
