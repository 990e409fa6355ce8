import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from './buildReport.js';
import { renderMarkdown } from './renderMarkdown.js';
import { renderSvg } from './renderSvg.js';

/** File names written by {@link writeDocs}. */
export const DOC_FILES = {
  markdown: 'benchmarks.md',
  json: 'benchmarks.json',
  chart: 'benchmarks.svg',
} as const;

/**
 * Writes `benchmarks.md`, `benchmarks.json` and `benchmarks.svg` into a directory.
 *
 * @param report - the run.
 * @param dir - target directory (the workspace's `docs/`).
 * @returns the paths written.
 */
export function writeDocs(report: Report, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const chartEntries = report.scenarios.filter(
    (e) => e.suite.startsWith('bench/') && e.suite !== 'bench/baselines' && e.throughput === null,
  );
  const files: [string, string][] = [
    [DOC_FILES.markdown, renderMarkdown(report, DOC_FILES.chart)],
    [DOC_FILES.json, `${JSON.stringify(report, null, 2)}\n`],
    [
      DOC_FILES.chart,
      renderSvg(
        chartEntries,
        `tripwire benchmarks (Node ${report.machine.node}, ${report.machine.cores} cores, shared machine)`,
      ),
    ],
  ];
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
