/**
 * Layout of the control block shared by the interleaving scheduler (main side) and the logical
 * threads (worker side). Int32 words; the per-thread words of thread t start at
 * `THREAD_BASE + t * THREAD_STRIDE`.
 *
 * ```
 * word 0  turn     id of the one thread allowed past its scheduling point, or -1
 * word 1  events   bumped (and notified) whenever a thread parks, finishes or fails
 * word 2  run      id of the current run (a thread ignores stale grants)
 * word 16 + 16t    status of thread t: RUNNING | PARKED | DONE | FAILED
 * word 17 + 16t    op code of the access thread t is parked before (see OP_CODES)
 * word 18 + 16t    element index of that access
 * ```
 * Thread words are 64 bytes apart so parking threads do not share a cache line.
 */
export const CONTROL = {
  turn: 0,
  events: 1,
  run: 2,
  threadBase: 16,
  threadStride: 16,
  status: 0,
  op: 1,
  index: 2,
} as const;

/** Status of a logical thread. */
export const THREAD_STATUS = { idle: 0, running: 1, parked: 2, done: 3, failed: 4 } as const;

/** Op names reported by scheduling hooks, by code (anything else is `other`). */
export const OP_CODES = [
  'other',
  'start',
  'load',
  'loadRelaxed',
  'store',
  'storeRelaxed',
  'add',
  'sub',
  'cas',
  'exchange',
  'and',
  'or',
  'xor',
  'notify',
  'wait',
] as const;

/** Name of an access at a scheduling point. */
export type OpName = (typeof OP_CODES)[number];

/** @returns the code of `op` in {@link OP_CODES} (0 for unknown names). */
export function opCode(op: string): number {
  const code = (OP_CODES as readonly string[]).indexOf(op);
  return code < 0 ? 0 : code;
}

/** @returns the Int32 word index of `field` of thread `thread`. */
export function threadWord(thread: number, field: number): number {
  return CONTROL.threadBase + thread * CONTROL.threadStride + field;
}

/** Byte length of a control block for `threads` logical threads. */
export function controlBytes(threads: number): number {
  return (CONTROL.threadBase + threads * CONTROL.threadStride) * 4;
}

/** The global a primitive's shared-memory facade reads once at module load. */
export const SCHEDULING_HOOK_GLOBAL = '__tripwireSchedulingHook__';

/** Signature of the scheduling hook a facade calls before every shared-memory access. */
export type SchedulingHook = (op: string, array: unknown, index: number) => void;
