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
      ['x-y', undefined, 'name'],
      ['x y', undefined, 'name'],
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

  it('a value exactly on an octave edge counts in its own octave, and no le repeats', () => {
    // highestNs 4095 ends an octave: the last le is highestNs, once.
    const h = new LatencyHistogram({ lowestNs: 100, highestNs: 4_095 });
    for (const v of [255, 256, 511, 512, 1_024, 4_095]) h.record(v);
    const buckets = h
      .toPrometheus('x')
      .split('\n')
      .filter((l) => l.startsWith('x_bucket'));
    expect(buckets).toEqual([
      'x_bucket{le="99"} 0',
      'x_bucket{le="255"} 1',
      'x_bucket{le="511"} 3',
      'x_bucket{le="1023"} 4',
      'x_bucket{le="2047"} 5',
      'x_bucket{le="4095"} 6',
      'x_bucket{le="+Inf"} 6',
    ]);
  });

  it('refusals name the field, the rule and the value', () => {
    const h = new LatencyHistogram();
    const refusal = (name: unknown, labels?: unknown) => {
      try {
        h.toPrometheus(name as string, labels as never);
      } catch (e) {
        const { code, field, value, message } = e as Record<string, unknown>;
        return { code, field, value, message };
      }
      throw new Error('accepted');
    };
    const nameRule = 'a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)';
    expect(refusal('1x')).toEqual({
      code: 'INVALID_ARGUMENT',
      field: 'name',
      value: '1x',
      message: `name must be ${nameRule}, got "1x"`,
    });
    // Not strings, though they would print as valid names.
    expect(refusal(undefined).message).toBe(`name must be ${nameRule}, got undefined`);
    expect(refusal(null).message).toBe(`name must be ${nameRule}, got null`);
    expect(refusal(['x']).field).toBe('name');
    expect(refusal('x', null)).toEqual({
      code: 'INVALID_ARGUMENT',
      field: 'labels',
      value: null,
      message: 'labels must be an object, got null',
    });
    expect(refusal('x', 'a').message).toBe('labels must be an object, got "a"');
    expect(refusal('x', { le: '1' }).message).toBe(
      'labels.le must be a label name ([a-zA-Z_][a-zA-Z0-9_]*, not le or __*), got "le"',
    );
    expect(refusal('x', { a: 1 }).message).toBe('labels.a must be a string, got 1');
  });
});
