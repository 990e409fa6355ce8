import { describe, expect, it } from 'vitest';
import { isHistogramError } from './errors/HistogramError.js';
import { LatencyHistogram } from './LatencyHistogram.js';

function code(f: () => unknown): { code: string; field: string; value: unknown } {
  try {
    f();
  } catch (e) {
    if (isHistogramError(e)) return { code: e.code, field: e.field, value: e.value };
    throw e;
  }
  throw new Error('did not throw');
}

describe('LatencyHistogram', () => {
  it('values are integer ns: record(x) records Math.floor(x) (decision 0400)', () => {
    const h = new LatencyHistogram();
    h.record(100.9);
    expect(h.snapshot().buckets).toEqual([{ lowNs: 100, highNs: 100, count: 1 }]);
    h.record(0.5); // floor 0 < lowestNs: underflow
    expect(h.underflow).toBe(1);
    expect(h.min).toBe(0);
  });

  it('out of range and invalid values are counted, never lost (decision 0400)', () => {
    const h = new LatencyHistogram({ lowestNs: 100, highestNs: 1_000 });
    for (const v of [5, 99.99, -0, 1_001, 5e9, NaN, -1, Infinity, -Infinity]) h.record(v);
    expect([h.count, h.underflow, h.overflow, h.invalid]).toEqual([5, 3, 2, 4]);
    expect([h.min, h.max]).toEqual([0, 5e9]);
    expect(Object.is(h.min, -0)).toBe(false);
    expect(h.mean).toBe((5 + 99 + 0 + 1_001 + 5e9) / 5);
    // Ranks in the underflow report the largest underflow value, in the overflow the largest.
    expect(h.percentile(60)).toBe(99);
    expect(h.percentile(61)).toBe(5e9);
    // 1000.5 is in range (floor 1000); only floor(x) > highestNs overflows.
    expect(h.snapshot().buckets).toEqual([]);
    h.record(1_000.5);
    expect(h.snapshot().buckets).toEqual([{ lowNs: 1_000, highNs: 1_000, count: 1 }]);
  });

  it('only-underflow and only-overflow histograms have exact extremes', () => {
    const u = new LatencyHistogram({ lowestNs: 100 });
    u.record(3);
    u.record(7);
    expect([u.min, u.max, u.percentile(100)]).toEqual([3, 7, 7]);
    const o = new LatencyHistogram({ highestNs: 1_000 });
    o.record(4_000);
    o.record(2_000);
    expect([o.min, o.max, o.percentile(1)]).toEqual([2_000, 4_000, 4_000]);
  });

  it('an empty histogram gives NaN, its snapshot null (decision 0402)', () => {
    const h = new LatencyHistogram();
    expect([h.count, h.min, h.max, h.mean, h.percentile(50)]).toEqual([0, NaN, NaN, NaN, NaN]);
    const s = h.snapshot();
    expect([s.min, s.max, s.mean, s.percentiles.p99]).toEqual([null, null, null, null]);
  });

  it('percentile is the upper end of the nearest-rank bucket; p 0 is min (decision 0402)', () => {
    const h = new LatencyHistogram();
    for (let v = 1_000; v < 1_100; v++) h.record(v);
    expect(h.percentile(0)).toBe(1_000);
    expect(h.percentile(50)).toBe(1_055); // rank 50 = 1049, bucket 1048..1055
    expect(h.percentile(100)).toBe(1_103); // 1099 in bucket 1096..1103
    expect(h.max).toBe(1_103);
  });

  it('percentile outside [0, 100] is a typed error naming p', () => {
    const h = new LatencyHistogram();
    for (const p of [-1, 100.1, NaN, '50' as unknown as number]) {
      expect(code(() => h.percentile(p))).toEqual({
        code: 'INVALID_PERCENTILE',
        field: 'p',
        value: p,
      });
    }
  });

  it('snapshot is plain JSON with p50/p90/p99/p99.9 and the non-empty buckets', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1_000; i++) h.record(i * 1_000);
    const s = h.snapshot();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.percentiles).toEqual({ p50: 501_759, p90: 901_119, p99: 991_231, 'p99.9': 999_423 });
    expect(s.buckets.reduce((n, b) => n + b.count, 0)).toBe(1_000);
    expect(s).toMatchObject({ lowestNs: 1, highestNs: 60e9, significantDigits: 2, count: 1_000 });
  });

  it('reset empties everything, including out-of-range extremes', () => {
    const h = new LatencyHistogram({ lowestNs: 10, highestNs: 100 });
    for (const v of [1, 50, 500, NaN]) h.record(v);
    h.reset();
    expect(h.snapshot()).toEqual(new LatencyHistogram({ lowestNs: 10, highestNs: 100 }).snapshot());
    h.record(500);
    expect([h.min, h.max, h.mean]).toEqual([500, 500, 500]);
  });

  it('merge refuses another configuration or a non-histogram', () => {
    const h = new LatencyHistogram();
    expect(code(() => h.merge(new LatencyHistogram({ lowestNs: 2 })))).toEqual({
      code: 'CONFIG_MISMATCH',
      field: 'other.lowestNs',
      value: 2,
    });
    expect(code(() => h.merge(new LatencyHistogram({ significantDigits: 3 }))).field).toBe(
      'other.significantDigits',
    );
    expect(code(() => h.merge({} as LatencyHistogram)).code).toBe('INVALID_ARGUMENT');
    expect(code(() => h.merge(null as unknown as LatencyHistogram)).field).toBe('other');
  });

  it('share / attach: one memory; attach refuses foreign or mismatched buffers', () => {
    const h = new LatencyHistogram({ lowestNs: 10, highestNs: 1e6, significantDigits: 3 });
    const handle = h.share();
    const g = LatencyHistogram.attach(structuredClone(handle));
    g.record(12_345);
    expect(h.count).toBe(1);
    expect([g.lowestNs, g.highestNs, g.significantDigits]).toEqual([10, 1e6, 3]);
    const foreign = (buffer: unknown) =>
      code(() => LatencyHistogram.attach({ ...handle, buffer } as never));
    expect(foreign(new ArrayBuffer(4096)).code).toBe('FOREIGN_BUFFER');
    expect(foreign(new SharedArrayBuffer(16)).code).toBe('FOREIGN_BUFFER');
    expect(foreign(new SharedArrayBuffer(4096)).code).toBe('FOREIGN_BUFFER');
    expect(
      code(() =>
        LatencyHistogram.attach({ ...handle, options: { ...handle.options, highestNs: 2e6 } }),
      ),
    ).toEqual({ code: 'CONFIG_MISMATCH', field: 'handle.options.highestNs', value: 2e6 });
    // A truncated copy of a valid buffer, and a corrupted header.
    const copy = new SharedArrayBuffer(handle.buffer.byteLength - 64);
    new Uint8Array(copy).set(new Uint8Array(handle.buffer, 0, copy.byteLength));
    expect(foreign(copy).code).toBe('FOREIGN_BUFFER');
    const bad = new SharedArrayBuffer(handle.buffer.byteLength);
    new Uint8Array(bad).set(new Uint8Array(handle.buffer));
    new Int32Array(bad)[3] = 9; // significantDigits 9
    expect(foreign(bad).code).toBe('FOREIGN_BUFFER');
    expect(code(() => LatencyHistogram.attach(undefined as never)).code).toBe('FOREIGN_BUFFER');
  });

  it('a new histogram after attach is independent (attach state does not leak)', () => {
    const h = new LatencyHistogram();
    LatencyHistogram.attach(h.share());
    const fresh = new LatencyHistogram();
    fresh.record(5);
    expect(h.count).toBe(0);
  });
});
