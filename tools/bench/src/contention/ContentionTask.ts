/** What one contention worker does in its loop. */
export type ContentionTask =
  | {
      /** `Atomics.add(counters, index, 1)` on the worker's own slot (or a shared one). */
      readonly kind: 'counter';
      readonly counters: Int32Array;
      readonly index: number;
    }
  | {
      /**
       * A module exporting `createOperation(payload): () => void`, imported in the worker; used
       * for our primitives so that this folder compiles without them.
       */
      readonly kind: 'module';
      readonly url: string;
      readonly payload: unknown;
    };

/** Message from main to a worker (its `workerData`). */
export interface WorkerInput {
  readonly task: ContentionTask;
  /** `[0]` becomes 1 when every worker may start. */
  readonly start: Int32Array;
  readonly durationMs: number;
  /** Operations between two clock reads. */
  readonly batch: number;
}

/** Message from a worker when done. */
export interface WorkerOutput {
  readonly ops: number;
  readonly elapsedNs: number;
  /** Time per operation of each batch, in ns. */
  readonly batchNs: number[];
}
