import { describe, expect, it } from 'vitest';
import { buildReport } from './buildReport.js';
import { context, outcome, s } from './fixtures/reportFixtures.js';

describe('buildReport', () => {
  const report = buildReport(
    [
      outcome('bench/x', [
        s('load', 10, { kind: 'baseline' }),
        s('await', 100, { kind: 'baseline' }),
        s('acquire', 15, {
          baseline: 'load',
          reference: { label: 'seed', ns: 47 },
          target: { label: '<= 2x load', maxRatio: 2, maxMeanNs: 20, maxP50Ns: 20, maxP99Ns: 40 },
        }),
        s('slow', 50, { baseline: 'load', target: { label: '<= 2x load', maxRatio: 2 } }),
        s('execute', 150, {
          baseline: 'await',
          target: {
            label: 'half of peer',
            maxOverheadRatio: { peer: 'peer', ratio: 0.5 },
            fasterThan: 'peer',
          },
        }),
        s('peer', 300, { kind: 'peer', baseline: 'await', versus: 'execute' }),
        s('lonely', 1, { target: { label: 'none' } }),
        s('nobase', 1, { target: { label: 'r', maxRatio: 1 } }),
        s('nofaster', 1, { target: { label: 'f', fasterThan: 'missing' } }),
        s('nopeer', 1, {
          baseline: 'load',
          target: { label: 'o', maxOverheadRatio: { peer: 'missing', ratio: 1 } },
        }),
        s('tp', 20, {
          note: 'n',
          throughput: { workers: 2, totalOpsPerSec: 1e8, perWorkerOpsPerSec: 5e7 },
        }),
      ]),
      {
        suite: { id: 'pkg/dead', path: '/w/d.ts', relativePath: 'd.ts' },
        exitCode: 1,
        durationMs: 5,
        failure: 'exited with code 1',
      },
    ],
    context,
  );
  const entry = (name: string) => report.scenarios.find((e) => e.name === name);

  it('keeps the context and lists every suite, failed ones included', () => {
    expect(report.machine.cpuModel).toBe('Test CPU');
    expect(report.suites.map((x) => [x.id, x.source, x.failure])).toEqual([
      ['bench/x', 'runSuite', null],
      ['pkg/dead', 'none', 'exited with code 1'],
    ]);
  });

  it('computes ours / baseline, peer / ours and ours / published figure', () => {
    expect(entry('acquire')?.baseline).toEqual({
      name: 'load',
      meanNs: 10,
      p50Ns: 10,
      ratio: 1.5,
      meanRatio: 1.5,
      deltaNs: 5,
    });
    expect(entry('acquire')?.reference).toEqual({ label: 'seed', ns: 47, ratio: 15 / 47 });
    expect(entry('peer')?.versus).toEqual({
      name: 'execute',
      meanNs: 150,
      p50Ns: 150,
      ratio: 2,
      meanRatio: 2,
    });
    expect(entry('load')?.baseline).toBeNull();
    expect(entry('tp')?.throughput?.workers).toBe(2);
    expect(entry('tp')?.note).toBe('n');
  });

  it('judges targets: met, missed, unknown', () => {
    expect(entry('acquire')?.target?.status).toBe('met');
    expect(entry('slow')?.target).toMatchObject({ status: 'missed', detail: '5.00x <= 2x load' });
    // overhead 50 ns vs peer's 200 ns = 0.25 <= 0.5, and faster than the peer
    expect(entry('execute')?.target?.status).toBe('met');
    expect(entry('execute')?.target?.detail).toContain('0.250x');
    expect(entry('lonely')?.target?.status).toBe('unknown');
    expect(entry('nobase')?.target).toMatchObject({
      status: 'unknown',
      detail: 'baseline not measured',
    });
    expect(entry('nofaster')?.target?.status).toBe('unknown');
    expect(entry('nopeer')?.target?.status).toBe('unknown');
  });

  it('misses a bound on the mean, p50 or p99 alone', () => {
    const r = buildReport(
      [
        outcome('b', [
          s('m', 30, { target: { label: 'mean', maxMeanNs: 20 } }),
          s('p50', 30, { target: { label: 'p50', maxP50Ns: 20 } }),
          s('p99', 30, { target: { label: 'p99', maxP99Ns: 50 } }),
          s('slower', 30, { target: { label: 'f', fasterThan: 'm' } }),
        ]),
      ],
      context,
    );
    expect(r.scenarios.map((e) => e.target?.status)).toEqual([
      'missed',
      'missed',
      'missed',
      'missed',
    ]);
  });

  it('compares throughput scenarios by their means (inverse throughputs), others by medians', () => {
    const tp = { workers: 2, totalOpsPerSec: 1, perWorkerOpsPerSec: 1 };
    const r = buildReport(
      [
        outcome('b', [
          s('base', 10, { p50Ns: 5 }),
          s('contended', 40, {
            p50Ns: 5,
            baseline: 'base',
            throughput: tp,
            reference: { label: 'seed', ns: 100 },
          }),
          s('plain', 40, { p50Ns: 5, baseline: 'base' }),
        ]),
      ],
      context,
    );
    expect(r.scenarios[1]?.baseline).toMatchObject({ ratio: 4, meanRatio: 4 });
    expect(r.scenarios[1]?.reference?.ratio).toBe(0.4);
    expect(r.scenarios[2]?.baseline).toMatchObject({ ratio: 1, meanRatio: 4, deltaNs: 0 });
  });
});
