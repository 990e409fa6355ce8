import { HISTOGRAM_ERROR, HistogramError } from './errors/HistogramError.js';

/** Options of {@link LatencyHistogram}. */
export interface LatencyHistogramOptions {
  /**
   * Smallest value, in ns, recorded with full precision; smaller values go to the underflow
   * counter. An integer >= 1.
   * @defaultValue 1
   */
  readonly lowestNs?: number;
  /**
   * Largest value, in ns, kept in a bucket; larger values go to the overflow counter. An integer
   * >= 2 * lowestNs and <= 2^53 - 1.
   * @defaultValue 60e9 (one minute)
   */
  readonly highestNs?: number;
  /**
   * Decimal digits of precision, 1..5: every in-range value is reported within 10^-d relative
   * error (2 digits: 1 %).
   * @defaultValue 2
   */
  readonly significantDigits?: number;
}

/** {@link LatencyHistogramOptions} with every default filled in. */
export type ResolvedHistogramOptions = Required<LatencyHistogramOptions>;

/** The defaults of {@link LatencyHistogramOptions}. */
export const DEFAULT_HISTOGRAM_OPTIONS: ResolvedHistogramOptions = Object.freeze({
  lowestNs: 1,
  highestNs: 60e9,
  significantDigits: 2,
});

function invalid(prefix: string, field: string, value: unknown, rule: string): HistogramError {
  return new HistogramError(
    HISTOGRAM_ERROR.invalidOptions,
    prefix + field,
    value,
    `${prefix}${field} must be ${rule}, got ${String(value)}`,
  );
}

/**
 * Validates options and fills in defaults.
 *
 * @param options - user options (`undefined` for all defaults).
 * @param prefix - prepended to field names in errors (e.g. `'handle.options.'`).
 * @returns the resolved options.
 * @throws HistogramError `'INVALID_OPTIONS'` naming the first invalid field and its value.
 */
export function resolveOptions(options: unknown, prefix = ''): ResolvedHistogramOptions {
  if (options === undefined) return DEFAULT_HISTOGRAM_OPTIONS;
  if (typeof options !== 'object' || options === null) {
    throw invalid(prefix, 'options', options, 'an object');
  }
  const o = options as LatencyHistogramOptions;
  const lowestNs = o.lowestNs ?? DEFAULT_HISTOGRAM_OPTIONS.lowestNs;
  const highestNs = o.highestNs ?? DEFAULT_HISTOGRAM_OPTIONS.highestNs;
  const significantDigits = o.significantDigits ?? DEFAULT_HISTOGRAM_OPTIONS.significantDigits;
  if (!Number.isSafeInteger(lowestNs) || lowestNs < 1) {
    throw invalid(prefix, 'lowestNs', lowestNs, 'an integer >= 1');
  }
  if (!Number.isSafeInteger(highestNs) || highestNs < 2 * lowestNs) {
    throw invalid(
      prefix,
      'highestNs',
      highestNs,
      `an integer >= 2 * lowestNs (${2 * lowestNs}) and <= 2^53 - 1`,
    );
  }
  if (!Number.isInteger(significantDigits) || significantDigits < 1 || significantDigits > 5) {
    throw invalid(prefix, 'significantDigits', significantDigits, 'an integer in [1, 5]');
  }
  return { lowestNs, highestNs, significantDigits };
}
