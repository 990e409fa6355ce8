// docs/decisions/0508: plain (relaxed) reads are only CAS guesses or prefetches; every denial is
// decided on a sequentially consistent read. A scheduling hook (set before the modules load)
// plays the stale read: it makes the word look full just before the plain read and restores it
// just before the next access, as if the plain read had returned an old value.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { order, rig } from '../../test/fixtures/fakes.js';

type Hook = (op: string, a: Int32Array, i: number) => void;
let spy: Hook | undefined;

async function hooked() {
  (globalThis as { __tripwireSchedulingHook__?: Hook }).__tripwireSchedulingHook__ = (op, a, i) =>
    spy?.(op, a, i);
  vi.resetModules();
  return {
    reserve: await import('./reserveUpTo.js'),
    bucket: await import('../checks/tokenBucket.js'),
    ids: await import('../checks/clientIdTables.js'),
    dup: await import('../checks/duplicateCheck.js'),
    Core: (await import('./Core.js')).Core,
    compileConfig: (await import('./compileConfig.js')).compileConfig,
    RiskEngine: (await import('../RiskEngine.js')).RiskEngine,
  };
}

afterEach(() => {
  delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
  spy = undefined;
  vi.resetModules();
});

/** The next plain read of word `index` sees `stale`; the word is restored before the next access. */
function staleOnce(index: number, stale: number): string[] {
  const ops: string[] = [];
  let restore: (() => void) | undefined;
  spy = (op, a, i) => {
    ops.push(op);
    if (restore !== undefined) {
      restore();
      restore = undefined;
    } else if (op === 'loadRelaxed' && i === index && ops.length < 8) {
      const real = a[i]!;
      a[i] = stale;
      restore = () => (a[i] = real);
    }
  };
  return ops;
}

describe('plain reads never decide a denial (0508)', () => {
  it('reserveUpTo: a stale plain read over the bound is re-read with Atomics.load, then reserves', async () => {
    const { reserve } = await hooked();
    const i32 = new Int32Array(new SharedArrayBuffer(16));
    i32[0] = 1;
    const ops = staleOnce(0, 9);
    expect(reserve.reserveUpTo(i32, 0, 2, 5, true)).toBe(reserve.RESERVED);
    expect(i32[0]).toBe(3);
    expect(ops).toEqual(['loadRelaxed', 'load', 'cas']);
  });

  it('takeToken: an empty-looking bucket read plainly is confirmed before RATE_LIMITED', async () => {
    const { bucket } = await hooked();
    const i32 = new Int32Array(new SharedArrayBuffer(16)); // [tokens, last]
    i32[0] = 3_000;
    i32[1] = 50;
    staleOnce(0, 0);
    expect(bucket.takeToken(i32, 0, 1, 100, 5_000, 50, true)).toBe(3_000);
    expect(i32[0]).toBe(2_000);
  });

  it('probe: a slot probed past is re-read with Atomics.load before the claim (Dekker needs it)', async () => {
    const { ids } = await hooked();
    const i32 = new Int32Array(new SharedArrayBuffer(16 * 2 * 4));
    const key = 5;
    const home = Math.imul(key, 0x9e3779b1) >>> 0;
    i32[2 * (home & 15)] = 77; // another id in the home slot: probed past
    const ops: string[] = [];
    spy = (op) => ops.push(op);
    expect(ids.probe(i32, 0, 15, key, true, true)).toBe(ids.PROBE.free);
    expect(ops).toEqual(['loadRelaxed', 'load', 'loadRelaxed', 'cas']);
    expect(i32[2 * ((home + 1) & 15)]).toBe(key);
  });

  it('a fingerprint stamp that looks recent in a plain read is confirmed before DUPLICATE_ORDER', async () => {
    const m = await hooked();
    const r = rig({ duplicateWindowMs: 1_000 });
    const engine = new m.RiskEngine(r.options);
    engine.updatePrice(0, 50_000);
    const core = new m.Core(m.compileConfig(r.options), engine.share().buffer, 0);
    const o = order({ qty: 0.0001 });
    const idx = m.dup.fingerprintIndex(core, 0, true, 1, 5_000_000);
    // The engine's epoch is the fake clock's start, so `now` is 0 ms: a stamp of 1 ms is "recent".
    let plainReads = 0;
    let restore: (() => void) | undefined;
    spy = (op, a, i) => {
      if (restore !== undefined) {
        restore();
        restore = undefined;
      }
      if (op === 'loadRelaxed' && i === idx && ++plainReads === 2) {
        const real = a[i]!;
        a[i] = 1;
        restore = () => (a[i] = real);
      }
    };
    const d = engine.check(o);
    expect(d.ok).toBe(true);
    expect(plainReads).toBe(2); // the prefetch at the start of check, then the CAS guess
  });

  it('a CAS lost on a stale plain read of the fingerprint stamp is decided again, not denied', async () => {
    const m = await hooked();
    const r = rig({ duplicateWindowMs: 1_000 });
    const engine = new m.RiskEngine(r.options);
    engine.updatePrice(0, 50_000);
    const core = new m.Core(m.compileConfig(r.options), engine.share().buffer, 0);
    const idx = m.dup.fingerprintIndex(core, 0, true, 1, 5_000_000);
    expect(engine.check(order({ qty: 0.0001 })).ok).toBe(true); // stamps the fingerprint
    r.clock.advance(1_500); // past the window: the same order is no longer a duplicate
    engine.updatePrice(0, 50_000);
    let plainReads = 0;
    let restore: (() => void) | undefined;
    spy = (op, a, i) => {
      if (restore !== undefined) {
        restore();
        restore = undefined;
      }
      if (op === 'loadRelaxed' && i === idx && ++plainReads === 2) {
        const real = a[i]!;
        a[i] = 0; // the plain read sees an older value; the CAS on it fails
        restore = () => (a[i] = real);
      }
    };
    const d = engine.check(order({ qty: 0.0001 }));
    expect(d.ok ? 'OK' : d.message).toBe('OK');
  });

  it('check reads the client-id slot and the fingerprint stamp before any CAS (overlapped misses)', async () => {
    const m = await hooked();
    const r = rig({ duplicateWindowMs: 1_000 });
    const engine = new m.RiskEngine(r.options);
    engine.updatePrice(0, 50_000);
    const core = new m.Core(m.compileConfig(r.options), engine.share().buffer, 0);
    const o = order({ qty: 0.0001 });
    const idSlot = m.ids.idHome(core, o.clientId + 1);
    const fp = m.dup.fingerprintIndex(core, 0, true, 1, 5_000_000);
    const seen: string[] = [];
    spy = (op, _a, i) => seen.push(`${op}@${i}`);
    expect(engine.check(o).ok).toBe(true);
    const firstCas = seen.findIndex((s) => s.startsWith('cas@'));
    expect(seen.slice(0, firstCas)).toEqual(
      expect.arrayContaining([`loadRelaxed@${idSlot}`, `loadRelaxed@${fp}`]),
    );
    expect(seen.indexOf(`loadRelaxed@${idSlot}`)).toBeLessThan(seen.indexOf(`loadRelaxed@${fp}`));
  });
});
