/** Codes of {@link KillSwitchError}. */
export const KILL_SWITCH_ERROR = {
  /** An option or argument has a bad type or value. */
  invalidArgument: 'INVALID_ARGUMENT',
  /** Neither `authorize` nor `secret` was given (or both). */
  noAuthorization: 'NO_AUTHORIZATION',
  /** `attach` was given a buffer that is not a kill switch of this layout. */
  foreignBuffer: 'FOREIGN_BUFFER',
  /** A fixed-size shared table is full (holds per level, watchdog slots). */
  capacityExceeded: 'CAPACITY_EXCEEDED',
} as const;

/** A literal code of {@link KillSwitchError}. */
export type KillSwitchErrorCode = (typeof KILL_SWITCH_ERROR)[keyof typeof KILL_SWITCH_ERROR];

/**
 * Misuse of a kill switch: bad options or arguments, a missing authorization, a foreign buffer
 * given to `attach`, or a full shared table. Expected outcomes (a refused reset) are values, never
 * this error.
 *
 * @example
 * ```ts
 * try {
 *   ks.trip({ level: 'stopped' as never, source: 'ops', reason: '' });
 * } catch (e) {
 *   if (isKillSwitchError(e)) console.log(e.code, e.field, e.value); // INVALID_ARGUMENT level stopped
 * }
 * ```
 */
export class KillSwitchError extends Error {
  override readonly name = 'KillSwitchError';
  /** What went wrong. */
  readonly code: KillSwitchErrorCode;
  /** The option or argument at fault, e.g. `'options.resetCooldownMs'` or `'level'`. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;

  /**
   * @param code - what went wrong.
   * @param field - the option or argument at fault.
   * @param value - the offending value.
   * @param message - human-readable explanation naming the field and the value.
   */
  constructor(code: KillSwitchErrorCode, field: string, value: unknown, message: string) {
    super(message);
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

/**
 * @returns whether `e` is a {@link KillSwitchError}, also across realms (no `instanceof`).
 */
export function isKillSwitchError(e: unknown): e is KillSwitchError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'KillSwitchError' &&
    Object.values(KILL_SWITCH_ERROR).includes((e as { code?: unknown }).code as KillSwitchErrorCode)
  );
}
