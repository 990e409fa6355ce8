import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@tripwire/conformance',
  root: import.meta.dirname,
  coverage: { lines: 90, branches: 85, functions: 90, statements: 90 },
  // Runs inside the worker threads the tests start (v8 coverage is collected on this thread only).
  coverageExclude: ['src/interleave/schedulingWorker.ts'],
});
