// The retry paths of the lock-free loops, forced deterministically: a scheduling hook (the facade
// of shared.ts) lets "another thread" write between two accesses of the code under test.
import { afterEach, describe, expect, it, vi } from 'vitest';

type Hook = (op: string, array: unknown, index: number) => void;

async function withHook<T>(hook: Hook, load: () => Promise<T>): Promise<T> {
  (globalThis as Record<string, unknown>).__tripwireSchedulingHook__ = hook;
  vi.resetModules();
  return load();
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).__tripwireSchedulingHook__;
  vi.resetModules();
});

describe('lock-free retries', () => {
  it('readCount retries when a carry lands between its two reads of the high word', async () => {
    const low = new Int32Array(new SharedArrayBuffer(4));
    const high = new Int32Array(new SharedArrayBuffer(4));
    low[0] = 5;
    let loads = 0;
    const { readCount } = await withHook(
      (op, array) => {
        // Before the second read of the high word: a whole wrap lands (two half wraps).
        if (op === 'load' && array === high && ++loads === 2) high[0] = 2;
      },
      () => import('./counts.js'),
    );
    expect(readCount(low, high, 0)).toBe(2 ** 32 + 5);
    expect(loads).toBeGreaterThan(2); // it read again
  });

  it('min, max and sum cells retry when another thread changed them first', async () => {
    const cells = new BigInt64Array(new SharedArrayBuffer(24));
    let interfere = true;
    const { addToCell, lowerCell, raiseCell, readCell, writeCell } = await withHook(
      (op, _array, index) => {
        // Once per cell: another thread's update lands just before this thread's CAS.
        if (op === 'cas64' && interfere) {
          interfere = false;
          const other = new Float64Array([index === 2 ? 1 : 10]);
          cells[index] = new BigInt64Array(other.buffer)[0] as bigint;
        }
      },
      () => import('./float64Cell.js'),
    );
    writeCell(cells, 0, Infinity);
    writeCell(cells, 1, -Infinity);
    writeCell(cells, 2, 0);
    lowerCell(cells, 0, 20); // other thread wrote 10 first: 20 is no longer lower
    interfere = true;
    raiseCell(cells, 1, 5); // other wrote 10: 5 is no longer higher
    interfere = true;
    addToCell(cells, 2, 3); // other made it 1 first: 1 + 3
    expect([readCell(cells, 0), readCell(cells, 1), readCell(cells, 2)]).toEqual([10, 10, 4]);
  });

  it('a lower or higher value still lands when another thread changed the cell first', async () => {
    const cells = new BigInt64Array(new SharedArrayBuffer(16));
    let interfere = false;
    const { lowerCell, raiseCell, readCell, writeCell } = await withHook(
      (op, _array, index) => {
        if (op === 'cas64' && interfere) {
          interfere = false;
          cells[index] = new BigInt64Array(new Float64Array([10]).buffer)[0] as bigint;
        }
      },
      () => import('./float64Cell.js'),
    );
    writeCell(cells, 0, Infinity);
    writeCell(cells, 1, -Infinity);
    interfere = true;
    lowerCell(cells, 0, 5); // other thread wrote 10 first: 5 is still lower, retry
    interfere = true;
    raiseCell(cells, 1, 20); // other wrote 10: 20 is still higher, retry
    expect([readCell(cells, 0), readCell(cells, 1)]).toEqual([5, 20]);
  });
});
