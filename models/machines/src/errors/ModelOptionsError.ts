/** Code of {@link ModelOptionsError}. */
export const MODEL_OPTIONS_ERROR = 'INVALID_MODEL_OPTIONS' as const;

/**
 * A model was given options that DESIGN.md §3 forbids (a threshold outside (0, 1], a size, count
 * or duration that is not positive and finite, `successesToClose > permits`).
 */
export class ModelOptionsError extends Error {
  override readonly name = 'ModelOptionsError';
  /** Always `'INVALID_MODEL_OPTIONS'`. */
  readonly code = MODEL_OPTIONS_ERROR;
  /** The option at fault, as a dotted path (`'halfOpen.permits'`). */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;

  /**
   * @param field - the option at fault
   * @param value - the offending value
   * @param rule - what the value must satisfy
   */
  constructor(field: string, value: unknown, rule: string) {
    super(`${field} must be ${rule}, got ${String(value)}`);
    this.field = field;
    this.value = value;
  }
}

/**
 * @returns whether `e` is a {@link ModelOptionsError}, also across realms (no `instanceof`).
 */
export function isModelOptionsError(e: unknown): e is ModelOptionsError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'ModelOptionsError' &&
    (e as { code?: unknown }).code === MODEL_OPTIONS_ERROR
  );
}
