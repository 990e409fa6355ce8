// A contention worker: waits at the start barrier, then runs its operation in batches for a
// fixed time, timing each batch, and posts the counts.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput, WorkerOutput } from './ContentionTask.js';

const input = workerData as WorkerInput;
let op: () => void;
if (input.task.kind === 'counter') {
  const { counters, index } = input.task;
  op = () => {
    Atomics.add(counters, index, 1);
  };
} else {
  const mod = (await import(input.task.url)) as {
    createOperation: (payload: unknown) => () => void;
  };
  op = mod.createOperation(input.task.payload);
}
// Warm up so that the measured loop runs optimised code.
for (let i = 0; i < 20_000; i++) op();

parentPort?.postMessage('ready');
Atomics.wait(input.start, 0, 0);

const batchNs: number[] = [];
const batch = input.batch;
const t0 = performance.now();
const deadline = t0 + input.durationMs;
let ops = 0;
let now = t0;
while (now < deadline) {
  const b0 = now;
  for (let i = 0; i < batch; i++) op();
  now = performance.now();
  ops += batch;
  batchNs.push(((now - b0) * 1e6) / batch);
}
const output: WorkerOutput = { ops, elapsedNs: (now - t0) * 1e6, batchNs };
parentPort?.postMessage(output);
