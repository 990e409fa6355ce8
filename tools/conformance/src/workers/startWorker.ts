import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Node flags that let a worker thread resolve `@tripwire/*` imports to their TypeScript sources
 * (the `@tripwire/source` export condition); `bootstrap.mjs` registers the tsx loader for them.
 */
export const WORKER_EXEC_ARGV: readonly string[] = ['--conditions=@tripwire/source'];

const bootstrap = new URL('./bootstrap.mjs', import.meta.url);

/** Result of {@link runWorker}: the message the worker posted last, and its exit code. */
export interface WorkerRun<T> {
  readonly message: T;
  readonly exitCode: number;
}

/**
 * Starts a worker thread on a TypeScript (or JavaScript) module of this workspace.
 *
 * @param entry - URL of the worker module, e.g. `new URL('./fixtures/w.ts', import.meta.url)`.
 * @param options - `workerData`, `transferList`, … as for `new Worker`.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  return new Worker(bootstrap, {
    ...options,
    argv: [entry.href, ...((options.argv as unknown[] | undefined) ?? [])],
    execArgv: [...WORKER_EXEC_ARGV, ...(options.execArgv ?? [])],
  });
}

/**
 * Runs a worker to completion and resolves with the last message it posted. Rejects when the
 * worker throws, exits non-zero, or posts nothing.
 */
export function runWorker<T>(entry: URL, options: WorkerOptions = {}): Promise<WorkerRun<T>> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(entry, options);
    let last: { value: T } | undefined;
    worker.on('message', (m: T) => {
      last = { value: m };
    });
    worker.once('error', reject);
    worker.once('exit', (exitCode) => {
      if (exitCode !== 0) reject(new Error(`worker ${entry.pathname} exited with ${exitCode}`));
      else if (last === undefined) reject(new Error(`worker ${entry.pathname} posted nothing`));
      else resolve({ message: last.value, exitCode });
    });
  });
}
