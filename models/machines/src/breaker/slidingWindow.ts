import type { BreakerModelOptions } from './BreakerModelOptions.js';

/** One recorded result in the window. `epoch` is its time bucket (0 for a count window). */
export interface WindowEntry {
  readonly epoch: number;
  readonly failure: boolean;
  readonly slow: boolean;
}

/** The window's counters, as `snapshot()` shows them. */
export interface WindowCounts {
  readonly calls: number;
  readonly failures: number;
  readonly slowCalls: number;
}

/**
 * The time bucket of instant `t`: `floor(t / (durationMs / buckets))` (DESIGN §3 item 8).
 *
 * @param options - resolved options with a time window
 * @param t - ms
 * @returns the bucket epoch; 0 for a count window
 */
export function epochAt(options: BreakerModelOptions, t: number): number {
  const w = options.window;
  return w.type === 'time' ? Math.floor(t / (w.durationMs / w.buckets)) : 0;
}

/**
 * Ages the window at time `now`: a time window keeps the epochs in `(E - buckets, E]` with
 * `E = epochAt(now)`, however long the gap; a count window never ages.
 *
 * @returns the entries still in the window
 */
export function ageWindow(
  options: BreakerModelOptions,
  entries: readonly WindowEntry[],
  now: number,
): readonly WindowEntry[] {
  const w = options.window;
  if (w.type === 'count') return entries;
  const oldest = epochAt(options, now) - w.buckets;
  return entries.every((e) => e.epoch > oldest) ? entries : entries.filter((e) => e.epoch > oldest);
}

/**
 * Records one result at `now` (after aging): a count window keeps the last `size` results.
 *
 * @param durationMs - the call's duration; slow when `> slowCallMs` (strict), never when absent
 */
export function recordInWindow(
  options: BreakerModelOptions,
  entries: readonly WindowEntry[],
  now: number,
  failure: boolean,
  durationMs: number | undefined,
): readonly WindowEntry[] {
  const slow =
    options.slowCallMs !== undefined && durationMs !== undefined && durationMs > options.slowCallMs;
  const next = [
    ...ageWindow(options, entries, now),
    { epoch: epochAt(options, now), failure, slow },
  ];
  const w = options.window;
  return w.type === 'count' && next.length > w.size ? next.slice(next.length - w.size) : next;
}

/** @returns calls, failures and slow calls of `entries`. */
export function countWindow(entries: readonly WindowEntry[]): WindowCounts {
  let failures = 0;
  let slowCalls = 0;
  for (const e of entries) {
    if (e.failure) failures += 1;
    if (e.slow) slowCalls += 1;
  }
  return { calls: entries.length, failures, slowCalls };
}
