import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_ENV } from '../env.js';
import type { SuiteResult } from '../model/ScenarioResult.js';

/**
 * File name of a suite's result: its id with `/` replaced, so every suite gets one flat file.
 *
 * @param suite - suite id such as `latency/record`.
 * @returns e.g. `latency__record.json`.
 */
export function resultFileName(suite: string): string {
  return `${suite.replaceAll('/', '__')}.json`;
}

/**
 * Writes a suite's result into the results directory named by `TRIPWIRE_BENCH_RESULTS`; does
 * nothing when it is unset (a suite run by hand).
 *
 * @param result - the suite's result.
 * @param env - environment to read; defaults to `process.env`.
 * @returns the path written, or `undefined` when nothing was written.
 */
export function writeSuiteResult(
  result: SuiteResult,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const dir = env[BENCH_ENV.results];
  if (dir === undefined || dir === '') return undefined;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, resultFileName(result.suite));
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/**
 * Notes for the files a suite was not allowed to write in smoke mode.
 *
 * @param skipped - the paths.
 * @returns one note per path.
 */
export function smokeNotes(skipped: readonly string[]): string[] {
  return skipped.map(
    (p) => `smoke mode: skipped writing ${p} (smoke figures must not replace real ones)`,
  );
}
