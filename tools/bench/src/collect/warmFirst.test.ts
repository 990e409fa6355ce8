import { measure } from 'mitata';
import { describe, expect, it } from 'vitest';
import { isPlainBenchFn, WARM_BUDGET_MS, WARM_CALLS, warmedBench, warmFirst } from './warmFirst.js';

// A few samples of 64 calls: enough to see whether mitata batched, in a few ms.
const QUICK = { min_cpu_time: 1e6, batch_samples: 64 };

/** A function whose first call costs `firstMs` (as a lazily compiled path does), then nothing. */
function slowFirstCall(firstMs: number): { fn: () => number; calls: () => number } {
  let calls = 0;
  return {
    fn: () => {
      if (calls++ === 0) {
        const end = performance.now() + firstMs;
        while (performance.now() < end);
      }
      return calls;
    },
    calls: () => calls,
  };
}

describe('warmFirst', () => {
  it('mitata times a function whose first call is slow one call at a time (the bug it fixes)', async () => {
    const stats = await measure(slowFirstCall(2).fn, QUICK);
    expect(stats.ticks).toBe(stats.samples.length);
  });

  it('the same function, warmed first, is timed in batches', async () => {
    const stats = await measure(warmFirst(slowFirstCall(2).fn), QUICK);
    expect(stats.ticks).toBe(stats.samples.length * QUICK.batch_samples);
  });

  it(`calls the function ${String(WARM_CALLS)} times before yielding it unchanged`, async () => {
    const subject = slowFirstCall(0);
    const generator = warmFirst(subject.fn)();
    const first = await generator.next();
    expect(first.value).toBe(subject.fn);
    expect(subject.calls()).toBe(WARM_CALLS);
    expect((await generator.next()).done).toBe(true);
  });

  it('awaits a promise-returning function between warm-up calls', async () => {
    let inFlight = 0;
    let most = 0;
    const fn = async (): Promise<void> => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
    };
    await warmFirst(fn)().next();
    expect(most).toBe(1);
    expect(inFlight).toBe(0);
  });

  it(`stops warming a slow function after ${String(WARM_BUDGET_MS)} ms, after at least one call`, async () => {
    let calls = 0;
    const fn = (): void => {
      calls++;
      const end = performance.now() + WARM_BUDGET_MS / 4;
      while (performance.now() < end);
    };
    await warmFirst(fn)().next();
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(5);
  });
});

describe('isPlainBenchFn', () => {
  it('accepts plain and async functions without parameters', () => {
    expect(isPlainBenchFn(() => 1)).toBe(true);
    expect(isPlainBenchFn(async () => Promise.resolve(1))).toBe(true);
  });

  it('passes generators, parameterised (iterator) benchmarks and non-functions through', () => {
    expect(isPlainBenchFn(function* () {})).toBe(false);
    expect(isPlainBenchFn(async function* () {})).toBe(false);
    expect(isPlainBenchFn((state: unknown) => state)).toBe(false);
    expect(isPlainBenchFn('bench')).toBe(false);
    expect(isPlainBenchFn(undefined)).toBe(false);
  });
});

describe('warmedBench', () => {
  it('wraps a plain function and passes a generator through unchanged', async () => {
    const subject = slowFirstCall(0);
    const wrapped = warmedBench(subject.fn) as () => AsyncGenerator<unknown, void>;
    expect(wrapped).not.toBe(subject.fn);
    expect((await wrapped().next()).value).toBe(subject.fn);
    const gen = function* (): Generator<() => number, void> {
      yield subject.fn;
    };
    expect(warmedBench(gen)).toBe(gen);
  });
});
