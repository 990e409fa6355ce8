import { ManualClock } from '@tripwire/clock';
import { describe, expect, it } from 'vitest';
import { KillSwitch } from '../KillSwitch.js';
import { KILL_SWITCH_LAYOUT as L, defaultStride } from '../layout.js';

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
});
