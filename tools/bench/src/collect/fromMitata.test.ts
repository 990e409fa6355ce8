import { describe, expect, it } from 'vitest';
import { fromMitata, type MitataRunOutput } from './fromMitata.js';

const stats = (avg: number) => ({
  avg,
  p50: avg,
  p99: avg * 2,
  min: avg / 2,
  max: avg * 3,
  samples: [1, 2, 3],
});

describe('fromMitata', () => {
  it('takes group names and the .baseline() mark from mitata when nothing is declared', () => {
    const output: MitataRunOutput = {
      layout: [{ name: null }, { name: 'g' }],
      benchmarks: [
        { alias: 'base', group: 1, baseline: true, runs: [{ name: 'base', stats: stats(10) }] },
        { alias: 'x', group: 1, baseline: false, runs: [{ name: 'x', stats: stats(30) }] },
        { alias: 'y', group: 0, runs: [{ name: 'y', stats: stats(5) }] },
      ],
    };
    const { scenarios, errors } = fromMitata(output);
    expect(errors).toEqual([]);
    expect(scenarios.map((s) => [s.name, s.group, s.kind, s.baseline])).toEqual([
      ['base', 'g', 'baseline', undefined],
      ['x', 'g', 'ours', 'base'],
      ['y', null, 'ours', undefined],
    ]);
    expect(scenarios[1]).toMatchObject({
      meanNs: 30,
      p50Ns: 30,
      p99Ns: 60,
      minNs: 15,
      maxNs: 90,
      samples: 3,
    });
  });

  it('prefers what the suite declared, keeps one run per argument value, and reports errors', () => {
    const output: MitataRunOutput = {
      benchmarks: [
        {
          alias: 'n=$n',
          runs: [
            { name: 'n=1', stats: stats(1) },
            { name: 'n=2', error: new Error('bad') },
            { name: 'n=3', error: { message: 'plain' } },
            { name: 'n=4', error: 'text' },
          ],
        },
      ],
    };
    const declared = new Map([
      [
        'n=1',
        {
          name: 'n=1',
          group: 'declared',
          kind: 'peer' as const,
          baseline: 'b',
          versus: 'v',
          reference: { label: 'seed', ns: 3 },
          target: { label: 't', maxMeanNs: 2 },
          note: 'note',
        },
      ],
    ]);
    const { scenarios, errors } = fromMitata(output, declared);
    expect(scenarios).toHaveLength(1);
    expect(scenarios[0]).toMatchObject({
      name: 'n=1',
      group: 'declared',
      kind: 'peer',
      baseline: 'b',
      versus: 'v',
      reference: { label: 'seed', ns: 3 },
      target: { label: 't', maxMeanNs: 2 },
      note: 'note',
    });
    expect(errors).toEqual([
      { name: 'n=2', message: 'bad' },
      { name: 'n=3', message: 'plain' },
      { name: 'n=4', message: 'text' },
    ]);
  });
});
