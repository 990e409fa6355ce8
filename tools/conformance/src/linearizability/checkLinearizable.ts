/**
 * One operation of a concurrent history. `call` and `ret` are times from ONE clock shared by all
 * threads (e.g. a {@link TicketClock}); an operation still pending when the history was taken
 * has `ret: Infinity` and no output: it may or may not have taken effect.
 */
export interface Operation<I, O> {
  readonly thread: number;
  readonly call: number;
  readonly ret: number;
  readonly input: I;
  readonly output?: O;
}

/**
 * The sequential specification the history is checked against. `step` must be pure (return a
 * new state, never mutate); `key` must give equal strings exactly for states that behave the
 * same, because visited (state, set of linearized operations) pairs are memoised by it.
 */
export interface SequentialSpec<S, I, O> {
  init(): S;
  step(state: S, input: I): { state: S; output: O };
  key(state: S): string;
  /** Does the implementation's output match the model's? Default: JSON equality. */
  equal?: (model: O, actual: O) => boolean;
}

/** Options of {@link checkLinearizable}. */
export interface CheckOptions {
  /** Give up after exploring this many search nodes (default 1,000,000). */
  budget?: number;
}

/** Verdict of {@link checkLinearizable}. */
export type LinearizabilityResult =
  | { readonly status: 'linearizable'; readonly order: number[]; readonly explored: number }
  | {
      readonly status: 'not-linearizable';
      /** Longest prefix of a linearization found (operation indices): where it got stuck. */
      readonly longestPrefix: number[];
      readonly explored: number;
    }
  | { readonly status: 'budget-exceeded'; readonly explored: number };

interface Entry {
  op: number;
  isCall: boolean;
  time: number;
  prev: Entry | undefined;
  next: Entry | undefined;
  match: Entry | undefined; // call -> its return entry
}

const jsonEqual = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Decides whether a concurrent history is linearizable with respect to a sequential spec: is
 * there a total order of the operations, consistent with real time (an operation that returned
 * before another was called comes first), in which the spec produces every observed output?
 *
 * The Wing & Gong search with Lowe's memoisation ("Testing for linearizability", 2017), as in
 * Porcupine: walk the time-ordered list of call/return entries; at a call, try to linearize that
 * operation now (its output must match the spec's, unless it is pending), lift its entries out
 * of the list and continue from the start; at a return whose operation is not yet linearized,
 * backtrack. A (linearized set, state) pair seen before is not explored again.
 *
 * @example
 * ```ts
 * const verdict = checkLinearizable(history, registerSpec);
 * if (verdict.status !== 'linearizable') throw new Error(JSON.stringify(verdict));
 * ```
 */
export function checkLinearizable<S, I, O>(
  history: readonly Operation<I, O>[],
  spec: SequentialSpec<S, I, O>,
  options: CheckOptions = {},
): LinearizabilityResult {
  const budget = options.budget ?? 1_000_000;
  const equal = spec.equal ?? jsonEqual;
  const n = history.length;
  for (const [i, op] of history.entries()) {
    if (!(op.call <= op.ret))
      throw new RangeError(`history[${i}]: ret ${op.ret} < call ${op.call}`);
  }

  // Time-ordered entry list; at equal times calls come before returns (the operations overlap).
  const entries: Entry[] = [];
  for (let op = 0; op < n; op++) {
    const o = history[op] as Operation<I, O>;
    const call: Entry = {
      op,
      isCall: true,
      time: o.call,
      prev: undefined,
      next: undefined,
      match: undefined,
    };
    const ret: Entry = {
      op,
      isCall: false,
      time: o.ret,
      prev: undefined,
      next: undefined,
      match: undefined,
    };
    call.match = ret;
    entries.push(call, ret);
  }
  entries.sort((a, b) => a.time - b.time || Number(b.isCall) - Number(a.isCall) || a.op - b.op);
  const head: Entry = {
    op: -1,
    isCall: false,
    time: -Infinity,
    prev: undefined,
    next: undefined,
    match: undefined,
  };
  let last = head;
  for (const e of entries) {
    e.prev = last;
    last.next = e;
    last = e;
  }

  const lift = (call: Entry): void => {
    (call.prev as Entry).next = call.next;
    if (call.next) call.next.prev = call.prev;
    const ret = call.match as Entry;
    (ret.prev as Entry).next = ret.next;
    if (ret.next) ret.next.prev = ret.prev;
  };
  const unlift = (call: Entry): void => {
    const ret = call.match as Entry;
    (ret.prev as Entry).next = ret;
    if (ret.next) ret.next.prev = ret;
    (call.prev as Entry).next = call;
    if (call.next) call.next.prev = call;
  };

  const completed = history.filter((o) => o.ret !== Infinity).length;
  const linearized = new Uint8Array(n);
  let linearizedCompleted = 0;
  const seen = new Set<string>();
  const stack: { call: Entry; state: S }[] = [];
  let state = spec.init();
  let explored = 0;
  let longestPrefix: number[] = [];
  let entry = head.next;

  const setKey = (): string => {
    let bits = '';
    for (let i = 0; i < n; i += 4) {
      bits += (
        (linearized[i] ?? 0) |
        ((linearized[i + 1] ?? 0) << 1) |
        ((linearized[i + 2] ?? 0) << 2) |
        ((linearized[i + 3] ?? 0) << 3)
      ).toString(16);
    }
    return bits;
  };

  while (linearizedCompleted < completed) {
    if (++explored > budget) return { status: 'budget-exceeded', explored };
    if (entry !== undefined && entry.isCall) {
      const op = history[entry.op] as Operation<I, O>;
      const result = spec.step(state, op.input);
      const pending = op.ret === Infinity;
      let accepted = pending || equal(result.output, op.output as O);
      if (accepted) {
        linearized[entry.op] = 1;
        const key = `${setKey()}|${spec.key(result.state)}`;
        if (seen.has(key)) {
          accepted = false;
          linearized[entry.op] = 0;
        } else {
          seen.add(key);
        }
      }
      if (accepted) {
        stack.push({ call: entry, state });
        state = result.state;
        if (!pending) linearizedCompleted++;
        lift(entry);
        if (stack.length > longestPrefix.length) longestPrefix = stack.map((s) => s.call.op);
        entry = head.next;
      } else {
        entry = entry.next;
      }
    } else {
      // A return (or the end of the list) of an operation not linearized yet: backtrack.
      const top = stack.pop();
      if (top === undefined) return { status: 'not-linearizable', longestPrefix, explored };
      state = top.state;
      linearized[top.call.op] = 0;
      if ((history[top.call.op] as Operation<I, O>).ret !== Infinity) linearizedCompleted--;
      unlift(top.call);
      entry = top.call.next;
    }
  }
  return { status: 'linearizable', order: stack.map((s) => s.call.op), explored };
}
