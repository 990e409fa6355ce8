import { fileURLToPath } from 'node:url';

/** Path of the collector preload every suite process imports. */
export const PRELOAD_PATH = fileURLToPath(new URL('../collect/preload.ts', import.meta.url));

/**
 * The command line of one suite process: the one DESIGN prescribes for benchmarks, plus the
 * collector preload.
 *
 * @param suitePath - absolute path of the suite file.
 * @returns `node` arguments.
 */
export function suiteArgs(suitePath: string): string[] {
  return [
    '--expose-gc',
    '--conditions=@tripwire/source',
    '--import',
    'tsx',
    '--import',
    PRELOAD_PATH,
    suitePath,
  ];
}
