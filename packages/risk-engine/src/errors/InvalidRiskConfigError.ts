/** Code of {@link InvalidRiskConfigError}. */
export const INVALID_RISK_CONFIG = 'INVALID_RISK_CONFIG' as const;

/**
 * A bad {@link RiskEngineOptions} value (or a shared buffer that does not match them), thrown at
 * construction. Names the field (`instruments[3].tickSize`) and carries the offending value.
 */
export class InvalidRiskConfigError extends Error {
  override readonly name = 'InvalidRiskConfigError';
  /** Always `'INVALID_RISK_CONFIG'`. */
  readonly code = INVALID_RISK_CONFIG;
  /** Path of the field at fault. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;

  /**
   * @param field - path of the field at fault.
   * @param value - the offending value.
   * @param reason - what is wrong with it.
   */
  constructor(field: string, value: unknown, reason: string) {
    super(`${field} ${reason} (got ${describe(value)})`);
    this.field = field;
    this.value = value;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return String(value);
  return Object.prototype.toString.call(value);
}

/**
 * @returns whether `e` is an {@link InvalidRiskConfigError}, also across realms (no `instanceof`).
 */
export function isInvalidRiskConfigError(e: unknown): e is InvalidRiskConfigError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'InvalidRiskConfigError' &&
    (e as { code?: unknown }).code === INVALID_RISK_CONFIG
  );
}
