// Retry paths of the lock-free loops, driven deterministically: a scheduling hook (set before the
// modules are imported) plays a concurrent thread that changes a word just before a CAS on it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rig } from '../../test/fixtures/fakes.js';

type Hook = (op: string, a: Int32Array, i: number) => void;
let interfere: Hook | undefined;

async function hooked() {
  (globalThis as { __tripwireSchedulingHook__?: Hook }).__tripwireSchedulingHook__ = (op, a, i) =>
    interfere?.(op, a, i);
  vi.resetModules();
  return {
    reserve: await import('./reserveUpTo.js'),
    bucket: await import('../checks/tokenBucket.js'),
    slots: await import('../reservations/slots.js'),
    Core: (await import('./Core.js')).Core,
    compileConfig: (await import('./compileConfig.js')).compileConfig,
  };
}

afterEach(() => {
  delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
  interfere = undefined;
  vi.resetModules();
});

/** Before the first `times` CASes on word `index`, adds `delta` to it (another thread's write). */
function casInterference(index: number, delta: number, times = 1): void {
  let left = times;
  interfere = (op, a, i) => {
    if (op === 'cas' && i === index && left > 0) {
      left--;
      Atomics.add(a, i, delta);
    }
  };
}

describe('lock-free retry loops under interference', () => {
  it('reserveUpTo re-checks the bound after a lost CAS and denies when the concurrent write filled it', async () => {
    const { reserve } = await hooked();
    const i32 = new Int32Array(new SharedArrayBuffer(16));
    casInterference(0, 2);
    expect(reserve.reserveUpTo(i32, 0, 2, 3, true)).toBe(2); // 0 + 2 fit, but another thread took 2 first
    expect(i32[0]).toBe(2);
    casInterference(0, 1);
    expect(reserve.reserveUpTo(i32, 0, 1, 5, true)).toBe(reserve.RESERVED); // retried and fitted: 2 + 1 + 1
    expect(i32[0]).toBe(4);
  });

  it('token bucket: a lost refill race credits nothing twice; lost takes and refunds retry', async () => {
    const { bucket } = await hooked();
    const i32 = new Int32Array(new SharedArrayBuffer(16)); // [tokens, last]
    i32[0] = 0;
    casInterference(1, 10); // another thread claims the interval first
    bucket.refill(i32, 0, 1, 1, 5_000, 10);
    expect(i32[0]).toBe(0);
    casInterference(0, 500); // tokens change under the credit CAS
    bucket.refill(i32, 0, 1, 100, 5_000, 30);
    expect(i32[0]).toBe(2_500);
    casInterference(0, -500); // a concurrent take
    expect(bucket.takeToken(i32, 0, 1, 100, 5_000, 30, true)).toBe(2_000);
    expect(i32[0]).toBe(1_000);
    casInterference(0, 500); // a concurrent refund
    bucket.refundToken(i32, 0, 5_000);
    expect(i32[0]).toBe(2_500);
    i32[0] = 5_000;
    bucket.refundToken(i32, 0, 5_000); // already full: capped
    bucket.refill(i32, 0, 1, 100, 5_000, 40);
    expect(i32[0]).toBe(5_000);
    expect(bucket.takeToken(i32, 0, 1, 100, 5_000, 40, false)).toBe(5_000);
  });
});

describe('reservation slots under interference', () => {
  it('allocation skips a slot claimed between its load and its CAS; takeLots retries a lost CAS', async () => {
    const m = await hooked();
    const core = new m.Core(m.compileConfig(rig({ maxWorkingOrders: 2 }).options), undefined, 0);
    const ctl0 = m.slots.slotBase(core, 0);
    interfere = (op, a, i) => {
      if (op === 'cas' && i === ctl0 && a[i] === 0) Atomics.store(a, i, m.slots.CTL_BUSY | 7); // claimed by another thread
    };
    expect(m.slots.allocateSlot(core, 0, 0, 0, true, 5, { price: 100 })).toBe(1);
    interfere = undefined;
    const id = m.slots.reservationId(core, 1);
    const ctl1 = m.slots.slotBase(core, 1);
    let once = true;
    interfere = (op, a, i) => {
      if (op === 'cas' && i === ctl1 && once) {
        once = false;
        Atomics.sub(a, i, 1); // a concurrent fill of 1 lot
      }
    };
    expect(m.slots.takeLots(core, id, 10)).toBe(4 * 0x400000 + 4);
    expect(m.slots.takeLots(core, id, 1)).toBe(0); // nothing left
    m.slots.freeSlot(core, 1);
    expect(m.slots.takeLots(core, id, 1)).toBe(0); // stale generation
    expect(m.slots.takeLots(core, -1, 1)).toBe(-1);
  });
});
