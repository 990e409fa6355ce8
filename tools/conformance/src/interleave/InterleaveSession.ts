import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/startWorker.js';
import {
  CONTROL,
  OP_CODES,
  THREAD_STATUS,
  controlBytes,
  threadWord,
  type OpName,
} from './control.js';
import { roundRobinStrategy, type Strategy } from './strategies.js';

const schedulingWorker = new URL('./schedulingWorker.ts', import.meta.url);

/** Options of {@link InterleaveSession.start}. */
export interface InterleaveSessionOptions {
  /**
   * URL of the program module. Its default export `(thread: number, init) => result` is the code
   * of one logical thread; it runs in a worker whose primitives' facades park at every
   * shared-memory access.
   */
  program: URL;
  /** Number of logical threads (one worker each). */
  threads: number;
  /** How long a thread may run between two scheduling points before the run fails (ms). */
  stepTimeoutMs?: number;
}

/** Options of one {@link InterleaveSession.run}. */
export interface RunOptions {
  /**
   * Steps after which the strategy is replaced by round robin (so lock-free retry loops that a
   * biased strategy starves still finish); the outcome reports `fairFallback`.
   */
  maxSteps?: number;
}

/** One scheduling decision: which thread ran which access. */
export interface Step {
  readonly thread: number;
  readonly op: OpName;
  readonly index: number;
}

/** What one run produced. */
export interface RunOutcome {
  /** Result returned by each thread (undefined where it threw). */
  readonly results: unknown[];
  /** Error thrown by each thread, as `Name: message`. */
  readonly errors: (string | undefined)[];
  /** Every scheduling decision in order. */
  readonly trace: Step[];
  /** Index into the enabled threads chosen at each step (replay with `choicesStrategy`). */
  readonly choices: number[];
  /** Number of enabled threads at each step (for exhaustive enumeration). */
  readonly enabledCounts: number[];
  /** True when `maxSteps` was hit and the rest of the run was round robin. */
  readonly fairFallback: boolean;
  /** The strategy's name, for failure messages. */
  readonly strategy: string;
}

interface ThreadMessage {
  run: number;
  thread: number;
  result: unknown;
  error: string | undefined;
}

/**
 * Runs N logical threads of real implementation code with one deterministic schedule per run.
 * Each thread is a worker; before every shared-memory access (the primitive's facade calls the
 * scheduling hook) it parks until the scheduler, on this thread, grants it the turn, so exactly
 * one access happens at a time, in the order the strategy chooses. The scheduler blocks this
 * thread with `Atomics.wait` while the threads run (Node allows that on the main thread).
 *
 * @example
 * ```ts
 * const session = await InterleaveSession.start({ program: new URL('./prog.ts', import.meta.url), threads: 2 });
 * const outcome = await session.run(breaker.share(), randomStrategy(42));
 * await session.close();
 * ```
 */
export class InterleaveSession {
  readonly threads: number;
  readonly #workers: Worker[];
  readonly #words: Int32Array;
  readonly #stepTimeoutMs: number;
  #runId = 0;
  #pending = new Map<number, ThreadMessage>();
  #onMessage: (() => void) | undefined;

  private constructor(workers: Worker[], words: Int32Array, stepTimeoutMs: number) {
    this.threads = workers.length;
    this.#workers = workers;
    this.#words = words;
    this.#stepTimeoutMs = stepTimeoutMs;
    for (const worker of workers) {
      worker.on('message', (m: ThreadMessage | { ready: number }) => {
        if ('ready' in m || m.run !== this.#runId) return;
        this.#pending.set(m.thread, m);
        this.#onMessage?.();
      });
    }
  }

  /** Starts the worker threads and waits until each has loaded the program. */
  static async start(options: InterleaveSessionOptions): Promise<InterleaveSession> {
    const { program, threads } = options;
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
      throw new RangeError(`threads must be an integer in [1, 64], got ${threads}`);
    }
    const control = new SharedArrayBuffer(controlBytes(threads));
    const words = new Int32Array(control);
    Atomics.store(words, CONTROL.turn, -1);
    const workers: Worker[] = [];
    const ready: Promise<void>[] = [];
    for (let thread = 0; thread < threads; thread++) {
      const worker = startWorker(schedulingWorker, {
        workerData: { control, thread, program: program.href },
      });
      workers.push(worker);
      ready.push(
        new Promise((resolve, reject) => {
          worker.once('error', reject);
          worker.on('message', (m: { ready?: number }) => {
            if (m.ready === thread) resolve();
          });
        }),
      );
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new InterleaveSession(workers, words, options.stepTimeoutMs ?? 10_000);
  }

  /**
   * Runs every thread once on `init` (structured-cloned to each worker) under `strategy`.
   * @throws Error when a thread neither parks nor finishes within the step timeout.
   */
  async run(init: unknown, strategy: Strategy, options: RunOptions = {}): Promise<RunOutcome> {
    const maxSteps = options.maxSteps ?? 100_000;
    const words = this.#words;
    const run = ++this.#runId;
    this.#pending = new Map();
    Atomics.store(words, CONTROL.turn, -1);
    Atomics.store(words, CONTROL.run, run);
    for (let t = 0; t < this.threads; t++) {
      Atomics.store(words, threadWord(t, CONTROL.status), THREAD_STATUS.idle);
    }
    for (const worker of this.#workers) worker.postMessage({ type: 'run', run, init });

    const trace: Step[] = [];
    const choices: number[] = [];
    const enabledCounts: number[] = [];
    let current = -1;
    let fairFallback = false;
    for (let step = 0; ; step++) {
      const enabled = this.#awaitQuiescence();
      if (enabled.length === 0) break;
      let chooser = strategy;
      if (step >= maxSteps) {
        fairFallback = true;
        chooser = roundRobinStrategy;
      }
      const thread = chooser.pick(enabled, step, current);
      const position = enabled.indexOf(thread);
      if (position < 0) throw new Error(`${strategy.name} picked thread ${thread}, not enabled`);
      trace.push({
        thread,
        op: OP_CODES[Atomics.load(words, threadWord(thread, CONTROL.op))] ?? 'other',
        index: Atomics.load(words, threadWord(thread, CONTROL.index)),
      });
      choices.push(position);
      enabledCounts.push(enabled.length);
      // Mark it running before the grant, so the next quiescence check waits for it to park.
      Atomics.store(words, threadWord(thread, CONTROL.status), THREAD_STATUS.running);
      Atomics.store(words, CONTROL.turn, thread);
      Atomics.notify(words, CONTROL.turn);
      current = thread;
    }
    const messages = await this.#collect();
    return {
      results: messages.map((m) => m.result),
      errors: messages.map((m) => m.error),
      trace,
      choices,
      enabledCounts,
      fairFallback,
      strategy: strategy.name,
    };
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  /** Blocks until no thread is running; returns the parked ones (empty when all finished). */
  #awaitQuiescence(): number[] {
    const words = this.#words;
    const deadline = performance.now() + this.#stepTimeoutMs;
    for (;;) {
      const seen = Atomics.load(words, CONTROL.events);
      const enabled: number[] = [];
      let busy = false;
      for (let t = 0; t < this.threads; t++) {
        const status = Atomics.load(words, threadWord(t, CONTROL.status));
        if (status === THREAD_STATUS.parked) enabled.push(t);
        else if (status === THREAD_STATUS.idle || status === THREAD_STATUS.running) busy = true;
      }
      if (!busy) return enabled;
      const left = deadline - performance.now();
      if (left <= 0) {
        throw new Error(
          `interleave: a thread neither parked nor finished within ${this.#stepTimeoutMs} ms`,
        );
      }
      Atomics.wait(words, CONTROL.events, seen, left);
    }
  }

  #collect(): Promise<ThreadMessage[]> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.#pending.size < this.threads) return;
        this.#onMessage = undefined;
        const out: ThreadMessage[] = [];
        for (let t = 0; t < this.threads; t++) out.push(this.#pending.get(t) as ThreadMessage);
        resolve(out);
      };
      this.#onMessage = check;
      check();
    });
  }
}
