import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@tripwire/bench',
  root: import.meta.dirname,
  coverage: { lines: 95, branches: 90, functions: 95, statements: 95 },
  // These run only inside the suite processes the runner spawns (or are the CLI itself), where
  // vitest's coverage does not reach; the smoke tests execute every one of them.
  coverageExclude: [
    'src/cli.ts',
    'src/suites/**',
    'src/scenarios/**',
    'src/contention/**',
    'src/collect/preload.ts',
    'src/collect/guardSmokeWrites.ts',
    'src/collect/mitataShim.ts',
    'src/suite/runSuite.ts',
  ],
});
