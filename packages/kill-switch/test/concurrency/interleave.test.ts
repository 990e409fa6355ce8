/**
 * Concurrent trip / hold / dispose / reset / watchdog operations from several logical threads,
 * scheduled at every shared-memory access by the explorer of @tripwire/conformance (random, PCT
 * and fast-check-driven schedules). Properties: nothing is lost (a trip racing a reset is never
 * silently undone, every operation is audited), holds never go negative, the effective level is
 * always the max rule over the stored fields, watchdog holds balance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedManualClock } from '@tripwire/clock';
import {
  InterleaveSession,
  choicesStrategy,
  explorePct,
  exploreRandom,
  exploreWithFastCheck,
  type RunCheck,
  type RunOutcome,
  type RunSetup,
} from '@tripwire/conformance';
import { KillSwitch, killSwitchOffsets, type KillSwitchLevel } from '@tripwire/kill-switch';
import { SECRET, type Op, type ProgramInit } from './fixtures/killSwitchProgram.js';

const program = new URL('./fixtures/killSwitchProgram.ts', import.meta.url);
let two: InterleaveSession;
let three: InterleaveSession;

beforeAll(async () => {
  [two, three] = await Promise.all([
    InterleaveSession.start({ program, threads: 2 }),
    InterleaveSession.start({ program, threads: 3 }),
  ]);
}, 30_000);
afterAll(async () => {
  await Promise.all([two.close(), three.close()]);
});

interface World {
  readonly ks: KillSwitch;
  readonly clock: SharedManualClock;
}

function world(
  scripts: Op[][],
  prepare: (w: World) => void,
  resetCooldownMs = 1_000,
): () => RunSetup<World> {
  return () => {
    const clock = new SharedManualClock(0);
    const ks = new KillSwitch({ clock, secret: SECRET, resetCooldownMs, auditCapacity: 256 });
    const w = { ks, clock };
    prepare(w);
    const init: ProgramInit = { handle: ks.share(), clock: clock.share(), scripts };
    return { init, setup: w };
  };
}

const RANK: Record<KillSwitchLevel, number> = { active: 0, reducing: 1, halted: 2 };

/** Invariants every run must end in. */
function consistent(ks: KillSwitch, expectedEntries: number): string | undefined {
  const s = ks.snapshot();
  const rule = Math.max(
    RANK[s.latched],
    s.holds.reducing > 0 ? 1 : 0,
    s.holds.halted > 0 || s.expiredWatchdogs > 0 ? 2 : 0,
  );
  if (RANK[s.level] !== rule)
    return `effective ${s.level} breaks the max rule: ${JSON.stringify(s)}`;
  if (s.holds.reducing > 1023 || s.holds.halted > 1023)
    return `hold count wrapped: ${JSON.stringify(s)}`;
  const audit = ks.audit();
  if (audit.length !== expectedEntries || ks.auditDropped !== 0) {
    return `audit has ${audit.length} entries (${ks.auditDropped} dropped), expected ${expectedEntries}`;
  }
  return undefined;
}

const results = (o: RunOutcome, t: number) => (o.results[t] as string[] | undefined) ?? [];

// --- Scenario 1: a trip racing a reset -------------------------------------------------------
// Latched 'reducing' since t=0, cooldown 1000 has just passed (clock 1000). Thread 0 trips
// 'halted' (at t=1000), thread 1 resets. Either the reset lands first (then the trip raises
// again) or the trip lands first (then the reset is inside the new trip's cooldown): the
// latched level must end 'halted' in every schedule.
const tripVsReset = (reset: 'reset' | 'brokenReset') =>
  world([['trip:halted'], [reset]], ({ ks, clock }) => {
    ks.trip({ level: 'reducing', source: 'setup', reason: '' });
    clock.set(1_000);
  });

/** The latched trip survives; `entries` audit records (the broken reset audits nothing). */
const tripSurvives =
  (entries: number): RunCheck<World> =>
  (o, { ks }) => {
    const latched = ks.snapshot().latched;
    if (latched !== 'halted') {
      return `lost trip: latched ${latched} after ${results(o, 0).join()} / ${results(o, 1).join()}`;
    }
    return consistent(ks, entries);
  };

describe('a trip racing a reset is never silently undone', () => {
  it('random, PCT and fast-check schedules', async () => {
    const random = await exploreRandom(two, tripVsReset('reset'), tripSurvives(3), {
      runs: 150,
      seed: 1,
    });
    expect(random.counterexample?.problem).toBeUndefined();
    const pct = await explorePct(two, tripVsReset('reset'), tripSurvives(3), {
      runs: 150,
      seed: 1,
      depth: 3,
      steps: 60,
    });
    expect(pct.counterexample?.problem).toBeUndefined();
    const fc = await exploreWithFastCheck(two, tripVsReset('reset'), tripSurvives(3), {
      numRuns: 100,
      seed: 1,
      maxSegments: 12,
    });
    expect(fc.failed).toBe(false);
  }, 60_000);

  it('finds the lost trip of a reset that stores instead of CAS-ing (broken fixture)', async () => {
    const pct = await explorePct(two, tripVsReset('brokenReset'), tripSurvives(2), {
      runs: 300,
      seed: 1,
      depth: 2,
      steps: 60,
    });
    expect(pct.counterexample?.problem).toMatch(/^lost trip: latched active/);
    const random = await exploreRandom(two, tripVsReset('brokenReset'), tripSurvives(2), {
      runs: 300,
      seed: 1,
    });
    expect(random.counterexample?.problem).toMatch(/^lost trip: latched active/);
    // The recorded schedule replays to the same lost trip.
    const { init, setup } = tripVsReset('brokenReset')();
    const replay = await two.run(
      init,
      choicesStrategy(random.counterexample?.outcome.choices ?? []),
    );
    expect(tripSurvives(2)(replay, setup)).toMatch(/^lost trip/);
    // fast-check's segment schedules find it too, and shrink it.
    const fc = await exploreWithFastCheck(two, tripVsReset('brokenReset'), tripSurvives(2), {
      numRuns: 300,
      seed: 1,
      maxSegments: 12,
    });
    expect(fc.failed).toBe(true);
    expect(fc.problem?.problem).toMatch(/^lost trip: latched active/);
  }, 60_000);
});

// --- Scenario 2: holds, disposes, a trip and a reset from three threads ----------------------
const holdsScripts: Op[][] = [
  ['hold:halted', 'dispose', 'hold:reducing', 'dispose'],
  ['hold:halted', 'trip:reducing', 'dispose'],
  ['hold:reducing', 'dispose', 'reset'],
];
const holdsWorld = world(holdsScripts, () => undefined, 0);
const holdsExact: RunCheck<World> = (o, { ks }) => {
  const s = ks.snapshot();
  if (s.holds.reducing !== 0 || s.holds.halted !== 0)
    return `holds left: ${JSON.stringify(s.holds)}`;
  // The reset succeeds only after the trip, and nothing trips after it.
  const expected = results(o, 2)[2] === 'reset' ? 'active' : 'reducing';
  if (s.latched !== expected) return `latched ${s.latched}, reset said ${results(o, 2)[2]}`;
  return consistent(ks, 10);
};

describe('holds and trips from three threads: exact counts, nothing lost', () => {
  it('random, PCT and fast-check schedules', async () => {
    const random = await exploreRandom(three, holdsWorld, holdsExact, { runs: 60, seed: 2 });
    expect(random.counterexample?.problem).toBeUndefined();
    const pct = await explorePct(three, holdsWorld, holdsExact, {
      runs: 60,
      seed: 2,
      depth: 3,
      steps: 150,
    });
    expect(pct.counterexample?.problem).toBeUndefined();
    const fc = await exploreWithFastCheck(three, holdsWorld, holdsExact, {
      numRuns: 40,
      seed: 2,
      maxSegments: 16,
    });
    expect(fc.failed).toBe(false);
  }, 60_000);
});

// --- Scenario 3: a watchdog owner beating while another thread advances time and checks ------
const watchdogWorld = world(
  [
    ['watchdog', 'beat', 'beat'],
    ['advance', 'check', 'advance', 'check'],
  ],
  () => undefined,
);
const watchdogBalanced: RunCheck<World> = (_o, { ks, clock }) => {
  ks.checkWatchdogs(); // settle at the final time, on this (unscheduled) thread
  const { buffer, options } = ks.share();
  const o = killSwitchOffsets(options.stride, options.auditCapacity, options.maxWatchdogs);
  const bits = new BigInt64Array(buffer)[(o.watchdogBase + 8) >> 3] as bigint;
  const lastBeat = new Float64Array(new BigInt64Array([bits]).buffer)[0] as number;
  const due = clock.now() - lastBeat >= 10 ? 1 : 0;
  const s = ks.snapshot();
  if (s.expiredWatchdogs !== due) {
    return `expired ${s.expiredWatchdogs} but lastBeat ${lastBeat} at ${clock.now()}`;
  }
  const audit = ks.audit();
  const n = (a: string) => audit.filter((e) => e.action === a).length;
  if (n('watchdog-expired') - n('watchdog-recovered') - n('release') !== s.expiredWatchdogs) {
    return `watchdog audit does not balance: ${audit.map((e) => e.action).join(',')}`;
  }
  return consistent(ks, audit.length);
};

describe('watchdog beats racing checks and time', () => {
  it('random and PCT schedules: the expiry hold is raised once and released by beats', async () => {
    const random = await exploreRandom(two, watchdogWorld, watchdogBalanced, {
      runs: 150,
      seed: 3,
    });
    expect(random.counterexample?.problem).toBeUndefined();
    const pct = await explorePct(two, watchdogWorld, watchdogBalanced, {
      runs: 150,
      seed: 3,
      depth: 3,
      steps: 120,
    });
    expect(pct.counterexample?.problem).toBeUndefined();
  }, 60_000);
});
