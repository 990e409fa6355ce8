import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../LatencyHistogram.js';

describe('toPrometheus (decision 0403)', () => {
  it('cumulative le per octave, underflow at lowestNs - 1, highestNs, +Inf, _sum, _count', () => {
    const h = new LatencyHistogram({ lowestNs: 100, highestNs: 5_000 });
    for (const v of [50, 100, 300, 1_000, 4_000, 9_000]) h.record(v);
    const text = h.toPrometheus('rpc_latency_nanoseconds', { venue: 'a"b\\c\nd' });
    const l = '{venue="a\\"b\\\\c\\nd"';
    expect(text).toBe(
      [
        '# TYPE rpc_latency_nanoseconds histogram',
        `rpc_latency_nanoseconds_bucket${l},le="99"} 1`,
        `rpc_latency_nanoseconds_bucket${l},le="255"} 2`,
        `rpc_latency_nanoseconds_bucket${l},le="511"} 3`,
        `rpc_latency_nanoseconds_bucket${l},le="1023"} 4`,
        `rpc_latency_nanoseconds_bucket${l},le="2047"} 4`,
        `rpc_latency_nanoseconds_bucket${l},le="4095"} 5`,
        `rpc_latency_nanoseconds_bucket${l},le="5000"} 5`,
        `rpc_latency_nanoseconds_bucket${l},le="+Inf"} 6`,
        `rpc_latency_nanoseconds_sum${l}} ${h.mean * 6}`,
        `rpc_latency_nanoseconds_count${l}} 6`,
        '',
      ].join('\n'),
    );
  });

  it('without labels, and rejects bad names and labels', () => {
    const h = new LatencyHistogram();
    expect(h.toPrometheus('x').split('\n')[1]).toBe('x_bucket{le="0"} 0');
    expect(h.toPrometheus('x')).toContain('\nx_count 0\n');
    for (const [name, labels, field] of [
      ['1x', undefined, 'name'],
      ['x', 'a', 'labels'],
      ['x', { le: '1' }, 'labels.le'],
      ['x', { __a: '1' }, 'labels.__a'],
      ['x', { 'a-b': '1' }, 'labels.a-b'],
      ['x', { a: 1 }, 'labels.a'],
    ] as const) {
      expect(() => h.toPrometheus(name, labels as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', field }),
      );
    }
  });
});
