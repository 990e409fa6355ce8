/**
 * Formats a duration given in nanoseconds with three significant digits and a unit.
 *
 * @param ns - nanoseconds.
 * @returns e.g. `0.412 ns`, `47.0 ns`, `8.70 µs`, `1.20 ms`, or `n/a` when not finite.
 */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return 'n/a';
  const [value, unit] = ns >= 1e6 ? [ns / 1e6, 'ms'] : ns >= 1e3 ? [ns / 1e3, 'µs'] : [ns, 'ns'];
  return `${value.toPrecision(3)} ${unit}`;
}

/**
 * Formats a ratio.
 *
 * @param r - a ratio.
 * @returns e.g. `2.31x`, `0.051x`, or `n/a` when not finite.
 */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return 'n/a';
  return `${r >= 10 ? r.toFixed(0) : r.toPrecision(2)}x`;
}

/**
 * Formats a rate with thousands separators.
 *
 * @param perSec - operations per second.
 * @returns e.g. `1,234,567/s`.
 */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec)) return 'n/a';
  return `${Math.round(perSec).toLocaleString('en-US')}/s`;
}
