/**
 * Environment variables through which the runner tells a suite process what to do. A suite can
 * also be run by hand without any of them: it then prints mitata's table and writes nothing.
 */
export const BENCH_ENV = {
  /** Directory where a suite process writes `<suite id>.json`. */
  results: 'TRIPWIRE_BENCH_RESULTS',
  /** `1`: smoke mode, a few samples per benchmark, only to prove the suites still run. */
  smoke: 'TRIPWIRE_BENCH_SMOKE',
  /** Id of the suite being run (`bench/baselines`, `circuit-breaker/acquire`, …). */
  suite: 'TRIPWIRE_BENCH_SUITE',
  /** Path of the suite file, relative to the workspace root. */
  file: 'TRIPWIRE_BENCH_FILE',
} as const;

/**
 * Whether this process runs in smoke mode.
 *
 * @param env - environment to read; defaults to `process.env`.
 * @returns `true` when `TRIPWIRE_BENCH_SMOKE=1`.
 */
export function isSmoke(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[BENCH_ENV.smoke] === '1';
}
