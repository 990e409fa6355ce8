import { describe, expect, it } from 'vitest';
import { HistogramError, isHistogramError } from './errors/HistogramError.js';
import { DEFAULT_HISTOGRAM_OPTIONS, resolveOptions } from './options.js';

function rejects(options: unknown, field: string, value: unknown): void {
  try {
    resolveOptions(options);
  } catch (e) {
    expect(isHistogramError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'INVALID_OPTIONS', field, value });
    return;
  }
  throw new Error(`accepted ${JSON.stringify(options)}`);
}

describe('options', () => {
  it('defaults: 1 ns .. 60 s, 2 significant digits', () => {
    expect(resolveOptions(undefined)).toEqual({
      lowestNs: 1,
      highestNs: 60e9,
      significantDigits: 2,
    });
    expect(resolveOptions({})).toEqual(DEFAULT_HISTOGRAM_OPTIONS);
  });

  it('a bad value throws naming the field and the value', () => {
    rejects(null, 'options', null);
    rejects(5, 'options', 5);
    rejects('{}', 'options', '{}');
    rejects({ lowestNs: 0 }, 'lowestNs', 0);
    rejects({ lowestNs: 1.5 }, 'lowestNs', 1.5);
    rejects({ lowestNs: NaN }, 'lowestNs', NaN);
    rejects({ lowestNs: 10, highestNs: 19 }, 'highestNs', 19);
    rejects({ highestNs: 2 ** 53 }, 'highestNs', 2 ** 53);
    rejects({ significantDigits: 0 }, 'significantDigits', 0);
    rejects({ significantDigits: 6 }, 'significantDigits', 6);
    rejects({ significantDigits: 2.5 }, 'significantDigits', 2.5);
  });

  it('the bounds themselves are accepted', () => {
    for (const o of [
      { lowestNs: 1, highestNs: 2, significantDigits: 1 },
      { lowestNs: 10, highestNs: 20, significantDigits: 5 },
      { lowestNs: 1, highestNs: 2 ** 53 - 1, significantDigits: 5 },
    ]) {
      expect(resolveOptions(o)).toEqual(o);
    }
  });

  it('the message names the field, the rule and the value', () => {
    const message = (options: unknown, prefix?: string) => {
      try {
        resolveOptions(options, prefix);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`accepted ${JSON.stringify(options)}`);
    };
    expect(message(null)).toBe('options must be an object, got null');
    expect(message({ lowestNs: 0 })).toBe('lowestNs must be an integer >= 1, got 0');
    expect(message({ lowestNs: 10, highestNs: 19 })).toBe(
      'highestNs must be an integer >= 2 * lowestNs (20) and <= 2^53 - 1, got 19',
    );
    expect(message({ significantDigits: 6 })).toBe(
      'significantDigits must be an integer in [1, 5], got 6',
    );
    expect(message({ significantDigits: 6 }, 'handle.options.')).toBe(
      'handle.options.significantDigits must be an integer in [1, 5], got 6',
    );
  });

  it('isHistogramError rejects look-alikes', () => {
    expect(isHistogramError(new HistogramError('INVALID_OPTIONS', 'f', 1, 'm'))).toBe(true);
    expect(isHistogramError(new Error('x'))).toBe(false);
    // The right code without the name, and a function named HistogramError carrying a code.
    expect(isHistogramError({ code: 'INVALID_OPTIONS' })).toBe(false);
    expect(isHistogramError(Object.assign(new RangeError('x'), { code: 'INVALID_OPTIONS' }))).toBe(
      false,
    );
    expect(
      isHistogramError(Object.assign(function HistogramError() {}, { code: 'INVALID_OPTIONS' })),
    ).toBe(false);
    expect(isHistogramError({ name: 'HistogramError', code: 'NOPE' })).toBe(false);
    expect(isHistogramError(null)).toBe(false);
  });
});
