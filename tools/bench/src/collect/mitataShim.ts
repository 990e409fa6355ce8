// Stands in for `mitata` in a suite process (the collector's resolve hook redirects every
// `import 'mitata'` here, except this module's own): the same exports, with `run` recording what
// it measured in the process registry, so a package's bench file ending with a bare `run()` is
// collected without being edited.
import { run as mitataRun } from 'mitata';
import { benchRegistry } from './registry.js';

export * from 'mitata';

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
