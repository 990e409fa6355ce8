/** Code of {@link RiskInputError}. */
export const INVALID_RISK_INPUT = 'INVALID_RISK_INPUT' as const;

/**
 * A bad argument to `updatePrice` or `onFill` (non-finite or non-positive price or quantity,
 * unknown instrument). `check` never throws: a bad order is a denial (`INVALID_ORDER`).
 */
export class RiskInputError extends Error {
  override readonly name = 'RiskInputError';
  /** Always `'INVALID_RISK_INPUT'`. */
  readonly code = INVALID_RISK_INPUT;
  /** The argument at fault. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;

  /**
   * @param field - the argument at fault.
   * @param value - the offending value.
   */
  constructor(field: string, value: unknown) {
    super(`${field} is invalid (got ${String(value)})`);
    this.field = field;
    this.value = value;
  }
}

/** @returns whether `e` is a {@link RiskInputError}, also across realms (no `instanceof`). */
export function isRiskInputError(e: unknown): e is RiskInputError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'RiskInputError' &&
    (e as { code?: unknown }).code === INVALID_RISK_INPUT
  );
}
