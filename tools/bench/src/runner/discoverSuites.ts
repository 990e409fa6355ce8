import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A suite file the runner will run in its own process. */
export interface SuiteFile {
  /** Suite id: `bench/<name>` for tools/bench suites, `<package>/<name>` for package bench files. */
  readonly id: string;
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the workspace root. */
  readonly relativePath: string;
}

function filesEnding(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => e.name)
    .sort();
}

/**
 * Finds every suite: `tools/bench/src/suites/*.suite.ts`, then every package's
 * `packages/<name>/bench/*.bench.ts`, in a stable order.
 *
 * @param root - workspace root.
 * @returns the suite files.
 */
export function discoverSuites(root: string): SuiteFile[] {
  const suites: SuiteFile[] = [];
  const own = join(root, 'tools', 'bench', 'src', 'suites');
  for (const name of filesEnding(own, '.suite.ts')) {
    const path = join(own, name);
    suites.push({
      id: `bench/${name.slice(0, -'.suite.ts'.length)}`,
      path,
      relativePath: relative(root, path),
    });
  }
  const packages = join(root, 'packages');
  const pkgNames = existsSync(packages)
    ? readdirSync(packages, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  for (const pkg of pkgNames) {
    const dir = join(packages, pkg, 'bench');
    for (const name of filesEnding(dir, '.bench.ts')) {
      const path = join(dir, name);
      suites.push({
        id: `${pkg}/${name.slice(0, -'.bench.ts'.length)}`,
        path,
        relativePath: relative(root, path),
      });
    }
  }
  return suites;
}
