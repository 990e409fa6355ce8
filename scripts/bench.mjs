#!/usr/bin/env node
// `npm run bench`: every benchmark suite (tools/bench suites and packages/*/bench/*.bench.ts),
// each in its own process, then docs/benchmarks.{md,json,svg}.
// Arguments pass through: `npm run bench -- --smoke`, `npm run bench -- --filter latency`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = spawnSync(
  process.execPath,
  [
    '--conditions=@tripwire/source',
    '--import',
    'tsx',
    join(root, 'tools', 'bench', 'src', 'cli.ts'),
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(run.status ?? 1);
