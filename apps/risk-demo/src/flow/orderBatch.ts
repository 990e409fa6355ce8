/**
 * Layout of an order batch posted by a flow worker: a `Float64Array` of `n * ORDER_FIELDS`
 * numbers, transferred (not copied) to the main thread.
 */
export const ORDER_FIELD = {
  instrument: 0,
  strategy: 1,
  /** 0 buy, 1 sell. */
  side: 2,
  qty: 3,
  price: 4,
  /** When the worker generated the order (`performance.timeOrigin + performance.now()`). */
  createdAt: 5,
} as const;

/** Numbers per order in a batch. */
export const ORDER_FIELDS = 6;

/** Data every flow worker starts with. */
export interface FlowWorkerData {
  readonly worker: number;
  /** Orders per second this worker generates. */
  readonly ratePerSec: number;
  readonly instruments: readonly { tickSize: number; lotSize: number }[];
  readonly strategies: number;
  /** Shared `Float64Array`: latest reference price per instrument (0 = none yet). */
  readonly prices: SharedArrayBuffer;
  /** Shared `Float64Array`: position / maxPosition per instrument, in [-1, 1]. */
  readonly skew: SharedArrayBuffer;
  /** Shared `Int32Array`: [2k] orders posted by worker k, [2k + 1] orders processed by main. */
  readonly progress: SharedArrayBuffer;
  /** Pause while more than this many posted orders are not yet processed. */
  readonly maxBacklog: number;
}

/** A flow worker's message: an order batch, or `ready` once it is loaded. */
export type FlowMessage = Float64Array | { t: 'ready' };

/** Control messages from the main thread to a flow worker. */
export type FlowControl = { t: 'rate'; perSec: number } | { t: 'stop' };
