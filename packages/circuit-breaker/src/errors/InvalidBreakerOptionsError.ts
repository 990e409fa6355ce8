/**
 * A bad option or argument given to `CircuitBreaker` or `GlobalBreaker`: names the field and the
 * offending value. Thrown at construction, never from a hot path.
 *
 * @example
 * ```ts
 * try {
 *   new CircuitBreaker({ failureRateThreshold: 2 });
 * } catch (e) {
 *   if (isInvalidBreakerOptionsError(e)) console.log(e.field, e.value); // failureRateThreshold 2
 * }
 * ```
 */
export class InvalidBreakerOptionsError extends Error {
  override readonly name = 'InvalidBreakerOptionsError';
  /** Always `'INVALID_BREAKER_OPTIONS'`. */
  readonly code = 'INVALID_BREAKER_OPTIONS' as const;
  /** The option at fault, as a path (`'halfOpen.permits'`). */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;

  /**
   * @param field - the option path
   * @param value - the offending value
   * @param expected - what the option must be, e.g. `'in (0, 1]'`
   */
  constructor(field: string, value: unknown, expected: string) {
    super(`${field} must be ${expected}, got ${describe(value)}`);
    this.field = field;
    this.value = value;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** @returns whether `e` is an {@link InvalidBreakerOptionsError}, also across realms. */
export function isInvalidBreakerOptionsError(e: unknown): e is InvalidBreakerOptionsError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'InvalidBreakerOptionsError' &&
    (e as { code?: unknown }).code === 'INVALID_BREAKER_OPTIONS'
  );
}
