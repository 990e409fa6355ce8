import { systemClock } from '@tripwire/clock';
import { do_not_optimize } from 'mitata';
import type { BenchScenario } from '../model/Scenario.js';

/** Names of the baseline scenarios, for `baseline:` references from other scenarios. */
export const BASELINE = {
  atomicsLoad: 'Atomics.load (shared Int32Array)',
  atomicsAdd: 'Atomics.add (shared Int32Array)',
  atomicsCas: 'Atomics.compareExchange (shared Int32Array)',
  fieldRead: 'plain object field read',
  int32Read: 'plain read of a shared Int32Array element',
  awaitResolved: 'await of a resolved promise',
  performanceNow: 'clock read: performance.now()',
  systemClock: 'clock read: systemClock.now() (@tripwire/clock)',
} as const;

/** Name of one baseline scenario. */
export type BaselineName = (typeof BASELINE)[keyof typeof BASELINE];

/**
 * The plain-JavaScript baselines (DESIGN §8) as mitata scenarios, each on its own shared memory
 * so suites can include the ones they compare with and measure them in the same process.
 *
 * @param names - which baselines; all when omitted.
 * @param group - group heading for them.
 * @returns the scenarios, in the order of {@link BASELINE}.
 */
export function baselineScenarios(
  names: readonly BaselineName[] = Object.values(BASELINE),
  group = 'baselines',
): BenchScenario[] {
  const shared = new Int32Array(new SharedArrayBuffer(256));
  const obj = { value: 1, other: 2 };
  const resolved = Promise.resolve(1);
  let casExpected = 0;
  const all: Record<BaselineName, () => unknown> = {
    [BASELINE.atomicsLoad]: () => do_not_optimize(Atomics.load(shared, 0)),
    [BASELINE.atomicsAdd]: () => do_not_optimize(Atomics.add(shared, 16, 1)),
    // A CAS that always succeeds: the word alternates 0 / 1 and we always expect the current one.
    [BASELINE.atomicsCas]: () => {
      do_not_optimize(Atomics.compareExchange(shared, 32, casExpected, casExpected ^ 1));
      casExpected ^= 1;
    },
    [BASELINE.fieldRead]: () => do_not_optimize(obj.value),
    [BASELINE.int32Read]: () => do_not_optimize(shared[0]),
    [BASELINE.awaitResolved]: async () => do_not_optimize(await resolved),
    [BASELINE.performanceNow]: () => do_not_optimize(performance.now()),
    [BASELINE.systemClock]: () => do_not_optimize(systemClock.now()),
  };
  return names.map((name) => ({ name, group, kind: 'baseline', bench: all[name] }));
}
