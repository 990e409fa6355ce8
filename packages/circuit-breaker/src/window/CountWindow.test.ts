import { describe, expect, it } from 'vitest';
import { CountWindow } from './CountWindow.js';

describe('CountWindow', () => {
  it('keeps its sequence count bounded (below 2^23) without losing the last `size` results', () => {
    const a = new Int32Array(new SharedArrayBuffer(4 * 64));
    const w = new CountWindow(a, 0, 1, 2, 16, 3);
    const out = { calls: 0, failures: 0, slowCalls: 0 };
    for (let i = 0; i < 2 ** 22 + 10; i++) w.record(0, false, false);
    expect(a[0]).toBeLessThan(2 ** 23);
    w.record(0, true, false);
    w.record(0, true, true);
    w.read(0, true, out);
    expect(out).toEqual({ calls: 3, failures: 2, slowCalls: 1 });
  });
});
