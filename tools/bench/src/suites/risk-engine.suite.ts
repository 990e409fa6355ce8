// Pre-trade risk engine: every check of DESIGN §6 at 10 / 50 / 200 instruments.
import { CircuitBreaker } from '@tripwire/circuit-breaker';
import { do_not_optimize } from 'mitata';
import type { Scenario } from '../model/Scenario.js';
import { runSuite } from '../suite/runSuite.js';
import {
  INSTRUMENT_COUNTS,
  riskChecker,
  type VenueBreakerFactory,
} from '../scenarios/riskEngine.js';
import { measurePerCall } from '../scenarios/perCallTiming.js';
import { BASELINE, baselineScenarios } from '../scenarios/baselines.js';

const SEED_PIPELINE = {
  label: 'seed',
  ns: 8_700,
  note: 'whole pipeline, not the check alone',
} as const;
// 10,000 orders/s = 100 µs per order; compared with 1e9 / our checks per second.
const SEED_THROUGHPUT = {
  label: 'seed 10,000 orders/s',
  ns: 100_000,
  note: 'whole pipeline throughput, not the check alone',
} as const;
const venueBreaker: VenueBreakerFactory = () => new CircuitBreaker();
const checkers = new Map(INSTRUMENT_COUNTS.map((n) => [n, riskChecker(n, venueBreaker)]));

const scenarios: Scenario[] = [...baselineScenarios([BASELINE.performanceNow], 'risk check')];
for (const n of INSTRUMENT_COUNTS) {
  const checker = checkers.get(n);
  if (checker === undefined) continue;
  scenarios.push({
    name: `check + cancel, ${n} instruments (mitata)`,
    group: 'risk check',
    baseline: BASELINE.performanceNow,
    reference: SEED_PIPELINE,
    bench: () => do_not_optimize(checker.check()),
  });
}
for (const n of INSTRUMENT_COUNTS) {
  const checker = checkers.get(n);
  if (checker === undefined) continue;
  scenarios.push({
    name: `check + cancel, ${n} instruments (single calls, one core)`,
    group: 'risk check: per-call latency and throughput',
    reference: SEED_THROUGHPUT,
    ...(n === 50
      ? {
          target: {
            label: 'p50 <= 1 µs, p99 <= 3 µs, >= 1,000,000 checks/s on one core',
            maxP50Ns: 1_000,
            maxP99Ns: 3_000,
            maxMeanNs: 1_000,
          },
        }
      : {}),
    measure: ({ smoke }) =>
      Promise.resolve(measurePerCall(checker.check, smoke ? 2_000 : 200_000, smoke ? 20 : 1_000)),
  });
}

await runSuite({
  name: 'risk-engine',
  scenarios,
  notes: [
    'Each call checks one new limit order (round-robin over instruments, four strategies, buy/sell, inside the collar) with every check of DESIGN §6 configured (kill switch, validity, duplicate client id, stale price, collar, rate limit, position, notional, open orders, cluster notional, loss), then cancels it so the book never fills; client ids are never reused, and the client-id session is rolled (rollClientIds) every 2^20 ids, on one engine for the whole run.',
    'Single calls: each call timed between two performance.now() reads, minus the median cost of an empty timed pair; the mean of that row is 1e9 / (checks per second of a tight loop on one core).',
    'Venue breakers: one @tripwire/circuit-breaker CircuitBreaker (closed, DESIGN defaults) per venue; the permit is taken last, as in DESIGN §6. The seed figures of 8.7 µs and 10,000 orders/s were for its whole pipeline, not the check alone.',
  ],
});
for (const [n, c] of checkers) {
  if (c.denied() > 0) {
    throw new Error(`${n} instruments: ${c.denied()} orders denied (last: ${c.lastDenial()})`);
  }
}
