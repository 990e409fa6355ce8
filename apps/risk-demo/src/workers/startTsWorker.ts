import { Worker, type WorkerOptions } from 'node:worker_threads';

const bootstrap = new URL('./bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread on a TypeScript module of this app, resolving `@tripwire/*` imports to
 * their sources (the same set-up `npm start` uses for the main thread).
 *
 * @param entry - URL of the worker module.
 * @param options - `workerData`, `transferList`, … as for `new Worker`.
 */
export function startTsWorker(entry: URL, options: WorkerOptions = {}): Worker {
  return new Worker(bootstrap, {
    ...options,
    argv: [entry.href],
    execArgv: ['--conditions=@tripwire/source'],
  });
}
