import { describe, expect, it } from 'vitest';
import { isHistogramError } from './errors/HistogramError.js';
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
    rejects({ lowestNs: 0 }, 'lowestNs', 0);
    rejects({ lowestNs: 1.5 }, 'lowestNs', 1.5);
    rejects({ lowestNs: NaN }, 'lowestNs', NaN);
    rejects({ lowestNs: 10, highestNs: 19 }, 'highestNs', 19);
    rejects({ highestNs: 2 ** 53 }, 'highestNs', 2 ** 53);
    rejects({ significantDigits: 0 }, 'significantDigits', 0);
    rejects({ significantDigits: 6 }, 'significantDigits', 6);
    rejects({ significantDigits: 2.5 }, 'significantDigits', 2.5);
  });

  it('isHistogramError rejects look-alikes', () => {
    expect(isHistogramError(new Error('x'))).toBe(false);
    expect(isHistogramError({ name: 'HistogramError', code: 'NOPE' })).toBe(false);
    expect(isHistogramError(null)).toBe(false);
  });
});
