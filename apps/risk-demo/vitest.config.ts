import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared.js';

// The scenario and browser tests each load the machine (worker threads, Chromium); running the
// test files one after the other keeps them from starving each other on a 2-core machine.
export default mergeConfig(
  projectConfig({
    name: '@tripwire/risk-demo',
    root: import.meta.dirname,
    testTimeout: 30_000,
    coverage: { lines: 85, branches: 75, functions: 85, statements: 85 },
    coverageExclude: [
      // Worker entry points and the process entry run in other threads / processes.
      'src/flow/orderFlowWorker.ts',
      'src/exchange/exchangeWorker.ts',
      'src/main.ts',
    ],
  }),
  { test: { fileParallelism: false } },
);
