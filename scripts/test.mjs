#!/usr/bin/env node
// `npm test`: every check of the workspace, in order, then one line `N passed, N failed`.
//
// Steps: format check, nx sync check (project references), typecheck, lint, and every project's
// vitest run (unit, property, conformance, concurrency, e2e; with coverage) through nx, which
// caches what did not change. Test counts come from each project's vitest JSON report
// (test-output/vitest/results.json); a step that fails without a failed test to show for it
// (a type error, a lint error, a coverage floor, a crashed run) counts as one failure, so the
// summary line never reads "0 failed" for a red run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
const nx = (target) => [
  'nx',
  'run-many',
  '-t',
  target,
  '--outputStyle=static',
  '--parallel=2',
  ...process.argv.slice(2),
];

const steps = [
  { name: 'format', cmd: ['prettier', '--check', '.', '--log-level', 'warn'] },
  { name: 'sync', cmd: ['nx', 'sync:check'] },
  { name: 'typecheck', cmd: nx('typecheck') },
  { name: 'lint', cmd: nx('lint') },
  { name: 'test', cmd: nx('test'), tests: true },
];

function projectDirs() {
  const dirs = [];
  for (const group of ['packages', 'models', 'tools', 'apps']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(join(base, entry.name));
    }
  }
  return dirs;
}

const reportOf = (dir) => join(dir, 'test-output', 'vitest', 'results.json');

// Stale reports must not count: nx restores the report of a cached run from its cache.
for (const dir of projectDirs()) rmSync(reportOf(dir), { force: true });

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const run = spawnSync('npx', ['--no-install', ...step.cmd], { cwd: root, env, stdio: 'inherit' });
  results.push({ ...step, ok: run.status === 0 });
}

let passed = 0;
let failed = 0;
const perProject = [];
for (const dir of projectDirs()) {
  const file = reportOf(dir);
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  perProject.push(
    `${dir.slice(root.length + 1)}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
  );
}

const failedTests = failed;
console.log('\n=== summary');
for (const line of perProject) console.log(line);
for (const step of results) {
  console.log(`${step.name}: ${step.ok ? 'ok' : 'FAILED'}`);
  // A failed step with no failed test behind it still counts once.
  if (!step.ok && !(step.tests && failedTests > 0)) failed += 1;
}
const ok = results.every((s) => s.ok);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
