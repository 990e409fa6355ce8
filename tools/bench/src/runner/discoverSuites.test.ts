import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/tempDir.js';
import { discoverSuites } from './discoverSuites.js';
import { PRELOAD_PATH, suiteArgs } from './suiteCommand.js';
import { describeStderr } from './runSuites.js';

describe('discoverSuites', () => {
  it('finds tools/bench suites, then package bench files, sorted, and nothing else', () => {
    const root = tempDir('tripwire-bench-root-');
    const touch = (p: string): void => {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), '');
    };
    touch('tools/bench/src/suites/b.suite.ts');
    touch('tools/bench/src/suites/a.suite.ts');
    touch('tools/bench/src/suites/helper.ts');
    touch('packages/zeta/bench/x.bench.ts');
    touch('packages/alpha/bench/y.bench.ts');
    touch('packages/alpha/bench/notes.md');
    touch('packages/nobench/src/index.ts');
    mkdirSync(join(root, 'packages/alpha/bench/dir.bench.ts'));
    expect(discoverSuites(root).map((s) => [s.id, s.relativePath])).toEqual([
      ['bench/a', 'tools/bench/src/suites/a.suite.ts'],
      ['bench/b', 'tools/bench/src/suites/b.suite.ts'],
      ['alpha/y', 'packages/alpha/bench/y.bench.ts'],
      ['zeta/x', 'packages/zeta/bench/x.bench.ts'],
    ]);
  });

  it('finds nothing in an empty workspace', () => {
    expect(discoverSuites(tempDir('tripwire-bench-empty-'))).toEqual([]);
  });

  it('runs a suite with the command DESIGN prescribes plus the collector preload', () => {
    expect(suiteArgs('/w/s.ts')).toEqual([
      '--expose-gc',
      '--conditions=@tripwire/source',
      '--import',
      'tsx',
      '--import',
      PRELOAD_PATH,
      '/w/s.ts',
    ]);
  });
});

describe('describeStderr', () => {
  it('picks the error line of a crash, else the last lines', () => {
    expect(
      describeStderr(
        'file:///x.ts:2\nthrow new Error("a")\n\nError: fixture crash\n    at x\n\nNode.js v20',
      ),
    ).toBe(': Error: fixture crash');
    expect(describeStderr('TypeError [ERR_X]: bad thing\n  at y')).toBe(
      ': TypeError [ERR_X]: bad thing',
    );
    expect(describeStderr('one\ntwo\nthree\nfour\n')).toBe(': two / three / four');
    expect(describeStderr('')).toBe('');
  });
});
