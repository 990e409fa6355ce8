/** Codes of {@link BreakerAttachError}. */
export const BREAKER_ATTACH_ERROR = {
  /** Not a SharedArrayBuffer, too short, or no breaker magic. */
  foreignBuffer: 'FOREIGN_BUFFER',
  /** A breaker buffer of another layout version. */
  layoutVersion: 'LAYOUT_VERSION',
  /** Written with another cache-line stride (another architecture) or a corrupted header. */
  strideMismatch: 'STRIDE_MISMATCH',
  /** The handle's options are not the ones the buffer was laid out for. */
  optionsMismatch: 'OPTIONS_MISMATCH',
} as const;

/** A literal code of {@link BreakerAttachError}. */
export type BreakerAttachErrorCode =
  (typeof BREAKER_ATTACH_ERROR)[keyof typeof BREAKER_ATTACH_ERROR];

/**
 * `CircuitBreaker.attach` refused a handle whose buffer is foreign, corrupted or laid out for
 * other options, instead of misreading it.
 *
 * @example
 * ```ts
 * try {
 *   CircuitBreaker.attach({ buffer: new SharedArrayBuffer(64), options });
 * } catch (e) {
 *   if (isBreakerAttachError(e)) console.log(e.code); // 'FOREIGN_BUFFER'
 * }
 * ```
 */
export class BreakerAttachError extends Error {
  override readonly name = 'BreakerAttachError';
  /** What is wrong with the buffer. */
  readonly code: BreakerAttachErrorCode;
  /** The handle field at fault (`'handle.buffer'`, `'handle.options'`). */
  readonly field: string;
  /** The offending value (or what was found in the header). */
  readonly value: unknown;

  /**
   * @param code - see {@link BREAKER_ATTACH_ERROR}
   * @param field - the handle field at fault
   * @param value - what was found
   * @param message - human-readable detail
   */
  constructor(code: BreakerAttachErrorCode, field: string, value: unknown, message: string) {
    super(message);
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

/** @returns whether `e` is a {@link BreakerAttachError}, also across realms. */
export function isBreakerAttachError(e: unknown): e is BreakerAttachError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'BreakerAttachError' &&
    Object.values(BREAKER_ATTACH_ERROR).includes((e as { code?: unknown }).code as never)
  );
}
