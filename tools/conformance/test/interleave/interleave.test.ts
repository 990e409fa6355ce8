import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InterleaveSession,
  choicesStrategy,
  exploreExhaustive,
  explorePct,
  exploreRandom,
  exploreWithFastCheck,
  type RunCheck,
  type RunSetup,
} from '@tripwire/conformance';
import type { CounterInit } from './fixtures/counterProgram.js';

const program = new URL('./fixtures/counterProgram.ts', import.meta.url);
let session: InterleaveSession;

beforeAll(async () => {
  session = await InterleaveSession.start({ program, threads: 2 });
});
afterAll(async () => {
  await session.close();
});

function counter(racy: boolean, increments = 1): () => RunSetup<Int32Array> {
  return () => {
    const buffer = new SharedArrayBuffer(64);
    const init: CounterInit = { buffer, racy, increments };
    return { init, setup: new Int32Array(buffer) };
  };
}

const noLostUpdate: RunCheck<Int32Array> = (outcome, cells) => {
  const expected = outcome.results.length * (outcome.results[0] as number[]).length;
  const actual = Atomics.load(cells, 0);
  return actual === expected ? undefined : `counter is ${actual}, expected ${expected}`;
};

describe('interleaving explorer', () => {
  it('exhaustive enumeration finds the lost update of a load/store counter', async () => {
    const result = await exploreExhaustive(session, counter(true), noLostUpdate, { maxRuns: 100 });
    expect(result.counterexample?.problem).toBe('counter is 1, expected 2');
    expect(result.counterexample?.replay).toMatch(/t\d:load\[0\].*t\d:load\[0\]/);
  });

  it('exhaustive enumeration proves the atomic counter over every schedule', async () => {
    const result = await exploreExhaustive(session, counter(false, 2), noLostUpdate, {
      maxRuns: 500,
    });
    expect(result.counterexample).toBeUndefined();
    expect(result.complete).toBe(true);
    // 2 threads x (start + 2 adds): C(6, 3) = 20 orders of the six steps.
    expect(result.runs).toBe(20);
  });

  it('random and PCT schedules find the lost update', async () => {
    const random = await exploreRandom(session, counter(true, 2), noLostUpdate, {
      runs: 200,
      seed: 7,
    });
    expect(random.counterexample).toBeDefined();
    const pct = await explorePct(session, counter(true, 2), noLostUpdate, {
      runs: 200,
      seed: 7,
      depth: 2,
      steps: 10,
    });
    expect(pct.counterexample).toBeDefined();
  });

  it('fast-check finds and shrinks the lost update, and the schedule replays', async () => {
    const report = await exploreWithFastCheck(session, counter(true, 3), noLostUpdate, {
      numRuns: 100,
      seed: 42,
    });
    expect(report.failed).toBe(true);
    const found = report.problem;
    expect(found).toBeDefined();
    // Replaying the recorded choices gives the same schedule and the same failure.
    const { init, setup } = counter(true, 3)();
    const replay = await session.run(init, choicesStrategy(found?.outcome.choices ?? []));
    expect(replay.trace).toEqual(found?.outcome.trace);
    expect(noLostUpdate(replay, setup)).toBeDefined();
  });

  it('a thread that throws is reported as a counterexample', async () => {
    const broken: () => RunSetup<Int32Array> = () => ({
      init: { buffer: 'not a buffer', racy: false, increments: 1 },
      setup: new Int32Array(1),
    });
    const result = await exploreRandom(session, broken, () => undefined, { runs: 1, seed: 1 });
    expect(result.counterexample?.problem).toMatch(
      /a thread threw RangeError: Invalid atomic access index/,
    );
  });
});
