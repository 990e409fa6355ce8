import type { MitataRunOutput } from './fromMitata.js';

/**
 * Process-wide record of what mitata measured, shared by the collector preload, the mitata shim
 * and `runSuite` through `globalThis` (so that two copies of this module, loaded under different
 * URLs, still see one record).
 */
export interface BenchRegistry {
  /** Every `run()` output of this process, in order. */
  readonly runs: MitataRunOutput[];
  /** Set once `runSuite` has written this process's result, so the preload does not. */
  written: boolean;
  /** Files a suite tried to write in smoke mode and was not allowed to. */
  readonly skippedWrites: string[];
}

const KEY = Symbol.for('tripwire.bench.registry');

/**
 * The registry of this process, created on first use.
 *
 * @returns the one registry of this process.
 */
export function benchRegistry(): BenchRegistry {
  const g = globalThis as { [KEY]?: BenchRegistry };
  g[KEY] ??= { runs: [], written: false, skippedWrites: [] };
  return g[KEY];
}
