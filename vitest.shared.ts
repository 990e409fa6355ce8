import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** Resolve workspace packages to their TypeScript sources, so tests never wait for a build. */
export const sourceConditions = ['@tripwire/source', 'module', 'node', 'import', 'default'];

/** Coverage floor for a project, in percent. */
export interface CoverageFloor {
  lines: number;
  branches: number;
  functions: number;
  statements: number;
}

/** Options of {@link projectConfig}. */
export interface ProjectConfigOptions {
  /** Project name, shown in vitest output. */
  name: string;
  /** Absolute directory of the project (`import.meta.dirname`). */
  root: string;
  /** Coverage thresholds enforced by the run; omitted means "report only". */
  coverage?: CoverageFloor;
  /** Extra globs excluded from coverage (e.g. worker entry points measured in another thread). */
  coverageExclude?: string[];
  /** Per-test timeout in ms (default vitest's 5 s). */
  testTimeout?: number;
}

/**
 * The one vitest configuration every project uses: source conditions, a JSON report that
 * `scripts/test.mjs` adds up into the root `N passed, N failed` line, and v8 coverage.
 */
export function projectConfig(options: ProjectConfigOptions): ViteUserConfig {
  return defineConfig({
    root: options.root,
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      name: options.name,
      root: options.root,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: options.testTimeout ?? 5_000,
      reporters: ['default', ['json', { outputFile: 'test-output/vitest/results.json' }]],
      coverage: {
        enabled: true,
        provider: 'v8',
        reportsDirectory: 'test-output/vitest/coverage',
        reporter: ['text-summary', 'json-summary'],
        include: ['src/**/*.ts'],
        exclude: [
          'src/**/*.test.ts',
          'src/**/fixtures/**',
          'src/index.ts',
          ...(options.coverageExclude ?? []),
        ],
        ...(options.coverage ? { thresholds: { ...options.coverage } } : {}),
      },
    },
  });
}
