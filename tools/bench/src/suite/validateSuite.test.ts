import { describe, expect, it } from 'vitest';
import { isInvalidSuiteError, type InvalidSuiteError } from '../errors/InvalidSuiteError.js';
import type { Scenario } from '../model/Scenario.js';
import { validateSuite } from './validateSuite.js';

const b = (name: string, extra: Partial<Scenario> = {}): Scenario => ({
  name,
  bench: () => 1,
  ...extra,
});

function errorOf(scenarios: Scenario[]): InvalidSuiteError {
  try {
    validateSuite({ name: 's', scenarios });
  } catch (e) {
    if (isInvalidSuiteError(e)) return e;
    throw e;
  }
  throw new Error('expected an InvalidSuiteError');
}

describe('validateSuite', () => {
  it('accepts consistent references', () => {
    expect(() =>
      validateSuite({
        name: 's',
        scenarios: [
          b('base'),
          b('ours', {
            baseline: 'base',
            target: {
              label: 't',
              fasterThan: 'peer',
              maxOverheadRatio: { peer: 'peer', ratio: 0.5 },
            },
          }),
          b('peer', { versus: 'ours', baseline: 'base' }),
        ],
      }),
    ).not.toThrow();
  });

  it('names the field and value of the first problem', () => {
    expect(errorOf([b(' ')])).toMatchObject({
      code: 'INVALID_SUITE',
      field: 'scenarios[0].name',
      value: ' ',
    });
    expect(errorOf([b('a'), b('a')])).toMatchObject({ field: 'scenarios[1].name', value: 'a' });
    expect(errorOf([b('a', { baseline: 'zz' })])).toMatchObject({
      field: 'scenarios[0].baseline',
      value: 'zz',
    });
    expect(errorOf([b('a', { versus: 'zz' })]).field).toBe('scenarios[0].versus');
    expect(errorOf([b('a', { target: { label: 't', fasterThan: 'zz' } })]).field).toBe(
      'scenarios[0].target.fasterThan',
    );
    expect(
      errorOf([b('a', { target: { label: 't', maxOverheadRatio: { peer: 'zz', ratio: 1 } } })])
        .field,
    ).toBe('scenarios[0].target.maxOverheadRatio.peer');
    const e = errorOf([
      b('a', { target: { label: 't', maxOverheadRatio: { peer: 'a', ratio: 1 } } }),
    ]);
    expect(e.field).toBe('scenarios[0].target.maxOverheadRatio');
    expect(e.name).toBe('InvalidSuiteError');
    expect(e.message).toContain('needs a baseline');
  });

  it('guards without instanceof', () => {
    expect(isInvalidSuiteError({ code: 'INVALID_SUITE' })).toBe(true);
    expect(isInvalidSuiteError(new Error('x'))).toBe(false);
    expect(isInvalidSuiteError(null)).toBe(false);
    expect(isInvalidSuiteError('INVALID_SUITE')).toBe(false);
  });
});
