import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tempDir.js';
import { runSuites, type SuiteFile } from '@tripwire/bench';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = (name: string): SuiteFile => {
  const path = fileURLToPath(new URL(`../fixtures/${name}.bench.ts`, import.meta.url));
  return { id: `fixture/${name}`, path, relativePath: path.slice(root.length) };
};

describe('collector: package bench files that end with a bare run()', () => {
  it('collects their results, group names, baseline mark and errors without editing them', async () => {
    const resultsDir = tempDir('tripwire-bench-');
    const [outcome] = await runSuites([fixture('bare-run')], {
      root,
      resultsDir,
      smoke: true,
      timeoutMs: 60_000,
      output: 'ignore',
    });
    expect(outcome?.failure).toBeUndefined();
    const result = outcome?.result;
    expect(result?.source).toBe('mitata');
    expect(result?.smoke).toBe(true);
    expect(result?.suite).toBe('fixture/bare-run');
    const names = result?.scenarios.map((s) => s.name);
    expect(names).toEqual(['fixture: Atomics.load', 'fixture: Atomics.add']);
    const [load, add] = result?.scenarios ?? [];
    expect(load?.kind).toBe('baseline');
    expect(load?.group).toBe('fixture group');
    expect(add?.baseline).toBe('fixture: Atomics.load');
    for (const s of result?.scenarios ?? []) {
      expect(s.meanNs).toBeGreaterThan(0);
      expect(Number.isFinite(s.p99Ns)).toBe(true);
      expect(s.samples).toBeGreaterThan(0);
    }
    expect(result?.errors).toEqual([{ name: 'fixture: throws', message: 'fixture failure' }]);
    // smoke figures never overwrite a package's saved results
    const saved = fileURLToPath(new URL('../fixtures/bare-run.results.json', import.meta.url));
    expect(existsSync(saved)).toBe(false);
    expect(result?.notes).toEqual([
      `smoke mode: skipped writing ${saved} (smoke figures must not replace real ones)`,
    ]);
  }, 60_000);

  it('reports a crashing file and a file that never runs mitata as failures', async () => {
    const resultsDir = tempDir('tripwire-bench-');
    const [crash, noRun] = await runSuites([fixture('crash'), fixture('no-run')], {
      root,
      resultsDir,
      smoke: true,
      timeoutMs: 60_000,
      output: 'ignore',
    });
    expect(crash?.failure).toMatch(/exited with code 1.*fixture crash/);
    expect(noRun?.failure).toBe('measured no scenario');
    expect(noRun?.result?.notes).toEqual(['mitata run() was never called']);
  }, 60_000);

  it('kills a suite that exceeds its time limit', async () => {
    const resultsDir = tempDir('tripwire-bench-');
    const [outcome] = await runSuites([fixture('bare-run')], {
      root,
      resultsDir,
      smoke: true,
      timeoutMs: 1,
      output: 'ignore',
    });
    expect(outcome?.failure).toMatch(/killed by SIGKILL/);
    expect(outcome?.result).toBeUndefined();
  }, 60_000);

  it('shows the suite output when asked and announces each suite', async () => {
    const resultsDir = tempDir('tripwire-bench-');
    const started: string[] = [];
    const [crash] = await runSuites([fixture('crash')], {
      root,
      resultsDir,
      smoke: true,
      timeoutMs: 60_000,
      output: 'inherit',
      onStart: (suite, index, total) => started.push(`${suite.id} ${index + 1}/${total}`),
    });
    expect(started).toEqual(['fixture/crash 1/1']);
    expect(crash?.failure).toBe('exited with code 1');
  }, 60_000);
});
