import { Worker } from 'node:worker_threads';
import type { Measured } from '../model/ScenarioResult.js';
import type { ContentionTask, WorkerInput, WorkerOutput } from './ContentionTask.js';

const bootstrap = new URL('./workerBootstrap.mjs', import.meta.url);
const workerEntry = new URL('./contentionWorker.ts', import.meta.url);

/** Options of {@link measureContention}. */
export interface ContentionOptions {
  /** Worker threads running at once. */
  readonly workers: number;
  /** The task of worker `i`. */
  readonly task: (worker: number) => ContentionTask;
  /** How long each worker runs, in ms. */
  readonly durationMs: number;
  /** Operations between two clock reads (default 1024). */
  readonly batch?: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

function startWorker(input: WorkerInput): {
  worker: Worker;
  ready: Promise<void>;
  done: Promise<WorkerOutput>;
} {
  const worker = new Worker(bootstrap, {
    workerData: input,
    argv: [workerEntry.href],
    execArgv: ['--conditions=@tripwire/source'],
  });
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  const done = new Promise<WorkerOutput>((resolve, reject) => {
    worker.on('message', (m: 'ready' | WorkerOutput) => {
      if (m === 'ready') onReady();
      else resolve(m);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`contention worker exited with ${code}`));
    });
  });
  return { worker, ready, done };
}

/**
 * Runs `workers` threads at once, each doing its task in a loop for `durationMs` after a common
 * start barrier, and reports time per operation per worker and throughput.
 *
 * @param options - see {@link ContentionOptions}.
 * @returns mean = mean over workers of elapsed / ops; p50 / p99 over every batch of every
 *   worker; throughput summed over workers.
 */
export async function measureContention(options: ContentionOptions): Promise<Measured> {
  const start = new Int32Array(new SharedArrayBuffer(4));
  const runs = Array.from({ length: options.workers }, (_, i) =>
    startWorker({
      task: options.task(i),
      start,
      durationMs: options.durationMs,
      batch: options.batch ?? 1024,
    }),
  );
  try {
    await Promise.all(runs.map((r) => r.ready));
    Atomics.store(start, 0, 1);
    Atomics.notify(start, 0);
    const outputs = await Promise.all(runs.map((r) => r.done));
    const perOp = outputs.map((o) => o.elapsedNs / o.ops);
    const batches = outputs.flatMap((o) => o.batchNs).sort((a, b) => a - b);
    const opsPerSec = outputs.map((o) => (o.ops * 1e9) / o.elapsedNs);
    const total = opsPerSec.reduce((a, b) => a + b, 0);
    return {
      meanNs: perOp.reduce((a, b) => a + b, 0) / perOp.length,
      p50Ns: percentile(batches, 50),
      p99Ns: percentile(batches, 99),
      minNs: batches[0] ?? Number.NaN,
      maxNs: batches[batches.length - 1] ?? Number.NaN,
      samples: batches.length,
      throughput: {
        workers: options.workers,
        totalOpsPerSec: total,
        perWorkerOpsPerSec: total / options.workers,
      },
    };
  } finally {
    await Promise.all(runs.map((r) => r.worker.terminate()));
  }
}
