import { describe, expect, it } from 'vitest';
import { isHistogramError } from './errors/HistogramError.js';
import { HISTOGRAM_LAYOUT, histogramRegions } from './layout.js';
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

function refusal(f: () => unknown): {
  code: string;
  field: string;
  value: unknown;
  message: string;
} {
  try {
    f();
  } catch (e) {
    if (isHistogramError(e))
      return { code: e.code, field: e.field, value: e.value, message: e.message };
    throw e;
  }
  throw new Error('did not throw');
}

const L = HISTOGRAM_LAYOUT;

/** A copy of `buffer` (header and counters) of `byteLength` bytes, its header words patched. */
function copyOf(
  buffer: SharedArrayBuffer,
  patch: Record<number, number> = {},
  byteLength = buffer.byteLength,
): SharedArrayBuffer {
  const c = new SharedArrayBuffer(byteLength);
  new Uint8Array(c).set(new Uint8Array(buffer, 0, Math.min(byteLength, buffer.byteLength)));
  const words = new Int32Array(c, 0, L.headerBytes / 4);
  for (const [i, v] of Object.entries(patch)) words[Number(i)] = v;
  return c;
}

/** The low and high count words of a histogram, located through its header. */
function countWords(h: LatencyHistogram): { low: Int32Array; high: Int32Array } {
  const { buffer } = h.share();
  const header = new Int32Array(buffer, 0, L.headerBytes / 4);
  const r = histogramRegions(header[L.bucketsIndex] as number, header[L.strideIndex] as number);
  return {
    low: new Int32Array(buffer, r.lowByte, r.slots),
    high: new Int32Array(buffer, r.highByte, r.slots),
  };
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

  it('lowestNs and highestNs themselves are in range, also above 2^31 (the slow path)', () => {
    const h = new LatencyHistogram({ lowestNs: 2 ** 31, highestNs: 2 ** 33 });
    h.record(2 ** 31);
    h.record(2 ** 33);
    expect([h.count, h.underflow, h.overflow, h.invalid]).toEqual([2, 0, 0, 0]);
    expect(h.min).toBe(2 ** 31);
    h.record(2 ** 31 - 1);
    h.record(2 ** 33 + 1);
    expect([h.count, h.underflow, h.overflow, h.invalid]).toEqual([4, 1, 1, 0]);
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

  it('record counts a bucket on past 2^31 and 2^32 (the hot path carries, decision 0401)', () => {
    const h = new LatencyHistogram();
    h.record(1_000);
    const { low } = countWords(h);
    const i = low.indexOf(1);
    low[i] = 0x7fffffff; // as if 2^31 - 1 values of this bucket had been recorded
    h.record(1_000); // crosses 2^31: this thread carries
    expect(h.count).toBe(2 ** 31);
    low[i] = -1; // as if 2^31 - 1 more had been recorded (2^32 - 1 in all)
    expect(h.count).toBe(2 ** 32 - 1);
    h.record(1_000); // crosses 2^32: carries again
    expect(h.count).toBe(2 ** 32);
    expect(h.snapshot().buckets).toEqual([{ lowNs: 1_000, highNs: 1_003, count: 2 ** 32 }]);
  });

  it('error messages name the argument, the rule and the value', () => {
    const h = new LatencyHistogram();
    expect(refusal(() => h.percentile(-1)).message).toBe('p must be a number in [0, 100], got -1');
    expect(refusal(() => h.merge(new LatencyHistogram({ lowestNs: 2 }))).message).toBe(
      "cannot merge: other.lowestNs is 2, this histogram's is 1",
    );
    // A primitive is refused as such (not a TypeError from the private-field check).
    expect(refusal(() => h.merge(5 as never))).toEqual({
      code: 'INVALID_ARGUMENT',
      field: 'other',
      value: 5,
      message: 'other must be a LatencyHistogram',
    });
  });
});

describe('LatencyHistogram.attach refusals', () => {
  const h = new LatencyHistogram({ lowestNs: 10, highestNs: 1e6, significantDigits: 3 });
  const handle = h.share();
  const stride = new Int32Array(handle.buffer, 0, L.headerBytes / 4)[L.strideIndex] as number;
  const attach = (buffer: unknown, options: unknown = handle.options) =>
    refusal(() => LatencyHistogram.attach({ buffer, options } as never));
  const foreign = (value: unknown, why: string) => ({
    code: 'FOREIGN_BUFFER',
    field: 'handle.buffer',
    value,
    message: `handle.buffer is not a LatencyHistogram v1 buffer: ${why}`,
  });

  it('not a SharedArrayBuffer, or smaller than the header', () => {
    const plain = new ArrayBuffer(4096);
    expect(attach(plain)).toEqual(foreign(plain, 'not a SharedArrayBuffer'));
    const tiny = new SharedArrayBuffer(L.headerBytes - 8);
    expect(attach(tiny)).toEqual(foreign(tiny, 'too small'));
    // Exactly a header (valid): read, then refused for its size.
    const header = copyOf(handle.buffer, {}, L.headerBytes);
    expect(attach(header)).toEqual(
      foreign(header, `stride ${stride} or size ${L.headerBytes} does not match`),
    );
    // Zeroes a little larger than the header: no magic.
    const zeros = new SharedArrayBuffer(L.headerBytes + 64);
    expect(attach(zeros)).toEqual(foreign({ magic: 0, version: 0 }, 'magic 0, version 0'));
  });

  it('another magic or another layout version', () => {
    const magic = L.magic + 1;
    expect(attach(copyOf(handle.buffer, { [L.magicIndex]: magic }))).toEqual(
      foreign({ magic, version: 1 }, `magic ${magic}, version 1`),
    );
    expect(attach(copyOf(handle.buffer, { [L.versionIndex]: 2 }))).toEqual(
      foreign({ magic: L.magic, version: 2 }, `magic ${L.magic}, version 2`),
    );
  });

  it('a corrupted header, bucket count, stride or size', () => {
    expect(attach(copyOf(handle.buffer, { [L.digitsIndex]: 9 }))).toEqual(
      foreign({ lowestNs: 10, highestNs: 1e6, significantDigits: 9 }, 'corrupted header'),
    );
    const buckets = new Int32Array(handle.buffer, 0, L.headerBytes / 4)[L.bucketsIndex] as number;
    const size = handle.buffer.byteLength;
    const wrongCount = copyOf(handle.buffer, { [L.bucketsIndex]: buckets + 1 });
    expect(attach(wrongCount)).toEqual(
      foreign(wrongCount, `stride ${stride} or size ${size} does not match`),
    );
    // A stride other than 64 or 128, in a buffer of the size that stride would give.
    const size96 = histogramRegions(buckets, 96).byteLength;
    const stride96 = copyOf(handle.buffer, { [L.strideIndex]: 96 }, size96);
    expect(attach(stride96)).toEqual(
      foreign(stride96, `stride 96 or size ${size96} does not match`),
    );
    const truncated = copyOf(handle.buffer, {}, size - 64);
    expect(attach(truncated)).toEqual(
      foreign(truncated, `stride ${stride} or size ${size - 64} does not match`),
    );
  });

  it('a buffer laid out with the other valid stride (64 or 128 bytes) is accepted', () => {
    const buckets = new Int32Array(handle.buffer, 0, L.headerBytes / 4)[L.bucketsIndex] as number;
    const other = stride === 64 ? 128 : 64;
    const r = histogramRegions(buckets, other);
    const wide = copyOf(handle.buffer, { [L.strideIndex]: other }, r.byteLength);
    const g = LatencyHistogram.attach({ buffer: wide, options: handle.options });
    g.record(12_345);
    g.record(20);
    expect(g.count).toBe(2);
    const low = new Int32Array(wide, r.lowByte, r.slots);
    expect(low.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('invalid or mismatched handle.options', () => {
    expect(attach(handle.buffer, { lowestNs: 0 })).toEqual({
      code: 'INVALID_OPTIONS',
      field: 'handle.options.lowestNs',
      value: 0,
      message: 'handle.options.lowestNs must be an integer >= 1, got 0',
    });
    expect(attach(handle.buffer, { ...handle.options, highestNs: 2e6 })).toEqual({
      code: 'CONFIG_MISMATCH',
      field: 'handle.options.highestNs',
      value: 2e6,
      message:
        'handle.options.highestNs is 2000000 but the buffer holds a histogram with highestNs 1000000',
    });
  });
});
