// `npm run bench`: runs every suite (tools/bench/src/suites/*.suite.ts and every package's
// bench/*.bench.ts), each in its own process, then writes docs/benchmarks.{md,json,svg}.
//
//   node --conditions=@tripwire/source --import tsx tools/bench/src/cli.ts [options]
//     --smoke            a few samples per benchmark, only to prove the suites run; no docs
//     --filter <text>    only suites whose id contains <text> (repeatable)
//     --results <dir>    where suite JSON goes (default tools/bench/results/latest; smoke: …/smoke)
//     --docs <dir>       where the docs go (default docs/; in smoke mode none unless given)
//     --no-docs          write no docs
//     --timeout <ms>     per-suite time limit (default 900000, smoke 120000)
//     --quiet            hide mitata's tables
//   node … tools/bench/src/cli.ts render <report.json> [--docs <dir>]   re-render the docs
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildReport, type Report } from './report/buildReport.js';
import { loadAverage, machineInfo } from './report/machineInfo.js';
import { DOC_FILES, writeDocs } from './report/writeDocs.js';
import { discoverSuites } from './runner/discoverSuites.js';
import { runSuites } from './runner/runSuites.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Writes the docs, then formats the markdown with the workspace's prettier (CI checks it). */
function publish(report: Report, dir: string): void {
  for (const p of writeDocs(report, dir)) console.log(`wrote ${p}`);
  const prettier = join(root, 'node_modules', '.bin', 'prettier');
  const run = spawnSync(
    prettier,
    ['--write', '--log-level', 'warn', join(dir, DOC_FILES.markdown)],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) console.error(`prettier failed on ${join(dir, DOC_FILES.markdown)}`);
}
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    smoke: { type: 'boolean', default: false },
    filter: { type: 'string', multiple: true },
    results: { type: 'string' },
    docs: { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
    timeout: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

if (positionals[0] === 'render') {
  const source = positionals[1];
  if (source === undefined) throw new Error('render: give the report JSON to render');
  const report = JSON.parse(readFileSync(source, 'utf8')) as Report;
  publish(report, values.docs ?? join(root, 'docs'));
} else {
  const smoke = values.smoke;
  const filters = values.filter ?? [];
  const suites = discoverSuites(root).filter(
    (s) => filters.length === 0 || filters.some((f) => s.id.includes(f)),
  );
  // Smoke figures go to their own (git-ignored) folder: they must never replace the committed
  // results of a real run.
  const resultsDir =
    values.results ?? join(root, 'tools', 'bench', 'results', smoke ? 'smoke' : 'latest');
  const machine = machineInfo();
  const started = Date.now();
  const outcomes = await runSuites(suites, {
    root,
    resultsDir,
    smoke,
    concurrency: smoke ? 2 : 1,
    timeoutMs: Number(values.timeout ?? (smoke ? 120_000 : 900_000)),
    output: values.quiet ? 'ignore' : 'inherit',
    onStart: (s, i, n) => console.log(`\n=== [${i + 1}/${n}] ${s.id} (${s.relativePath})`),
  });
  const report = buildReport(outcomes, {
    generatedAt: new Date(started).toISOString(),
    smoke,
    command: smoke ? 'npm run bench -- --smoke' : 'npm run bench',
    machine,
    loadAverageAtEnd: loadAverage(),
    durationMs: Date.now() - started,
  });
  writeFileSync(join(resultsDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const docsDir = values['no-docs']
    ? undefined
    : (values.docs ?? (smoke ? undefined : join(root, 'docs')));
  if (docsDir !== undefined) publish(report, docsDir);

  const failed = report.suites.filter((s) => s.failure !== null || s.errors.length > 0);
  console.log(
    `\n${report.suites.length} suites, ${report.scenarios.length} scenarios, ${failed.length} failed` +
      ` (${((Date.now() - started) / 1000).toFixed(0)} s); results in ${resultsDir}`,
  );
  for (const s of failed) {
    console.log(
      `  ${s.id}: ${s.failure ?? s.errors.map((e) => `${e.name}: ${e.message}`).join('; ')}`,
    );
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
}
