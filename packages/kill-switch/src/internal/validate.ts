import { KILL_SWITCH_ERROR, KillSwitchError } from '../errors/KillSwitchError.js';
import { LEVEL, type KillSwitchLevel } from '../levels.js';
import { utf8 } from './text.js';

function invalid(field: string, value: unknown, expected: string): KillSwitchError {
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    shown = Object.prototype.toString.call(value);
  }
  return new KillSwitchError(
    KILL_SWITCH_ERROR.invalidArgument,
    field,
    value,
    `${field} must be ${expected}, got ${shown}`,
  );
}

/** @returns the stored integer of a level name; throws naming `field` for anything else. */
export function checkLevel(field: string, value: unknown): number {
  if (typeof value === 'string' && Object.hasOwn(LEVEL, value)) {
    return LEVEL[value as KillSwitchLevel];
  }
  throw invalid(field, value, `one of 'active', 'reducing', 'halted'`);
}

/**
 * @returns the UTF-8 bytes of a string argument no longer than `maxBytes`, non-empty when
 * `nonEmpty`; throws naming `field` otherwise.
 */
export function checkText(
  field: string,
  value: unknown,
  maxBytes: number,
  nonEmpty: boolean,
): Uint8Array {
  if (typeof value !== 'string') throw invalid(field, value, 'a string');
  if (nonEmpty && value.length === 0) throw invalid(field, value, 'a non-empty string');
  const bytes = utf8(value);
  if (bytes.length > maxBytes) {
    throw invalid(field, value, `at most ${maxBytes} UTF-8 bytes (it is ${bytes.length})`);
  }
  return bytes;
}

/** Throws naming `field` unless `value` is a finite number >= `min` (> min when `exclusive`). */
export function checkNumber(
  field: string,
  value: unknown,
  min: number,
  exclusive: boolean,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (exclusive && value === min)
  ) {
    throw invalid(field, value, `a finite number ${exclusive ? '>' : '>='} ${min}`);
  }
  return value;
}

/** Throws naming `field` unless `value` is an integer in [min, max]. */
export function checkInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, value, `an integer in [${min}, ${max}]`);
  }
  return value;
}

/** Throws naming `field` unless `value` is a function. */
export function checkFunction(field: string, value: unknown): void {
  if (typeof value !== 'function') throw invalid(field, value, 'a function');
}

/** Throws naming `field` unless `value` is an object (not null). */
export function checkObject(field: string, value: unknown): asserts value is object {
  if (typeof value !== 'object' || value === null) throw invalid(field, value, 'an object');
}

/** Throws naming `field` unless `value` has a `now()` method. */
export function checkClock(field: string, value: unknown): void {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { now?: unknown }).now !== 'function'
  ) {
    throw invalid(field, value, 'a Clock (an object with now())');
  }
}
