import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../workers/startTsWorker.js';
import {
  ORDER_FIELDS,
  type FlowControl,
  type FlowMessage,
  type FlowWorkerData,
} from './orderBatch.js';

/** Options of {@link OrderFlow}. */
export interface OrderFlowOptions {
  /** Worker threads generating orders. @defaultValue 2 */
  readonly workers?: number;
  /** Orders per second in total. */
  readonly ratePerSec: number;
  readonly instruments: readonly { tickSize: number; lotSize: number }[];
  readonly strategies: number;
  /** Called in the main thread with every batch (see `ORDER_FIELD`). */
  readonly onBatch: (batch: Float64Array) => void;
}

/**
 * The order flow generator: worker threads that post batches of orders to the main thread, with
 * shared reference prices and position skew, and backpressure through a shared progress array.
 */
export class OrderFlow {
  /** Latest reference price per instrument, read by the workers. */
  readonly prices: Float64Array;
  /** Position / maxPosition per instrument, read by the workers. */
  readonly skew: Float64Array;
  private readonly progress: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly options: OrderFlowOptions;
  private running = false;

  constructor(options: OrderFlowOptions) {
    this.options = options;
    const n = options.instruments.length;
    this.prices = new Float64Array(new SharedArrayBuffer(8 * n));
    this.skew = new Float64Array(new SharedArrayBuffer(8 * n));
    this.progress = new Int32Array(new SharedArrayBuffer(4 * 2 * (options.workers ?? 2)));
  }

  /** Starts the workers; once every one is loaded, they all start generating at the rate. */
  async start(): Promise<void> {
    const count = this.options.workers ?? 2;
    const ready: Promise<void>[] = [];
    for (let w = 0; w < count; w++) {
      const workerData: FlowWorkerData = {
        worker: w,
        ratePerSec: this.options.ratePerSec / count,
        instruments: this.options.instruments.map((i) => ({
          tickSize: i.tickSize,
          lotSize: i.lotSize,
        })),
        strategies: this.options.strategies,
        prices: this.prices.buffer as SharedArrayBuffer,
        skew: this.skew.buffer as SharedArrayBuffer,
        progress: this.progress.buffer as SharedArrayBuffer,
        maxBacklog: Math.max(2_000, this.options.ratePerSec / count / 10),
      };
      const worker = startTsWorker(new URL('./orderFlowWorker.ts', import.meta.url), {
        workerData,
      });
      let loaded: () => void = () => undefined;
      ready.push(new Promise((resolve) => (loaded = resolve)));
      worker.on('message', (m: FlowMessage) => {
        if (!(m instanceof Float64Array)) {
          loaded();
          return;
        }
        this.options.onBatch(m);
        Atomics.add(this.progress, 2 * w + 1, m.length / ORDER_FIELDS);
      });
      worker.on('error', (e) => {
        console.error(`order flow worker ${w} failed:`, e);
      });
      this.workers.push(worker);
    }
    this.running = true;
    await Promise.all(ready);
    this.setRate(this.options.ratePerSec);
  }

  /** Changes the total rate (orders per second). */
  setRate(perSec: number): void {
    const msg: FlowControl = { t: 'rate', perSec: perSec / Math.max(1, this.workers.length) };
    for (const w of this.workers) w.postMessage(msg);
  }

  /** Stops generating and ends the workers. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const msg: FlowControl = { t: 'stop' };
    await Promise.all(
      this.workers.map(async (w) => {
        w.postMessage(msg);
        const timer = setTimeout(() => void w.terminate(), 1_000);
        await new Promise((resolve) => w.once('exit', resolve));
        clearTimeout(timer);
      }),
    );
    this.workers.length = 0;
  }
}
