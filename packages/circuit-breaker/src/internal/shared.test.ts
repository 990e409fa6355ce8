import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
  vi.resetModules();
});

describe('shared-memory facade', () => {
  it('without the hook: the bare Atomics operations', async () => {
    vi.resetModules();
    const f = await import('./shared.js');
    const a = new Int32Array(new SharedArrayBuffer(64));
    const d = new Float64Array(a.buffer);
    f.store(a, 0, 5);
    f.storeRelaxed(a, 1, 7);
    expect([
      f.load(a, 0),
      f.loadRelaxed(a, 1),
      f.add(a, 0, 2),
      f.sub(a, 0, 1),
      f.cas(a, 0, 6, 9),
    ]).toEqual([5, 7, 5, 7, 6]);
    f.storeF64(d, 2, 1.5);
    expect(f.loadF64(d, 2)).toBe(1.5);
  });

  it('with the hook set before loading: every access calls it first, with op, array and index', async () => {
    const calls: string[] = [];
    (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__ = (
      op: string,
      _a: unknown,
      i: number,
    ) => calls.push(`${op}[${i}]`);
    vi.resetModules();
    const f = await import('./shared.js');
    const a = new Int32Array(new SharedArrayBuffer(64));
    const d = new Float64Array(a.buffer);
    f.store(a, 0, 5);
    f.storeRelaxed(a, 1, 7);
    expect([
      f.load(a, 0),
      f.loadRelaxed(a, 1),
      f.add(a, 0, 2),
      f.sub(a, 0, 1),
      f.cas(a, 0, 6, 9),
    ]).toEqual([5, 7, 5, 7, 6]);
    f.storeF64(d, 2, 1.5);
    expect(f.loadF64(d, 2)).toBe(1.5);
    expect(calls).toEqual([
      'store[0]',
      'storeRelaxed[1]',
      'load[0]',
      'loadRelaxed[1]',
      'add[0]',
      'sub[0]',
      'cas[0]',
      'storeF64[2]',
      'loadF64[2]',
    ]);
  });
});
