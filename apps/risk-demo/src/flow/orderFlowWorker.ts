// Order flow generator (one worker thread): every `TICK_MS` it generates the orders due at its
// rate and posts them as one transferred Float64Array batch. Prices come from the shared
// reference prices; sides lean against the current position (shared skew) so positions mean-revert.
import { parentPort, workerData } from 'node:worker_threads';
import { ORDER_FIELDS, type FlowControl, type FlowWorkerData } from './orderBatch.js';

const TICK_MS = 5;
const data = workerData as FlowWorkerData;
const prices = new Float64Array(data.prices);
const skew = new Float64Array(data.skew);
const progress = new Int32Array(data.progress);
const posted = 2 * data.worker;
const processed = posted + 1;
// Idle until the main thread says go: every worker is loaded by then, so compiling one worker
// does not starve the pipeline while the other already sends orders.
let rate = 0;
let last = performance.now();
let carry = 0;

function tick(): void {
  const now = performance.now();
  const due = (rate * (now - last)) / 1000 + carry;
  last = now;
  // Backpressure: the main thread publishes how many of our orders it has processed.
  const backlog = Atomics.load(progress, posted) - Atomics.load(progress, processed);
  if (backlog > data.maxBacklog) {
    carry = 0;
    return;
  }
  const n = Math.floor(due);
  carry = due - n;
  if (n <= 0) return;
  const batch = new Float64Array(n * ORDER_FIELDS);
  const createdAt = performance.timeOrigin + now;
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = Math.floor(Math.random() * data.instruments.length);
    const spec = data.instruments[i];
    const ref = prices[i] ?? 0;
    if (spec === undefined || ref <= 0) continue;
    const buy = Math.random() < 0.5 - 0.45 * (skew[i] ?? 0);
    const offsetBps = (Math.random() * 2 - 0.5) * 6 * (buy ? 1 : -1);
    const price = Math.round((ref * (1 + offsetBps / 10_000)) / spec.tickSize) * spec.tickSize;
    batch[k++] = i;
    batch[k++] = Math.floor(Math.random() * data.strategies);
    batch[k++] = buy ? 0 : 1;
    batch[k++] = spec.lotSize * (1 + Math.floor(Math.random() * 10));
    batch[k++] = Number(price.toPrecision(12));
    batch[k++] = createdAt;
  }
  if (k === 0) return;
  const out = k === batch.length ? batch : batch.slice(0, k);
  Atomics.add(progress, posted, k / ORDER_FIELDS);
  parentPort?.postMessage(out, [out.buffer]);
}

const timer = setInterval(tick, TICK_MS);
parentPort?.postMessage({ t: 'ready' });
parentPort?.on('message', (m: FlowControl) => {
  if (m.t === 'rate') rate = m.perSec;
  else {
    clearInterval(timer);
    parentPort?.close();
  }
});
