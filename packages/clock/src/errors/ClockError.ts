/** Codes of {@link ClockError}. */
export const CLOCK_ERROR = {
  backwards: 'CLOCK_BACKWARDS',
  invalidTime: 'INVALID_TIME',
  foreignBuffer: 'FOREIGN_BUFFER',
  invalidSource: 'INVALID_SOURCE',
} as const;

/** A literal code of {@link ClockError}. */
export type ClockErrorCode = (typeof CLOCK_ERROR)[keyof typeof CLOCK_ERROR];

/**
 * Misuse of a clock: moving a manual clock backwards, a non-finite or negative value, attaching
 * to a buffer that is not a clock's, or a cached clock over something that is not a clock.
 */
export class ClockError extends Error {
  override readonly name = 'ClockError';
  /** What went wrong. */
  readonly code: ClockErrorCode;
  /** The field or argument at fault. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;

  constructor(code: ClockErrorCode, field: string, value: unknown, message: string) {
    super(message);
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

/**
 * @returns whether `e` is a {@link ClockError}, also across realms (no `instanceof`).
 */
export function isClockError(e: unknown): e is ClockError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'ClockError' &&
    Object.values(CLOCK_ERROR).includes((e as { code?: unknown }).code as ClockErrorCode)
  );
}
