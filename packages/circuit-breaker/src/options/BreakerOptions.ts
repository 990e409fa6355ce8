import { systemClock, type Clock } from '@tripwire/clock';
import { InvalidBreakerOptionsError } from '../errors/InvalidBreakerOptionsError.js';
import { MAX_SLOTS } from '../state/permit.js';

/** The last `size` recorded results. */
export interface CountWindowOptions {
  readonly type: 'count';
  /** Results kept, 1 .. 65 536. */
  readonly size: number;
}

/** The results of the last `durationMs`, aged out in `buckets` equal buckets. */
export interface TimeWindowOptions {
  readonly type: 'time';
  readonly durationMs: number;
  /** 1 .. 1 024. */
  readonly buckets: number;
}

/** The n-th consecutive open lasts `min(openMs * factor^(n-1), maxMs)`. */
export interface OpenBackoffOptions {
  /** `>= 1`. */
  readonly factor: number;
  readonly maxMs: number;
}

/** Half-open probing. */
export interface HalfOpenOptions {
  /** Probe admissions per generation, 1 .. 1 024. */
  readonly permits: number;
  /** Successes of one generation that close the breaker, `<= permits`. */
  readonly successesToClose: number;
  /** A probe not reported within this many ms counts as a failure. */
  readonly leaseMs: number;
}

/**
 * Options of `new CircuitBreaker(options)` (DESIGN §3). Every field is optional; the defaults are
 * the ones DESIGN §3 shows.
 */
export interface CircuitBreakerOptions {
  /** @defaultValue `systemClock` */
  readonly clock?: Clock;
  /** @defaultValue `{ type: 'count', size: 20 }` */
  readonly window?: CountWindowOptions | TimeWindowOptions;
  /** Rate rules apply only when the window holds this many calls (clamped to a count window's size). @defaultValue 10 */
  readonly minimumCalls?: number;
  /** Open when `failures / calls >= threshold`, in (0, 1]. @defaultValue 0.5 */
  readonly failureRateThreshold?: number;
  /** Open after this many consecutive failures (ignores minimumCalls). @defaultValue 5 */
  readonly consecutiveFailures?: number;
  /** A call is slow when its duration `>` this; `undefined` disables the slow-call rule. @defaultValue undefined */
  readonly slowCallMs?: number | undefined;
  /** Open when `slowCalls / calls >= threshold`, in (0, 1]. @defaultValue 1 */
  readonly slowCallRateThreshold?: number;
  /** Break duration. @defaultValue 5 000 */
  readonly openMs?: number;
  /** Re-open backoff; pass `undefined` explicitly to make every open last `openMs`. @defaultValue `{ factor: 2, maxMs: 60_000 }` */
  readonly openBackoff?: OpenBackoffOptions | undefined;
  /** @defaultValue `{ permits: 3, successesToClose: 3, leaseMs: 10_000 }` */
  readonly halfOpen?: Partial<HalfOpenOptions>;
  /** Which errors thrown inside `execute()` count as failures. @defaultValue every error */
  readonly isFailure?: (error: unknown) => boolean;
}

/** The serialisable part of the options, defaulted and validated: what a handle carries. */
export interface ResolvedBreakerOptions {
  readonly window: CountWindowOptions | TimeWindowOptions;
  readonly minimumCalls: number;
  readonly failureRateThreshold: number;
  readonly consecutiveFailures: number;
  readonly slowCallMs: number | undefined;
  readonly slowCallRateThreshold: number;
  readonly openMs: number;
  readonly openBackoff: OpenBackoffOptions | undefined;
  readonly halfOpen: HalfOpenOptions;
}

/** Largest count window. */
export const MAX_COUNT_WINDOW = 65_536;
/** Largest number of time buckets. */
export const MAX_BUCKETS = 1_024;

const DEFAULT_BACKOFF: OpenBackoffOptions = Object.freeze({ factor: 2, maxMs: 60_000 });
const DEFAULT_HALF_OPEN: HalfOpenOptions = Object.freeze({
  permits: 3,
  successesToClose: 3,
  leaseMs: 10_000,
});

function positive(field: string, value: unknown): number {
  if (typeof value !== 'number' || !(Number.isFinite(value) && value > 0)) {
    throw new InvalidBreakerOptionsError(field, value, 'a positive finite number');
  }
  return value;
}

function integerIn(field: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new InvalidBreakerOptionsError(field, value, `an integer in [1, ${max}]`);
  }
  return value;
}

function fraction(field: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new InvalidBreakerOptionsError(field, value, 'a number in (0, 1]');
  }
  return value;
}

function objectOrDefault<T>(field: string, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'object' || value === null) {
    throw new InvalidBreakerOptionsError(field, value, 'an object');
  }
  return value as T;
}

function resolveWindow(value: unknown): CountWindowOptions | TimeWindowOptions {
  const w = objectOrDefault<{
    type?: unknown;
    size?: unknown;
    durationMs?: unknown;
    buckets?: unknown;
  }>('window', value, { type: 'count', size: 20 });
  if (w.type === 'count') {
    return Object.freeze({
      type: 'count',
      size: integerIn('window.size', w.size, MAX_COUNT_WINDOW),
    });
  }
  if (w.type === 'time') {
    return Object.freeze({
      type: 'time',
      durationMs: positive('window.durationMs', w.durationMs),
      buckets: integerIn('window.buckets', w.buckets, MAX_BUCKETS),
    });
  }
  throw new InvalidBreakerOptionsError('window.type', w.type, "'count' or 'time'");
}

/**
 * Fills in the DESIGN §3 defaults and validates every field.
 *
 * @param options - what the user passed (a handle's `options` is accepted as is)
 * @returns the serialisable options, frozen
 * @throws {@link InvalidBreakerOptionsError} naming the first bad field and its value
 */
export function resolveBreakerOptions(options: CircuitBreakerOptions = {}): ResolvedBreakerOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidBreakerOptionsError('options', options, 'an object');
  }
  const window = resolveWindow(options.window);
  const minimumCalls = integerIn(
    'minimumCalls',
    options.minimumCalls ?? 10,
    Number.MAX_SAFE_INTEGER,
  );
  const failureRateThreshold = fraction(
    'failureRateThreshold',
    options.failureRateThreshold ?? 0.5,
  );
  const consecutiveFailures = integerIn(
    'consecutiveFailures',
    options.consecutiveFailures ?? 5,
    Number.MAX_SAFE_INTEGER,
  );
  const slowCallMs =
    options.slowCallMs === undefined ? undefined : positive('slowCallMs', options.slowCallMs);
  const slowCallRateThreshold = fraction(
    'slowCallRateThreshold',
    options.slowCallRateThreshold ?? 1,
  );
  const openMs = positive('openMs', options.openMs ?? 5_000);
  let openBackoff: OpenBackoffOptions | undefined;
  if ('openBackoff' in options && options.openBackoff === undefined) {
    openBackoff = undefined;
  } else {
    const b = objectOrDefault<{ factor?: unknown; maxMs?: unknown }>(
      'openBackoff',
      options.openBackoff,
      DEFAULT_BACKOFF,
    );
    const factor = positive('openBackoff.factor', b.factor);
    if (factor < 1) throw new InvalidBreakerOptionsError('openBackoff.factor', factor, '>= 1');
    openBackoff = Object.freeze({ factor, maxMs: positive('openBackoff.maxMs', b.maxMs) });
  }
  const h = objectOrDefault<Partial<HalfOpenOptions>>('halfOpen', options.halfOpen, {});
  const permits = integerIn('halfOpen.permits', h.permits ?? DEFAULT_HALF_OPEN.permits, MAX_SLOTS);
  const successesToClose = integerIn(
    'halfOpen.successesToClose',
    h.successesToClose ?? DEFAULT_HALF_OPEN.successesToClose,
    permits,
  );
  const leaseMs = positive('halfOpen.leaseMs', h.leaseMs ?? DEFAULT_HALF_OPEN.leaseMs);
  if (
    options.clock !== undefined &&
    typeof (options.clock as { now?: unknown }).now !== 'function'
  ) {
    throw new InvalidBreakerOptionsError('clock', options.clock, 'an object with now(): number');
  }
  if (options.isFailure !== undefined && typeof options.isFailure !== 'function') {
    throw new InvalidBreakerOptionsError('isFailure', options.isFailure, 'a function');
  }
  return Object.freeze({
    window,
    minimumCalls: window.type === 'count' ? Math.min(minimumCalls, window.size) : minimumCalls,
    failureRateThreshold,
    consecutiveFailures,
    slowCallMs,
    slowCallRateThreshold,
    openMs,
    openBackoff,
    halfOpen: Object.freeze({ permits, successesToClose, leaseMs }),
  });
}

/** @returns the clock of the options, default `systemClock`. */
export function clockOf(options: { clock?: Clock }): Clock {
  return options.clock ?? systemClock;
}

/**
 * The break duration of the `openCount`-th consecutive open.
 *
 * @returns `openMs`, or `min(openMs * factor^(openCount - 1), maxMs)` with a backoff
 */
export function openDuration(options: ResolvedBreakerOptions, openCount: number): number {
  const b = options.openBackoff;
  if (b === undefined) return options.openMs;
  return Math.min(options.openMs * b.factor ** Math.max(0, openCount - 1), b.maxMs);
}

/**
 * A 32-bit FNV-1a digest of the canonical JSON of resolved options, stored in the buffer header
 * so `attach` refuses a handle whose options are not the ones the buffer was laid out for.
 */
export function optionsDigest(options: ResolvedBreakerOptions): number {
  const text = JSON.stringify([
    options.window.type,
    options.window.type === 'count' ? options.window.size : options.window.durationMs,
    options.window.type === 'count' ? 0 : options.window.buckets,
    options.minimumCalls,
    options.failureRateThreshold,
    options.consecutiveFailures,
    options.slowCallMs ?? null,
    options.slowCallRateThreshold,
    options.openMs,
    options.openBackoff?.factor ?? null,
    options.openBackoff?.maxMs ?? null,
    options.halfOpen.permits,
    options.halfOpen.successesToClose,
    options.halfOpen.leaseMs,
  ]);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
