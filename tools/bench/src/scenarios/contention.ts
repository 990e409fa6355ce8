import { isSmoke } from '../env.js';
import { counterFixture, type CounterLayout } from '../contention/counterLayout.js';
import { measureContention } from '../contention/measureContention.js';
import type { CustomScenario, MeasureOptions } from '../model/Scenario.js';

/** Worker counts measured: 1, 2 and 4; only 2 in smoke mode (each worker start costs ~0.5 s). */
export const WORKER_COUNTS: readonly number[] = isSmoke() ? [2] : [1, 2, 4];

/** How long each worker runs: 1 s, or 30 ms in smoke mode. */
export function contentionDurationMs(options: MeasureOptions): number {
  return options.smoke ? 30 : 1_000;
}

/**
 * Name of a counter scenario.
 *
 * @param layout - counter layout.
 * @param workers - worker count.
 * @returns e.g. `Atomics.add, 64-byte-strided counters, 2 workers`.
 */
export function counterName(layout: CounterLayout, workers: number): string {
  const what =
    layout === 'packed'
      ? 'packed counters (one cache line)'
      : layout === 'strided'
        ? 'cache-line-strided counters'
        : 'one shared counter';
  return `Atomics.add, ${what}, ${workers} worker${workers === 1 ? '' : 's'}`;
}

/**
 * The layout fixture: each worker increments its own counter, laid out packed (false sharing)
 * or one cache line apart, and all workers incrementing one counter (true sharing). Packed and
 * shared are compared with strided at the same worker count.
 *
 * @returns the scenarios, by worker count.
 */
export function counterScenarios(): CustomScenario[] {
  const group = 'worker contention: counter layout';
  return WORKER_COUNTS.flatMap((workers) =>
    (['strided', 'packed', 'shared'] as const).map((layout): CustomScenario => ({
      name: counterName(layout, workers),
      group,
      kind: 'baseline',
      ...(layout === 'strided' ? {} : { baseline: counterName('strided', workers) }),
      measure: (options) => {
        const { counters, slot } = counterFixture(layout, workers);
        return measureContention({
          workers,
          durationMs: contentionDurationMs(options),
          task: (i) => ({ kind: 'counter', counters, index: slot(i) }),
        });
      },
    })),
  );
}

/**
 * Name of a shared-breaker scenario.
 *
 * @param workers - worker count.
 * @returns e.g. `one shared CircuitBreaker: tryAcquire + onSuccess, 2 workers`.
 */
export function sharedBreakerName(workers: number): string {
  return `one shared CircuitBreaker: tryAcquire + onSuccess, ${workers} worker${workers === 1 ? '' : 's'}`;
}

/**
 * Every worker attaches to one breaker (`share()` / `attach`) and loops on `tryAcquire` +
 * `onSuccess`; compared with all workers incrementing one shared counter.
 *
 * @param share - creates a fresh breaker and returns its handle.
 * @returns the scenarios, by worker count.
 */
export function sharedBreakerScenarios(share: () => unknown): CustomScenario[] {
  const url = new URL('../contention/breakerOperation.ts', import.meta.url).href;
  return WORKER_COUNTS.map((workers) => ({
    name: sharedBreakerName(workers),
    group: 'worker contention: one shared breaker',
    baseline: counterName('shared', workers),
    measure: (options) => {
      const payload = share();
      return measureContention({
        workers,
        durationMs: contentionDurationMs(options),
        task: () => ({ kind: 'module', url, payload }),
      });
    },
  }));
}
