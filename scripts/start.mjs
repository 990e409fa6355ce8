#!/usr/bin/env node
// `npm start`: runs the risk demo (apps/risk-demo) with any extra arguments passed through,
// e.g. `npm start -- --scenario outage --seconds 30 --headless`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const entry = join(root, 'apps', 'risk-demo', 'src', 'main.ts');
const run = spawnSync(
  process.execPath,
  ['--conditions=@tripwire/source', '--import', 'tsx', entry, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
