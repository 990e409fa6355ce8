import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  name: '@tripwire/risk-engine',
  root: import.meta.dirname,
  coverage: { lines: 95, branches: 95, functions: 95, statements: 95 },
});
