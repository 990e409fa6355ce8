import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as SharedModule from './shared.js';

type Hooked = typeof SharedModule;

describe('shared-memory facade', () => {
  afterEach(() => {
    delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
    vi.resetModules();
  });

  it('without the hook, the exports are the bare operations', async () => {
    vi.resetModules();
    const s: Hooked = await import('./shared.js');
    const a = new Int32Array(new SharedArrayBuffer(16));
    s.store(a, 1, 7);
    expect([s.load(a, 1), s.loadRelaxed(a, 1), s.add(a, 1, 2), s.cas(a, 1, 9, 1), a[1]]).toEqual([
      7, 7, 7, 9, 1,
    ]);
  });

  it('with the hook set before import, every access calls it first with (op, array, index)', async () => {
    const calls: [string, number][] = [];
    const a = new Int32Array(new SharedArrayBuffer(64));
    const big = new BigInt64Array(a.buffer);
    const bytes = new Uint8Array(a.buffer);
    (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__ = (
      op: string,
      array: unknown,
      index: number,
    ) => {
      expect(array === a || array === big).toBe(true);
      calls.push([op, index]);
    };
    vi.resetModules();
    const s: Hooked = await import('./shared.js');
    s.store(a, 1, 5);
    const seen = [s.load(a, 1), s.loadRelaxed(a, 1), s.add(a, 1, 1), s.cas(a, 1, 6, 8)];
    s.storeF64(big, 2, 1.5);
    const f = s.loadF64(big, 2);
    const bits = s.loadBits(big, 2);
    const old = s.casBits(big, 2, bits, s.f64ToBits(2.5));
    s.writeBytes(a, bytes, 40, new Uint8Array([1, 2, 3]));
    const back = s.readBytes(a, bytes, 40, 3);
    expect(seen).toEqual([5, 5, 5, 6]);
    expect([f, s.bitsToF64(old), s.loadF64(big, 2), Array.from(back)]).toEqual([
      1.5,
      1.5,
      2.5,
      [1, 2, 3],
    ]);
    expect(calls).toEqual([
      ['store', 1],
      ['load', 1],
      ['loadRelaxed', 1],
      ['add', 1],
      ['cas', 1],
      ['store', 2],
      ['load', 2],
      ['load', 2],
      ['cas', 2],
      ['writeBytes', 10],
      ['readBytes', 10],
      ['load', 2],
    ]);
  });
});
