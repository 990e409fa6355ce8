// Stands in for `mitata` in a suite process (the collector's resolve hook redirects every
// `import 'mitata'` here, except this module's own): the same exports, with `run` recording what
// it measured in the process registry, so a package's bench file ending with a bare `run()` is
// collected without being edited, and `bench` warming a plain function before mitata measures it
// (warmFirst.ts says why).
import { bench as mitataBench, run as mitataRun } from 'mitata';
import { benchRegistry } from './registry.js';
import { warmedBench } from './warmFirst.js';

export * from 'mitata';

/**
 * mitata's `bench`, with a plain benchmark function warmed first ({@link warmedBench}).
 *
 * @param nameOrFn - the benchmark's name, or its function (mitata names it then).
 * @param fn - the function, generator or iterator benchmark, after a name.
 * @returns mitata's benchmark object.
 */
export function bench(nameOrFn: unknown, fn?: unknown): ReturnType<typeof mitataBench> {
  const call = mitataBench as (...args: unknown[]) => ReturnType<typeof mitataBench>;
  if (typeof nameOrFn === 'function') return call(warmedBench(nameOrFn));
  return call(nameOrFn, warmedBench(fn));
}

/**
 * mitata's `run`, recording its output for the collector.
 *
 * @param options - as for mitata's `run`.
 * @returns what mitata's `run` returns.
 */
export async function run(options?: Parameters<typeof mitataRun>[0]): ReturnType<typeof mitataRun> {
  const output = await mitataRun(options);
  benchRegistry().runs.push(output);
  return output;
}
