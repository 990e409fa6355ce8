import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/tempDir.js';
import { buildReport } from './buildReport.js';
import { context, outcome, s } from './fixtures/reportFixtures.js';
import { renderMarkdown } from './renderMarkdown.js';
import { renderSvg } from './renderSvg.js';
import { DOC_FILES, writeDocs } from './writeDocs.js';

const report = buildReport(
  [
    outcome('bench/baselines', [s('Atomics.load', 10, { kind: 'baseline' })]),
    outcome(
      'bench/breaker',
      [
        s('Atomics.load', 10, { kind: 'baseline' }),
        s('tryAcquire | closed', 1, {
          baseline: 'Atomics.load',
          reference: { label: 'seed', ns: 47 },
          target: { label: '<= 2 ns', maxMeanNs: 2 },
        }),
        s('opossum <fire>', 500, { kind: 'peer', versus: 'tryAcquire | closed' }),
        s('4 workers', 40, {
          throughput: { workers: 4, totalOpsPerSec: 4e7, perWorkerOpsPerSec: 1e7 },
        }),
      ],
      { errors: [{ name: 'broken', message: 'boom' }], notes: ['a note'] },
    ),
    outcome('latency/record', [s('record', 20, { note: 'per call' })], { source: 'mitata' }),
    {
      suite: { id: 'risk/check', path: '/w/r.ts', relativePath: 'r.ts' },
      exitCode: 1,
      durationMs: 5,
      failure: 'exited with code 1',
    },
  ],
  context,
);

describe('renderMarkdown', () => {
  const md = renderMarkdown(report, 'chart.svg');
  it('states the machine, the command and the noise', () => {
    expect(md).toContain('Node v20.20.2');
    expect(md).toContain('CPU `Test CPU`, 2 cores');
    expect(md).toContain('`npm run bench`');
    expect(md).toContain('**Noise.**');
    expect(md).not.toContain('smoke mode');
    expect(md).toContain('![median time per operation of every tools/bench scenario](chart.svg)');
  });
  it('tables every scenario with its ratio and published figure, escaping pipes', () => {
    expect(md).toContain(
      '| tryAcquire \\| closed | ours | 1.00 ns | 1.00 ns | 2.00 ns | 0.10x Atomics.load | seed: 47.0 ns (ours 0.021x) |',
    );
    expect(md).toContain(
      '| opossum <fire> | peer | 500 ns | 500 ns | 1.00 µs | 500x tryAcquire \\| closed |  |',
    );
  });
  it('lists targets, throughput, errors, notes and failed suites', () => {
    expect(md).toContain('## DESIGN §8 targets');
    expect(md).toMatch(
      /\| tryAcquire \\\| closed \| bench\/breaker \| 1.00 ns \| 1.00 ns \| 2.00 ns \| <= 2 ns \| met \|/,
    );
    expect(md).toContain('| 4 workers | 4 | 40.0 ns | 80.0 ns | 10,000,000/s | 40,000,000/s |  |');
    expect(md).toContain('- error in `broken`: boom');
    expect(md).toContain('- a note');
    expect(md).toContain('- record: per call');
    expect(md).toContain("(a package's own mitata file, collected from its `run()`)");
    expect(md).toContain('**This suite failed: exited with code 1.**');
  });
  it('flags smoke runs', () => {
    expect(renderMarkdown({ ...report, smoke: true }, 'c.svg')).toContain('in smoke mode');
  });
  it('marks missed and unknown targets', () => {
    const missed = buildReport(
      [
        outcome('b', [
          s('x', 9, { target: { label: 'm', maxMeanNs: 1 } }),
          s('y', 1, { target: { label: 'u' } }),
        ]),
      ],
      context,
    );
    const text = renderMarkdown(missed, 'c.svg');
    expect(text).toContain('| **missed** |');
    expect(text).toContain('| unknown |');
  });
});

describe('renderSvg', () => {
  it('draws one bar per entry on a log scale with suite headings, escaped', () => {
    const svg = renderSvg(report.scenarios, 'title <&>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('title &lt;&amp;&gt;');
    expect(svg).toContain('opossum &lt;fire&gt;');
    expect(svg.match(/<rect x="430"/g)?.length).toBe(report.scenarios.length);
    expect(svg).toContain('>bench/breaker</text>');
    expect(svg).toContain('>1.00 ns</text>');
    expect(svg).toContain('>1.00 µs</text>');
  });
});

describe('writeDocs', () => {
  it('writes markdown, JSON and the chart of tools/bench suites (not baselines, not throughput)', () => {
    const dir = tempDir('tripwire-bench-docs-');
    const paths = writeDocs(report, dir);
    expect(paths).toEqual(
      [DOC_FILES.markdown, DOC_FILES.json, DOC_FILES.chart].map((f) => join(dir, f)),
    );
    expect(JSON.parse(readFileSync(join(dir, DOC_FILES.json), 'utf8'))).toEqual(report);
    const svg = readFileSync(join(dir, DOC_FILES.chart), 'utf8');
    expect(svg).toContain('opossum &lt;fire&gt;');
    expect(svg).not.toContain('>4 workers<');
    expect(svg).not.toContain('bench/baselines');
    expect(svg).not.toContain('latency/record');
    expect(readFileSync(join(dir, DOC_FILES.markdown), 'utf8')).toContain('](benchmarks.svg)');
  });
});
