/** Code of {@link InvalidSuiteError}. */
export const INVALID_SUITE = 'INVALID_SUITE' as const;

/** A suite definition that cannot be run: a duplicate name or a reference to a missing scenario. */
export class InvalidSuiteError extends Error {
  override readonly name = 'InvalidSuiteError';
  readonly code = INVALID_SUITE;
  /** The offending field, e.g. `scenarios[3].baseline`. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;

  /**
   * @param field - the offending field.
   * @param value - the offending value.
   * @param message - what is wrong.
   */
  constructor(field: string, value: unknown, message: string) {
    super(`${field}: ${message} (got ${JSON.stringify(value)})`);
    this.field = field;
    this.value = value;
  }
}

/**
 * Whether `e` is an {@link InvalidSuiteError}, across realms (no `instanceof`).
 *
 * @param e - anything thrown.
 * @returns `true` when `e` carries the `INVALID_SUITE` code.
 */
export function isInvalidSuiteError(e: unknown): e is InvalidSuiteError {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === INVALID_SUITE;
}
