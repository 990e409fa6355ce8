// Worker side of the interleaving explorer. Installs the scheduling hook BEFORE importing the
// program module (and through it the primitive under test), so the primitive's facade sees the
// hook at module load. Then runs the program's thread function once per `run` message, parking
// at every shared-memory access until the scheduler grants this thread the turn.
import { parentPort, workerData } from 'node:worker_threads';
import {
  CONTROL,
  SCHEDULING_HOOK_GLOBAL,
  THREAD_STATUS,
  opCode,
  threadWord,
  type SchedulingHook,
} from './control.js';

interface SchedulingWorkerData {
  control: SharedArrayBuffer;
  thread: number;
  program: string;
}

interface RunMessage {
  type: 'run';
  run: number;
  init: unknown;
}

const { control, thread, program } = workerData as SchedulingWorkerData;
const words = new Int32Array(control);
const statusWord = threadWord(thread, CONTROL.status);
let active = false;

function setStatus(status: number): void {
  Atomics.store(words, statusWord, status);
  Atomics.add(words, CONTROL.events, 1);
  Atomics.notify(words, CONTROL.events);
}

/** Parks this thread until the scheduler hands it the turn. */
const hook: SchedulingHook = (op, _array, index) => {
  if (!active) return; // accesses outside a run (module init, setup) are not scheduled
  Atomics.store(words, threadWord(thread, CONTROL.op), opCode(op));
  Atomics.store(words, threadWord(thread, CONTROL.index), index);
  setStatus(THREAD_STATUS.parked);
  for (;;) {
    const turn = Atomics.load(words, CONTROL.turn);
    if (turn === thread) break;
    Atomics.wait(words, CONTROL.turn, turn);
  }
  // Consume the grant: the scheduler waits for our next park (events) before granting again.
  Atomics.store(words, CONTROL.turn, -1);
  Atomics.store(words, statusWord, THREAD_STATUS.running);
};
(globalThis as Record<string, unknown>)[SCHEDULING_HOOK_GLOBAL] = hook;

type ThreadFn = (thread: number, init: unknown) => unknown;
const mod = (await import(program)) as { default?: ThreadFn; thread?: ThreadFn };
const run = mod.default ?? mod.thread;
if (typeof run !== 'function') {
  throw new Error(`${program} must export a default function (thread, init) => result`);
}

parentPort?.on('message', (message: RunMessage) => {
  if (message.type !== 'run') return;
  active = true;
  // Start only when granted, so the scheduler decides the first step too.
  hook('start', null, -1);
  let result: unknown;
  let error: string | undefined;
  try {
    result = run(thread, message.init);
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  active = false;
  // Post before signalling: the scheduler collects the message after all threads are done.
  parentPort?.postMessage({ run: message.run, thread, result, error });
  setStatus(error === undefined ? THREAD_STATUS.done : THREAD_STATUS.failed);
});
parentPort?.postMessage({ ready: thread });
