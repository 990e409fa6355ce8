import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@tripwire/models',
  root: import.meta.dirname,
  coverage: { lines: 95, branches: 95, functions: 95, statements: 95 },
  // Graph exploration and fixture shrinking take seconds on the shared 2-core machine.
  testTimeout: 30_000,
});
