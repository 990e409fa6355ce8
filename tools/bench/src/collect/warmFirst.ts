// Calls a benchmark's function a few times before mitata sees it.
//
// mitata 1.0.34 decides once, from the first call, whether a function is fast enough to be timed
// in batches of 4,096 calls: if that first call takes more than 500 µs it never batches and times
// every call on its own, so the figure becomes the timer's own cost (~50 ns and an allocated
// bigint per sample) instead of the function's. The first call of a breaker path compiles every
// function it reaches (V8 compiles lazily), which takes more than 500 µs on a slow or loaded
// machine: the same `tryAcquire + onSuccess` then measured 58 ns unbatched and 15 ns batched.
// Calling the function first, in the same process right before its own measurement (so a call
// site still sees only the receivers of the benchmarks before it), makes the decision depend on
// the steady-state cost, which is what every figure of the report means.

/** At most this many calls before the measurement. */
export const WARM_CALLS = 64;
/** Warming stops after this much time (ms) even when fewer calls were made (a slow function). */
export const WARM_BUDGET_MS = 100;

type BenchFn = () => unknown;

/**
 * Whether mitata would time `fn` as a plain function (no parameters, not a generator): the only
 * form whose batching is decided by its first call. Generator and parameterised benchmarks set
 * themselves up and are passed through unchanged.
 *
 * @param fn - what a bench file gave mitata's `bench`.
 * @returns true for a plain or async function without parameters.
 */
export function isPlainBenchFn(fn: unknown): fn is BenchFn {
  if (typeof fn !== 'function' || fn.length !== 0) return false;
  const kind = (fn as { constructor?: { name?: string } }).constructor?.name;
  return kind === 'Function' || kind === 'AsyncFunction';
}

/**
 * Wraps a benchmark function in mitata's generator form: the generator calls `fn` (awaiting its
 * promise, if any) up to {@link WARM_CALLS} times within {@link WARM_BUDGET_MS}, then yields `fn`
 * itself for mitata to measure, so the timed code is exactly the caller's.
 *
 * @param fn - a plain benchmark function.
 * @returns an async generator function mitata measures as `fn`.
 * @example
 * ```ts
 * bench('tryAcquire + onSuccess', warmFirst(() => do_not_optimize(cb.onSuccess(cb.tryAcquire()))));
 * ```
 */
export function warmFirst(fn: BenchFn): () => AsyncGenerator<BenchFn, void> {
  return async function* warm(): AsyncGenerator<BenchFn, void> {
    const end = performance.now() + WARM_BUDGET_MS;
    for (let i = 0; i < WARM_CALLS && (i === 0 || performance.now() < end); i++) {
      const r = fn();
      if (r instanceof Promise) await r;
    }
    yield fn;
  };
}

/**
 * What to give mitata's `bench` for a benchmark: a plain function wrapped by {@link warmFirst},
 * anything else (a generator, an iterator benchmark) as it is.
 *
 * @param fn - what a bench file or a suite gave as the benchmark.
 * @returns the benchmark to register.
 */
export function warmedBench(fn: unknown): unknown {
  return isPlainBenchFn(fn) ? warmFirst(fn) : fn;
}
