/** Codes of {@link HistogramError}. */
export const HISTOGRAM_ERROR = {
  invalidOptions: 'INVALID_OPTIONS',
  invalidPercentile: 'INVALID_PERCENTILE',
  invalidArgument: 'INVALID_ARGUMENT',
  configMismatch: 'CONFIG_MISMATCH',
  foreignBuffer: 'FOREIGN_BUFFER',
} as const;

/** A literal code of {@link HistogramError}. */
export type HistogramErrorCode = (typeof HISTOGRAM_ERROR)[keyof typeof HISTOGRAM_ERROR];

/**
 * Misuse of a {@link LatencyHistogram}: invalid options, a percentile outside [0, 100], merging
 * histograms of different configurations, attaching to a foreign or mismatched buffer, or an
 * invalid Prometheus metric name or label.
 *
 * @example
 * ```ts
 * try {
 *   new LatencyHistogram({ significantDigits: 9 });
 * } catch (e) {
 *   if (isHistogramError(e)) console.log(e.code, e.field, e.value); // INVALID_OPTIONS significantDigits 9
 * }
 * ```
 */
export class HistogramError extends Error {
  override readonly name = 'HistogramError';
  /** What went wrong. */
  readonly code: HistogramErrorCode;
  /** The field or argument at fault, e.g. `'highestNs'`, `'p'`, `'other.lowestNs'`. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;

  /**
   * @param code - what went wrong.
   * @param field - the field or argument at fault.
   * @param value - the offending value.
   * @param message - a sentence naming the field, the value and the rule.
   */
  constructor(code: HistogramErrorCode, field: string, value: unknown, message: string) {
    super(message);
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

/**
 * @param e - anything caught.
 * @returns whether `e` is a {@link HistogramError}, also across realms (no `instanceof`).
 */
export function isHistogramError(e: unknown): e is HistogramError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'HistogramError' &&
    Object.values(HISTOGRAM_ERROR).includes((e as { code?: unknown }).code as HistogramErrorCode)
  );
}
