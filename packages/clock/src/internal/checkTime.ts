import { CLOCK_ERROR, ClockError } from '../errors/ClockError.js';

/** Throws a {@link ClockError} naming `field` unless `value` is a finite number. */
export function checkFinite(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ClockError(
      CLOCK_ERROR.invalidTime,
      field,
      value,
      `${field} must be a finite number of milliseconds, got ${String(value)}`,
    );
  }
}

/** Throws unless `step` is a finite, non-negative number of milliseconds. */
export function checkStep(field: string, step: unknown): asserts step is number {
  checkFinite(field, step);
  if (step < 0) {
    throw new ClockError(
      CLOCK_ERROR.backwards,
      field,
      step,
      `${field} must be >= 0 (a clock never goes backwards), got ${step}`,
    );
  }
}

/** Throws unless moving from `current` to `next` keeps the clock monotonic. */
export function checkForward(
  field: string,
  current: number,
  next: unknown,
): asserts next is number {
  checkFinite(field, next);
  if (next < current) {
    throw new ClockError(
      CLOCK_ERROR.backwards,
      field,
      next,
      `${field} ${next} is before the current time ${current}: a clock never goes backwards`,
    );
  }
}
