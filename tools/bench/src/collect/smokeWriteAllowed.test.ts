import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/tempDir.js';
import { smokeWriteAllowed } from './smokeWriteAllowed.js';
import { smokeNotes } from './writeSuiteResult.js';

describe('smoke-mode write guard', () => {
  const dir = tempDir('tripwire-bench-');
  it('allows writes inside the allowed directories only', () => {
    expect(smokeWriteAllowed(join(dir, 'a.json'), [dir])).toBe(true);
    expect(smokeWriteAllowed(pathToFileURL(join(dir, 'x', 'b.json')), [dir])).toBe(true);
    expect(smokeWriteAllowed(Buffer.from(join(dir, 'c.json')), [dir])).toBe(true);
    expect(smokeWriteAllowed(dir, [dir])).toBe(true);
    expect(smokeWriteAllowed('/work/main/packages/latency/bench/results.json', [dir])).toBe(false);
    expect(smokeWriteAllowed(`${dir}-sibling/a.json`, [dir])).toBe(false);
    expect(smokeWriteAllowed(1, [dir])).toBe(true);
  });
  it('keeps the workspace protected when it lies inside an allowed directory (a checkout in /tmp)', () => {
    const workspace = join(dir, 'checkout');
    const results = join(workspace, 'tools', 'bench', 'results');
    const saved = join(workspace, 'packages', 'latency', 'bench', 'results.json');
    expect(smokeWriteAllowed(saved, [dir], workspace)).toBe(false);
    expect(smokeWriteAllowed(join(results, 'suite.json'), [dir, results], workspace)).toBe(true);
    expect(smokeWriteAllowed(join(dir, 'elsewhere.json'), [dir], workspace)).toBe(true);
  });
  it('notes every skipped write', () => {
    expect(smokeNotes(['/a/results.json'])).toEqual([
      'smoke mode: skipped writing /a/results.json (smoke figures must not replace real ones)',
    ]);
  });
});
