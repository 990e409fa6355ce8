/*
 * ABA and interleaving invariants (DESIGN §7), on the real breaker and on a naive breaker
 * without a generation tag (test/fixtures/NaiveBreaker.ts). Two logical threads run as worker
 * threads; the explorer of @tripwire/conformance schedules them at every shared-memory access
 * (exhaustively up to a bound, randomly, with PCT and with fast-check-generated schedules).
 * Each exploration must find a counterexample for the naive breaker and none for the real one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedManualClock } from '@tripwire/clock';
import { CircuitBreaker } from '@tripwire/circuit-breaker';
import {
  InterleaveSession,
  exploreExhaustive,
  explorePct,
  exploreRandom,
  exploreWithFastCheck,
  type RunCheck,
  type RunSetup,
} from '@tripwire/conformance';
import { NaiveBreaker } from '../fixtures/NaiveBreaker.js';
import type { AbaInit, AbaResult, Scenario } from './fixtures/abaProgram.js';

/** `npm run soak` multiplies the explored schedules. */
const SOAK = Number(process.env['TRIPWIRE_SOAK'] ?? 1);
const program = new URL('./fixtures/abaProgram.ts', import.meta.url);
let session: InterleaveSession;

beforeAll(async () => {
  session = await InterleaveSession.start({ program, threads: 2 });
}, 30_000);
afterAll(async () => {
  await session.close();
});

interface Setup {
  /** After the run: advance time past every lease and break; can a caller get a probe? */
  recovers(): boolean;
}

function makeSetup(impl: 'real' | 'naive', scenario: Scenario): () => RunSetup<Setup> {
  const permits = scenario === 'late-success' ? 2 : 1;
  return () => {
    const clock = new SharedManualClock(0);
    const naiveOptions = { permits, successesToClose: 1 };
    let probes: number[] = [];
    let handle: AbaInit['handle'];
    let recovers: () => boolean;
    if (impl === 'real') {
      const cb = new CircuitBreaker({
        clock,
        openMs: 10,
        consecutiveFailures: 1,
        openBackoff: undefined,
        window: { type: 'count', size: 2 },
        halfOpen: { permits, successesToClose: 1, leaseMs: 50 },
      });
      cb.onFailure(cb.tryAcquire());
      clock.advance(10);
      if (scenario === 'late-success') probes = [cb.tryAcquire(), cb.tryAcquire()];
      handle = cb.share();
      recovers = () => {
        for (let i = 0; i < 3; i++) {
          clock.advance(100);
          if (cb.tryAcquire() >= 0) return true;
        }
        return false;
      };
    } else {
      const cb = new NaiveBreaker(naiveOptions);
      cb.forceOpen();
      if (scenario === 'late-success') probes = [cb.tryAcquire(), cb.tryAcquire()];
      handle = { buffer: cb.buffer };
      recovers = () => {
        for (let i = 0; i < 3; i++) if (cb.tryAcquire() >= 0) return true;
        return false;
      };
    }
    const init: AbaInit = {
      impl,
      scenario,
      handle,
      clock: clock.share(),
      probes,
      naive: naiveOptions,
    };
    return { init, setup: { recovers } };
  };
}

const results = (outcome: { results: unknown[] }) => outcome.results as AbaResult[];

/** Invariants of each scenario. */
const checks: Record<Scenario, RunCheck<Setup>> = {
  // No stale decision applied: once thread 1's failure re-opened the breaker, the late success of
  // an earlier probe (thread 0) must not close the newer half-open generation.
  'late-success': (outcome) => {
    const [t0, t1] = results(outcome);
    const reopened = t1?.transitions.includes('half-open->open') ?? false;
    const closedByLate = t0?.transitions.includes('half-open->closed') ?? false;
    return reopened && closedByLate
      ? 'a late success closed a newer half-open generation'
      : undefined;
  },
  // Admissions never exceed `permits` (1) per generation; the transition happens exactly once.
  'race-to-half-open': (outcome) => {
    const r = results(outcome);
    const admitted = r.flatMap((x) => x.permits).filter((p) => p >= 0).length;
    const moves = r.flatMap((x) => x.transitions).filter((t) => t === 'open->half-open').length;
    if (admitted > 1) return `${admitted} probes admitted with permits 1`;
    return moves === 1 ? undefined : `open->half-open applied ${moves} times`;
  },
  // No stuck half-open: after leases and breaks have passed, a caller gets a probe again.
  'hung-probe': (_outcome, setup) =>
    setup.recovers() ? undefined : 'half-open stuck after the lease expired',
};

const scenarios: Scenario[] = ['late-success', 'race-to-half-open', 'hung-probe'];

describe('ABA: the naive breaker fails, the real breaker survives the same schedules', () => {
  for (const scenario of scenarios) {
    it(
      `${scenario}: exhaustive (bounded) exploration`,
      async () => {
        const naive = await exploreExhaustive(
          session,
          makeSetup('naive', scenario),
          checks[scenario],
          {
            maxRuns: 300,
          },
        );
        expect(naive.counterexample?.problem).toBeDefined();
        const real = await exploreExhaustive(
          session,
          makeSetup('real', scenario),
          checks[scenario],
          {
            maxRuns: 150,
          },
        );
        expect(real.counterexample, real.counterexample?.replay).toBeUndefined();
      },
      60_000 * SOAK,
    );

    it(
      `${scenario}: random and PCT (depth 3) schedules`,
      async () => {
        const naive = await exploreRandom(session, makeSetup('naive', scenario), checks[scenario], {
          runs: 100 * SOAK,
          seed: 11,
        });
        expect(naive.counterexample?.problem).toBeDefined();
        for (const impl of ['real'] as const) {
          const random = await exploreRandom(session, makeSetup(impl, scenario), checks[scenario], {
            runs: 60 * SOAK,
            seed: 11,
          });
          expect(random.counterexample, random.counterexample?.replay).toBeUndefined();
          const pct = await explorePct(session, makeSetup(impl, scenario), checks[scenario], {
            runs: 60 * SOAK,
            seed: 11,
            depth: 3,
            steps: 120,
          });
          expect(pct.counterexample, pct.counterexample?.replay).toBeUndefined();
        }
      },
      60_000 * SOAK,
    );
  }

  it(
    'fast-check-generated schedules find the late success in the naive breaker only',
    async () => {
      const naive = await exploreWithFastCheck(
        session,
        makeSetup('naive', 'late-success'),
        checks['late-success'],
        { numRuns: 100, seed: 3 },
      );
      expect(naive.failed).toBe(true);
      const real = await exploreWithFastCheck(
        session,
        makeSetup('real', 'late-success'),
        checks['late-success'],
        { numRuns: 60 * SOAK, seed: 3 },
      );
      expect(real.failed).toBe(false);
    },
    60_000 * SOAK,
  );
});
