import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@tripwire/diagrams',
  root: import.meta.dirname,
  coverage: { lines: 95, branches: 95, functions: 95, statements: 95 },
  // Run as a child process by src/diagramFiles.test.ts, where v8 coverage does not reach.
  coverageExclude: ['src/cli.ts'],
  testTimeout: 30_000,
});
