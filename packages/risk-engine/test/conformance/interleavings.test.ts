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
import { RiskEngine } from '@tripwire/risk-engine';
import { MAX_LOTS, ORDER_LOTS, interleaveOptions } from './fixtures/interleaveOptions.js';
import type { ReserveInit } from './fixtures/reserveProgram.js';

const program = new URL('./fixtures/reserveProgram.ts', import.meta.url);
let session: InterleaveSession;

beforeAll(async () => {
  session = await InterleaveSession.start({ program, threads: 2 });
});
afterAll(async () => {
  await session.close();
});

function setup(mode: ReserveInit['mode']): () => RunSetup<RiskEngine> {
  return () => {
    const engine = new RiskEngine(interleaveOptions());
    engine.updatePrice(0, 100);
    const init: ReserveInit = { handle: engine.share(), mode };
    return { init, setup: engine };
  };
}

/** Two buys of 2 lots against a limit of 3: at most one may pass, and LONG never exceeds 3. */
const withinLimit: RunCheck<RiskEngine> = (outcome, engine) => {
  const passed = outcome.results.filter((r) => r === true).length;
  const long = engine.snapshot().instruments[0]!.worstLong;
  if (passed * ORDER_LOTS > MAX_LOTS || long > MAX_LOTS)
    return `over-reservation: ${passed} passed, LONG ${long}`;
  if (long !== passed * ORDER_LOTS) return `leak: ${passed} passed but LONG ${long}`;
  return undefined;
};

describe('deterministic interleavings of two concurrent checks (tools/conformance explorer)', () => {
  it('random, PCT and fast-check schedules never let two checks together exceed the position limit', async () => {
    // Every shared access of both checks is a scheduling point (the facade is hooked).
    const one = await session.run(setup('engine')().init, choicesStrategy([]));
    expect(one.trace.filter((s) => s.op === 'cas').length).toBeGreaterThanOrEqual(8);
    const random = await exploreRandom(session, setup('engine'), withinLimit, {
      runs: 60,
      seed: 3,
    });
    expect(random.counterexample?.problem).toBeUndefined();
    const pct = await explorePct(session, setup('engine'), withinLimit, {
      runs: 60,
      seed: 3,
      depth: 3,
      steps: 120,
    });
    expect(pct.counterexample?.problem).toBeUndefined();
    const fc = await exploreWithFastCheck(session, setup('engine'), withinLimit, {
      numRuns: 40,
      seed: 3,
    });
    expect(fc.failed).toBe(false);
  }, 60_000);

  it('exhaustive enumeration finds the over-reservation of check-then-reserve without CAS (broken fixture), and it replays', async () => {
    const result = await exploreExhaustive(session, setup('broken'), withinLimit, { maxRuns: 100 });
    expect(result.counterexample?.problem).toBe('over-reservation: 2 passed, LONG 4');
    const replay = await session.run(
      setup('broken')().init,
      choicesStrategy(result.counterexample!.outcome.choices),
    );
    expect(replay.results).toEqual([true, true]);
  }, 60_000);

  it('random and PCT schedules find it too', async () => {
    const random = await exploreRandom(session, setup('broken'), withinLimit, {
      runs: 60,
      seed: 5,
    });
    expect(random.counterexample).toBeDefined();
    const pct = await explorePct(session, setup('broken'), withinLimit, {
      runs: 60,
      seed: 5,
      depth: 2,
      steps: 10,
    });
    expect(pct.counterexample).toBeDefined();
  }, 60_000);
});
