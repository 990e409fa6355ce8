import { afterEach, describe, expect, it, vi } from 'vitest';

import type * as SharedFacade from './shared.js';

type Facade = typeof SharedFacade;

afterEach(() => {
  delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
  vi.resetModules();
});

function exercise(f: Facade): number[] {
  const i32 = new Int32Array(new SharedArrayBuffer(16));
  const f64 = new Float64Array(i32.buffer);
  f.store(i32, 0, 5);
  const out = [
    f.load(i32, 0),
    f.add(i32, 0, 2),
    f.sub(i32, 0, 1),
    f.cas(i32, 0, 6, 9),
    f.cas(i32, 0, 6, 1),
    f.load(i32, 0),
  ];
  f.storeF64(f64, 1, 2.5);
  out.push(f.loadF64(f64, 1));
  f.store(i32, 0, 3);
  f.store(i32, 1, 3);
  out.push(f.countNonZero(i32, 0, 2, 1));
  f.clear(i32, 1, 1, 2);
  out.push(f.countNonZero(i32, 0, 2, 1));
  return out;
}

describe('shared-memory facade', () => {
  it('without a scheduling hook: plain Atomics semantics', async () => {
    vi.resetModules();
    const f = await import('./shared.js');
    expect(exercise(f)).toEqual([5, 5, 7, 6, 9, 9, 2.5, 2, 1]);
  });

  it('with a scheduling hook set before import: the hook sees every access first, same results', async () => {
    const ops: string[] = [];
    (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__ = (
      op: string,
      _a: unknown,
      i: number,
    ) => ops.push(`${op}[${i}]`);
    vi.resetModules();
    const f = await import('./shared.js');
    expect(exercise(f)).toEqual([5, 5, 7, 6, 9, 9, 2.5, 2, 1]);
    expect(ops).toEqual([
      'store[0]',
      'load[0]',
      'add[0]',
      'sub[0]',
      'cas[0]',
      'cas[0]',
      'load[0]',
      'storeRelaxed[1]',
      'loadRelaxed[1]',
      'store[0]',
      'store[1]',
      'loadRelaxed[0]',
      'loadRelaxed[1]',
      'store[1]',
      'loadRelaxed[0]',
      'loadRelaxed[1]',
    ]);
  });
});
