import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_ENV } from '../env.js';
import { resultFileName } from '../collect/writeSuiteResult.js';
import type { SuiteResult } from '../model/ScenarioResult.js';
import type { SuiteFile } from './discoverSuites.js';
import { suiteArgs } from './suiteCommand.js';

/** Options of {@link runSuites}. */
export interface RunSuitesOptions {
  /** Workspace root (the suites' working directory). */
  readonly root: string;
  /** Directory where suite processes write their JSON. */
  readonly resultsDir: string;
  readonly smoke: boolean;
  /** Per-suite time limit in ms. */
  readonly timeoutMs: number;
  /** `inherit` shows mitata's tables; `ignore` keeps the output quiet (tests). */
  readonly output: 'inherit' | 'ignore';
  /**
   * Suites run at once (default 1). Keep 1 for real measurements; smoke runs may use more, since
   * their figures mean nothing.
   */
  readonly concurrency?: number;
  /** Called before each suite starts. */
  readonly onStart?: (suite: SuiteFile, index: number, total: number) => void;
}

/** What happened to one suite process. */
export interface SuiteOutcome {
  readonly suite: SuiteFile;
  readonly exitCode: number | null;
  readonly durationMs: number;
  /** The suite's JSON, when it wrote one. */
  readonly result?: SuiteResult;
  /** Why the suite has no usable result, when it has none. */
  readonly failure?: string;
}

/**
 * The line of a crashed suite's stderr that says what went wrong (the first `…Error: …` line),
 * or its last lines.
 *
 * @param stderr - the end of the suite's stderr.
 * @returns `: <line>` or an empty string.
 */
export function describeStderr(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const error = lines.find((l) => /^[\w.]*Error\b.*:/.test(l));
  const text = error ?? lines.slice(-3).join(' / ');
  return text === '' ? '' : `: ${text}`;
}

function runOne(suite: SuiteFile, options: RunSuitesOptions): Promise<SuiteOutcome> {
  const started = Date.now();
  const file = join(options.resultsDir, resultFileName(suite.id));
  rmSync(file, { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [BENCH_ENV.results]: options.resultsDir,
    [BENCH_ENV.suite]: suite.id,
    [BENCH_ENV.file]: suite.relativePath,
    [BENCH_ENV.smoke]: options.smoke ? '1' : '0',
  };
  if (process.stdout.isTTY !== true) env['NO_COLOR'] = '1';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, suiteArgs(suite.path), {
      cwd: options.root,
      env,
      stdio: ['ignore', options.output, options.output === 'inherit' ? 'inherit' : 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const durationMs = Date.now() - started;
      const result = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as SuiteResult)
        : undefined;
      let failure: string | undefined;
      if (signal !== null) failure = `killed by ${signal} (time limit ${options.timeoutMs} ms?)`;
      else if (code !== 0) failure = `exited with code ${String(code)}${describeStderr(stderr)}`;
      else if (result === undefined) failure = 'wrote no result';
      else if (result.scenarios.length === 0) failure = 'measured no scenario';
      resolve({
        suite,
        exitCode: code,
        durationMs,
        ...(result === undefined ? {} : { result }),
        ...(failure === undefined ? {} : { failure }),
      });
    });
  });
}

/**
 * Runs each suite in its own process, one after the other (never two at once when measuring:
 * they would measure each other), and returns the outcomes in the suites' order.
 *
 * @param suites - the suites, in order.
 * @param options - see {@link RunSuitesOptions}.
 * @returns one outcome per suite.
 */
export async function runSuites(
  suites: readonly SuiteFile[],
  options: RunSuitesOptions,
): Promise<SuiteOutcome[]> {
  mkdirSync(options.resultsDir, { recursive: true });
  const outcomes: SuiteOutcome[] = new Array<SuiteOutcome>(suites.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < suites.length) {
      const i = next++;
      const suite = suites[i] as SuiteFile;
      options.onStart?.(suite, i, suites.length);
      outcomes[i] = await runOne(suite, options);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 1, suites.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return outcomes;
}
