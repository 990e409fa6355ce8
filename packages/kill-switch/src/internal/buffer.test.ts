import { ManualClock } from '@tripwire/clock';
import { describe, expect, it } from 'vitest';
import { KillSwitch } from '../KillSwitch.js';
import { KILL_SWITCH_LAYOUT as L, defaultStride, killSwitchOffsets } from '../layout.js';
import { createBuffer } from './buffer.js';

const WHY = 'handle.buffer is not a kill switch buffer of layout v1: ';

/** The error `attach` throws for `handle` (fails the test when it does not throw). */
function refusal(handle: unknown): {
  code: string;
  field: string;
  value: unknown;
  message: string;
} {
  try {
    KillSwitch.attach(handle as never, { secret: 's' });
  } catch (e) {
    return e as { code: string; field: string; value: unknown; message: string };
  }
  throw new Error('attach accepted the handle');
}

/** A buffer of `byteLength` bytes whose header claims the given geometry. */
function forged(stride: number, auditCapacity: number, maxWatchdogs: number, byteLength: number) {
  const buffer = new SharedArrayBuffer(byteLength);
  const words = new Int32Array(buffer, 0, 16);
  words[L.magicIndex] = L.magic;
  words[L.versionIndex] = L.version;
  words[L.strideIndex] = stride;
  words[L.auditCapacityIndex] = auditCapacity;
  words[L.watchdogCapacityIndex] = maxWatchdogs;
  return { buffer };
}

describe('share / attach', () => {
  it('two instances on one buffer are one kill switch (level, holds, audit, cooldown)', () => {
    const clock = new ManualClock(0);
    const a = new KillSwitch({ clock, secret: 'one', resetCooldownMs: 500, auditCapacity: 8 });
    const handle = structuredClone(a.share());
    expect(handle.options).toEqual({
      resetCooldownMs: 500,
      auditCapacity: 8,
      maxWatchdogs: 32,
      stride: defaultStride(),
    });
    const b = KillSwitch.attach(handle, { clock, authorize: (op) => op === 'bob' });
    a.trip({ level: 'halted', source: 'a', reason: '' });
    expect(b.allows('reduce')).toBe(false);
    const h = b.hold('b', 'reducing');
    expect(a.snapshot().holds.reducing).toBe(1);
    clock.advance(499);
    expect(b.reset({ operator: 'bob', token: '', reason: '' })).toMatchObject({ code: 'COOLDOWN' });
    clock.advance(1);
    expect(a.reset({ operator: 'bob', token: 'nope', reason: '' })).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(b.reset({ operator: 'bob', token: '', reason: '' }).ok).toBe(true);
    expect(a.level).toBe('reducing');
    h.dispose();
    expect(a.allows('increase')).toBe(true);
    expect(a.audit()).toEqual(b.audit());
    expect(a.audit().map((e) => e.action)).toEqual([
      'trip',
      'hold',
      'reset-refused',
      'reset-refused',
      'reset',
      'release',
    ]);
  });

  it('the stride in the header follows the architecture', () => {
    const ks = new KillSwitch({ secret: 's' });
    expect(new Int32Array(ks.share().buffer)[L.strideIndex]).toBe(
      process.arch === 'arm64' ? 128 : 64,
    );
  });

  it('attach refuses foreign, corrupted and mismatched buffers with FOREIGN_BUFFER', () => {
    const auth = { secret: 's' };
    const foreign = (handle: unknown) =>
      expect(() => KillSwitch.attach(handle as never, auth)).toThrow(
        expect.objectContaining({ code: 'FOREIGN_BUFFER', field: 'handle.buffer' }),
      );
    foreign(undefined);
    foreign({ buffer: new ArrayBuffer(4096) });
    foreign({ buffer: new SharedArrayBuffer(16) });
    foreign({ buffer: new SharedArrayBuffer(4096) });
    const fresh = () => new KillSwitch({ secret: 's' }).share();

    const wrongVersion = fresh();
    Atomics.store(new Int32Array(wrongVersion.buffer), L.versionIndex, 2);
    expect(() => KillSwitch.attach(wrongVersion, auth)).toThrow(/version 2/);

    const wrongStride = fresh();
    Atomics.store(new Int32Array(wrongStride.buffer), L.strideIndex, 32);
    foreign(wrongStride);

    const wrongCapacity = fresh();
    Atomics.store(new Int32Array(wrongCapacity.buffer), L.auditCapacityIndex, 7);
    foreign(wrongCapacity);

    const h = fresh();
    foreign({ buffer: h.buffer, options: { ...h.options, resetCooldownMs: 1 } });
    foreign({ buffer: h.buffer, options: { ...h.options, maxWatchdogs: 1 } });
    expect(() => KillSwitch.attach({ buffer: h.buffer } as never, auth)).not.toThrow();
  });

  it('attach still needs authorization and a valid clock', () => {
    const h = new KillSwitch({ secret: 's' }).share();
    expect(() => KillSwitch.attach(h, {})).toThrow(
      expect.objectContaining({ code: 'NO_AUTHORIZATION' }),
    );
    expect(() => KillSwitch.attach(h, { secret: 's', clock: 5 as never })).toThrow(
      expect.objectContaining({ field: 'options.clock' }),
    );
    // A failed attach does not leak into the next construction.
    const own = new KillSwitch({ secret: 's' });
    expect(own.share().buffer).not.toBe(h.buffer);
  });

  it('each refusal names handle.buffer, the offending value and why', () => {
    const plain = new ArrayBuffer(4096);
    expect(refusal({ buffer: plain })).toMatchObject({
      code: 'FOREIGN_BUFFER',
      field: 'handle.buffer',
      value: plain,
      message: 'handle.buffer is not a kill switch buffer of layout v1: not a SharedArrayBuffer',
    });
    // Too short to hold the header: refused before any header word is read.
    for (const n of [0, 4, 60]) {
      expect(refusal({ buffer: new SharedArrayBuffer(n) })).toMatchObject({
        code: 'FOREIGN_BUFFER',
        message: `${WHY}only ${n} bytes`,
      });
    }
    // 64 bytes hold a header: the magic word decides.
    expect(refusal({ buffer: new SharedArrayBuffer(64) })).toMatchObject({
      code: 'FOREIGN_BUFFER',
      value: { magic: 0 },
      message: `${WHY}magic 0`,
    });

    const badMagic = new KillSwitch({ secret: 's' }).share();
    Atomics.store(new Int32Array(badMagic.buffer), L.magicIndex, 7);
    expect(refusal(badMagic)).toMatchObject({
      value: { magic: 7 },
      message: `${WHY}magic 7`,
    });

    const badVersion = new KillSwitch({ secret: 's' }).share();
    Atomics.store(new Int32Array(badVersion.buffer), L.versionIndex, 2);
    expect(refusal(badVersion)).toMatchObject({
      value: { version: 2 },
      message: `${WHY}version 2`,
    });

    const badStride = new KillSwitch({ secret: 's' }).share();
    Atomics.store(new Int32Array(badStride.buffer), L.strideIndex, 96);
    expect(refusal(badStride)).toMatchObject({
      value: { stride: 96 },
      message: `${WHY}stride 96`,
    });
  });

  it('a buffer whose length is not a multiple of 4 is FOREIGN_BUFFER, not a RangeError', () => {
    const h = new KillSwitch({ secret: 's' }).share();
    for (const extra of [1, 2, 3, 6]) {
      const buffer = new SharedArrayBuffer(h.buffer.byteLength + extra);
      new Uint8Array(buffer).set(new Uint8Array(h.buffer));
      expect(refusal({ buffer })).toMatchObject({
        code: 'FOREIGN_BUFFER',
        message: `${WHY}geometry does not match its ${buffer.byteLength} bytes`,
      });
    }
  });

  it('attaches to buffers of either cache-line stride (64 and 128)', () => {
    for (const stride of [64, 128]) {
      const { buffer } = createBuffer(stride, 2, 1, 5);
      const ks = KillSwitch.attach({ buffer } as never, { secret: 's', clock: new ManualClock(0) });
      expect(ks.share().options).toEqual({
        stride,
        auditCapacity: 2,
        maxWatchdogs: 1,
        resetCooldownMs: 5,
      });
      ks.trip({ level: 'halted', source: 'a', reason: '' });
      expect(ks.level).toBe('halted');
    }
  });

  it('geometry: at least one audit record and one watchdog slot, and the exact byte length', () => {
    const S = 64;
    const bytes = (audit: number, wd: number) => killSwitchOffsets(S, audit, wd).byteLength;
    // The smallest valid geometry is accepted...
    expect(() =>
      KillSwitch.attach(forged(S, 1, 1, bytes(1, 1)) as never, { secret: 's' }),
    ).not.toThrow();
    // ...while a header claiming no audit ring or no watchdog slot is refused even when the
    // buffer length matches what that header implies.
    const cases: [number, number, number][] = [
      [0, 1, bytes(0, 1)],
      [1, 0, bytes(1, 0)],
      [0, 0, bytes(0, 0)],
      [-1, 1, bytes(-1, 1)],
      [1, 1, bytes(1, 1) + 8],
      [1, 1, bytes(1, 1) - 8],
    ];
    for (const [auditCapacity, maxWatchdogs, byteLength] of cases) {
      expect(refusal(forged(S, auditCapacity, maxWatchdogs, byteLength))).toMatchObject({
        code: 'FOREIGN_BUFFER',
        field: 'handle.buffer',
        value: { auditCapacity, maxWatchdogs, byteLength },
        message: `handle.buffer is not a kill switch buffer of layout v1: geometry does not match its ${byteLength} bytes`,
      });
    }
  });

  it('handle.options must agree with the header on every field', () => {
    const h = new KillSwitch({ secret: 's', resetCooldownMs: 250, auditCapacity: 3 }).share();
    const header = { ...h.options };
    for (const [key, wrong] of [
      ['stride', h.options.stride === 64 ? 128 : 64],
      ['auditCapacity', 4],
      ['maxWatchdogs', 31],
      ['resetCooldownMs', 251],
    ] as const) {
      const options = { ...h.options, [key]: wrong };
      expect(refusal({ buffer: h.buffer, options })).toMatchObject({
        code: 'FOREIGN_BUFFER',
        field: 'handle.buffer',
        value: { header, options },
        message: `${WHY}handle.options do not match the buffer header`,
      });
    }
    // options: null is a mismatch too (a typed refusal, not a TypeError).
    expect(refusal({ buffer: h.buffer, options: null })).toMatchObject({
      code: 'FOREIGN_BUFFER',
      value: { header, options: null },
    });
    expect(() => KillSwitch.attach({ ...h }, { secret: 's' })).not.toThrow();
  });
});
