import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tempDir.js';
import {
  buildReport,
  discoverSuites,
  machineInfo,
  runSuites,
  writeDocs,
  type Report,
} from '@tripwire/bench';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('smoke: every suite still runs', () => {
  it('runs every tools/bench suite and package bench file in smoke mode and renders the docs', async () => {
    const suites = discoverSuites(root);
    const ids = suites.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['bench/baselines', 'bench/contention']));
    const resultsDir = tempDir('tripwire-bench-');
    const outcomes = await runSuites(suites, {
      root,
      resultsDir,
      smoke: true,
      concurrency: 2,
      timeoutMs: 60_000,
      output: 'ignore',
    });
    const failures = outcomes.filter(
      (o) => o.failure !== undefined || (o.result?.errors.length ?? 0) > 0,
    );
    expect(
      failures.map((o) => `${o.suite.id}: ${o.failure ?? JSON.stringify(o.result?.errors)}`),
    ).toEqual([]);
    for (const o of outcomes) {
      expect(o.result?.smoke).toBe(true);
      for (const s of o.result?.scenarios ?? []) {
        expect(s.meanNs, `${o.suite.id}: ${s.name}`).toBeGreaterThan(0);
        expect(Number.isFinite(s.meanNs), `${o.suite.id}: ${s.name}`).toBe(true);
      }
    }

    const report = buildReport(outcomes, {
      generatedAt: new Date(0).toISOString(),
      smoke: true,
      command: 'npm run bench -- --smoke',
      machine: machineInfo(),
      loadAverageAtEnd: 0,
      durationMs: 1,
    });
    const docs = tempDir('tripwire-bench-docs-');
    writeDocs(report, docs);
    const json = JSON.parse(readFileSync(join(docs, 'benchmarks.json'), 'utf8')) as Report;
    expect(json.scenarios.length).toBe(
      outcomes.reduce((n, o) => n + (o.result?.scenarios.length ?? 0), 0),
    );
    const md = readFileSync(join(docs, 'benchmarks.md'), 'utf8');
    for (const id of ids) expect(md).toContain(`## ${id}`);
    expect(md).toContain('smoke mode');
  }, 120_000);
});
