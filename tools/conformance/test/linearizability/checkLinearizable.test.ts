import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InterleaveSession,
  TicketClock,
  checkLinearizable,
  exploreExhaustive,
  exploreRandom,
  runWorker,
  type Operation,
  type RunCheck,
  type RunSetup,
} from '@tripwire/conformance';
import { counterSpec, registerSpec, type RegisterInput } from './fixtures/specs.js';
import type { HistoryInit } from './fixtures/historyProgram.js';

type RegOp = Operation<RegisterInput, number | undefined>;
const w = (thread: number, call: number, ret: number, value: number): RegOp => ({
  thread,
  call,
  ret,
  input: { type: 'write', value },
});
const r = (thread: number, call: number, ret: number, output: number): RegOp => ({
  thread,
  call,
  ret,
  input: { type: 'read' },
  output,
});

describe('checkLinearizable on known histories', () => {
  it('accepts a read overlapping a write that returns the new value', () => {
    const verdict = checkLinearizable([w(0, 1, 4, 1), r(1, 2, 3, 1)], registerSpec);
    expect(verdict).toMatchObject({ status: 'linearizable', order: [0, 1] });
  });

  it('accepts a read overlapping a write that returns the old value', () => {
    expect(checkLinearizable([w(0, 1, 4, 1), r(1, 2, 3, 0)], registerSpec).status).toBe(
      'linearizable',
    );
  });

  it('rejects a stale read after the write returned (real-time order)', () => {
    const verdict = checkLinearizable([w(0, 1, 2, 1), r(1, 3, 4, 0)], registerSpec);
    expect(verdict).toMatchObject({ status: 'not-linearizable', longestPrefix: [0] });
  });

  it('rejects two reads that see the writes in opposite orders', () => {
    const history = [w(0, 1, 10, 1), w(1, 1, 10, 2), r(2, 2, 3, 1), r(2, 4, 5, 2), r(3, 6, 7, 1)];
    expect(checkLinearizable(history, registerSpec).status).toBe('not-linearizable');
  });

  it('a pending write may or may not have taken effect', () => {
    const pending: RegOp = {
      thread: 0,
      call: 1,
      ret: Infinity,
      input: { type: 'write', value: 7 },
    };
    expect(checkLinearizable([pending, r(1, 2, 3, 7)], registerSpec).status).toBe('linearizable');
    expect(checkLinearizable([pending, r(1, 2, 3, 0)], registerSpec).status).toBe('linearizable');
    expect(checkLinearizable([pending, r(1, 2, 3, 5)], registerSpec).status).toBe(
      'not-linearizable',
    );
  });

  it('rejects two overlapping increments that both saw 0 (a lost update)', () => {
    const inc = (thread: number, call: number, ret: number, output: number) =>
      ({ thread, call, ret, input: 'inc', output }) as const;
    expect(checkLinearizable([inc(0, 1, 3, 0), inc(1, 2, 4, 0)], counterSpec).status).toBe(
      'not-linearizable',
    );
    expect(checkLinearizable([inc(0, 1, 3, 1), inc(1, 2, 4, 0)], counterSpec).status).toBe(
      'linearizable',
    );
  });

  it('reports budget-exceeded instead of searching forever', () => {
    const history = [w(0, 1, 10, 1), w(1, 1, 10, 2), r(2, 2, 3, 1), r(2, 4, 5, 2), r(3, 6, 7, 1)];
    expect(checkLinearizable(history, registerSpec, { budget: 3 }).status).toBe('budget-exceeded');
  });

  it('rejects an operation that returns before it is called', () => {
    expect(() => checkLinearizable([w(0, 5, 4, 1)], registerSpec)).toThrow(/history\[0\]/);
  });
});

/** Brute force: try every permutation consistent with real time. */
function bruteForce(history: readonly RegOp[]): boolean {
  const n = history.length;
  const used = new Array<boolean>(n).fill(false);
  const search = (state: number, depth: number): boolean => {
    if (depth === n) return true;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      const op = history[i] as RegOp;
      // i may go next only if no unused operation returned before i was called.
      if (history.some((o, j) => !used[j] && j !== i && o.ret < op.call)) continue;
      const { state: next, output } = registerSpec.step(state, op.input);
      if (op.ret !== Infinity && output !== op.output) continue;
      used[i] = true;
      if (search(next, depth + 1)) return true;
      used[i] = false;
    }
    return false;
  };
  return search(0, 0);
}

describe('checkLinearizable agrees with brute force', () => {
  it('on random register histories of up to 6 operations', () => {
    const op = fc
      .record({
        thread: fc.nat({ max: 3 }),
        call: fc.nat({ max: 20 }),
        length: fc.integer({ min: 0, max: 8 }),
        write: fc.boolean(),
        value: fc.nat({ max: 2 }),
      })
      .map(({ thread, call, length, write, value }): RegOp =>
        write ? w(thread, call, call + length, value) : r(thread, call, call + length, value),
      );
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 6 }), (history) => {
        const expected = bruteForce(history);
        if (!expected) rejected++;
        const verdict = checkLinearizable(history, registerSpec).status;
        return verdict === (expected ? 'linearizable' : 'not-linearizable');
      }),
      { numRuns: 1_000, seed: 20_261_124 },
    );
    // The generator produces both kinds, so the comparison is not vacuous.
    expect(rejected).toBeGreaterThan(50);
  });
});

describe('histories from real and scheduled threads', () => {
  const program = new URL('./fixtures/historyProgram.ts', import.meta.url);
  let session: InterleaveSession;
  beforeAll(async () => {
    session = await InterleaveSession.start({ program, threads: 2 });
  });
  afterAll(async () => {
    await session.close();
  });

  const setupFor = (racy: boolean) => (): RunSetup<undefined> => {
    const init: HistoryInit = {
      buffer: new SharedArrayBuffer(64),
      clock: new TicketClock().share(),
      racy,
      increments: 2,
    };
    return { init, setup: undefined };
  };
  const linearizable: RunCheck<undefined> = (outcome) => {
    const history = (outcome.results as Operation<'inc', number>[][]).flat();
    const verdict = checkLinearizable(history, counterSpec);
    return verdict.status === 'linearizable' ? undefined : `history is ${verdict.status}`;
  };

  it('every schedule of the atomic counter gives a linearizable history', async () => {
    const result = await exploreExhaustive(session, setupFor(false), linearizable, {
      maxRuns: 200,
    });
    expect(result.counterexample).toBeUndefined();
    expect(result.complete).toBe(true);
  });

  it('the racy counter (deliberately broken) gives a non-linearizable history', async () => {
    const result = await exploreRandom(session, setupFor(true), linearizable, {
      runs: 200,
      seed: 3,
    });
    expect(result.counterexample?.problem).toBe('history is not-linearizable');
  });

  it('4 real workers on an atomic counter: the history is linearizable', async () => {
    const buffer = new SharedArrayBuffer(64);
    const clock = new TicketClock().share();
    const entry = new URL('./fixtures/stressWorker.ts', import.meta.url);
    const runs = await Promise.all(
      [0, 1, 2, 3].map((thread) =>
        runWorker<Operation<'inc', number>[]>(entry, {
          workerData: { buffer, clock, thread, increments: 500, threads: 4 },
        }),
      ),
    );
    const history = runs.flatMap((run) => run.message);
    expect(history).toHaveLength(2_000);
    expect(checkLinearizable(history, counterSpec).status).toBe('linearizable');
    // The same history with one output corrupted is caught.
    const corrupted = history.map((op, i) => (i === 10 ? { ...op, output: -1 } : op));
    expect(checkLinearizable(corrupted, counterSpec).status).toBe('not-linearizable');
  });
});
