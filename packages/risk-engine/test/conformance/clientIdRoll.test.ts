import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InterleaveSession,
  choicesStrategy,
  explorePct,
  exploreRandom,
  exploreWithFastCheck,
  type RunCheck,
  type RunSetup,
} from '@tripwire/conformance';
import { RiskEngine } from '@tripwire/risk-engine';
import {
  CLIENT_ID,
  type CheckResult,
  type Role,
  type RollInit,
} from './fixtures/clientIdRollProgram.js';
import { interleaveOptions } from './fixtures/interleaveOptions.js';

// Two orders with one client id checked while the client-id session rolls, on the real engine
// with every shared access a scheduling point (tools/conformance explorer). Invariant: never two
// accepted orders with the same id, and an accepted id is never lost (still a duplicate after).

const program = new URL('./fixtures/clientIdRollProgram.ts', import.meta.url);
let three: InterleaveSession;
let two: InterleaveSession;

beforeAll(async () => {
  [three, two] = await Promise.all([
    InterleaveSession.start({ program, threads: 3 }),
    InterleaveSession.start({ program, threads: 2 }),
  ]);
});
afterAll(async () => {
  await Promise.all([three.close(), two.close()]);
});

function setup(mode: RollInit['mode'], roles: Role[]): () => RunSetup<RiskEngine> {
  return () => {
    const engine = new RiskEngine(interleaveOptions());
    engine.updatePrice(0, 100);
    const init: RollInit = { handle: engine.share(), mode, roles };
    return { init, setup: engine };
  };
}

const isCheck = (r: unknown): r is CheckResult => typeof r === 'object' && r !== null;

/** Denial messages seen across runs (shows the explorer reached the race window). */
const messages = new Set<string>();

const oneAcceptance: RunCheck<RiskEngine> = (outcome, engine) => {
  const checks = outcome.results.filter(isCheck);
  for (const c of checks) if (!c.ok) messages.add(c.message.replace(/^.*\): |;.*$/g, ''));
  const accepted = checks.filter((c) => c.ok).length;
  if (accepted > 1)
    return `double acceptance: ${accepted} orders accepted with client id ${CLIENT_ID}`;
  const again = engine.explain({
    clientId: CLIENT_ID,
    instrument: 0,
    strategy: 0,
    side: 'buy',
    qty: 1,
    price: 100,
    type: 'limit',
  });
  if (accepted === 1 && !again.some((d) => d.code === 'DUPLICATE_ORDER'))
    return 'accepted id lost: not a duplicate after the run';
  return undefined;
};

const ROLLER_THIRD: Role[] = ['check', 'check', 'roll'];
const CHECKER_ROLLS: Role[] = ['roll+check', 'check'];

describe('client-id session roll: interleavings (tools/conformance explorer)', () => {
  it('two checks of one id and a roll (third thread): random, PCT and fast-check schedules never accept both', async () => {
    const random = await exploreRandom(three, setup('engine', ROLLER_THIRD), oneAcceptance, {
      runs: 60,
      seed: 7,
    });
    expect(random.counterexample?.problem).toBeUndefined();
    const pct = await explorePct(three, setup('engine', ROLLER_THIRD), oneAcceptance, {
      runs: 80,
      seed: 7,
      depth: 3,
      steps: 160,
    });
    expect(pct.counterexample?.problem).toBeUndefined();
    const fc = await exploreWithFastCheck(three, setup('engine', ROLLER_THIRD), oneAcceptance, {
      numRuns: 40,
      seed: 7,
    });
    expect(fc.failed).toBe(false);
  }, 60_000);

  it('one checker rolls first: PCT schedules never accept both, and reach the cross-roll claim (re-read denies)', async () => {
    messages.clear();
    const pct = await explorePct(two, setup('engine', CHECKER_ROLLS), oneAcceptance, {
      runs: 600,
      seed: 11,
      depth: 2,
      steps: 80,
    });
    expect(pct.counterexample?.problem).toBeUndefined();
    expect(messages).toContain('client id claimed concurrently across a session roll');
  }, 60_000);

  it('without the re-read of the other table (broken fixture) PCT finds the double acceptance, and it replays', async () => {
    const pct = await explorePct(two, setup('broken', CHECKER_ROLLS), oneAcceptance, {
      runs: 300,
      seed: 1,
      depth: 2,
      steps: 30,
    });
    expect(pct.counterexample?.problem).toBe(
      `double acceptance: 2 orders accepted with client id ${CLIENT_ID}`,
    );
    const replay = await two.run(
      setup('broken', CHECKER_ROLLS)().init,
      choicesStrategy(pct.counterexample!.outcome.choices),
    );
    expect(replay.results.filter((r) => isCheck(r) && r.ok)).toHaveLength(2);
  }, 60_000);
});
