import { describe, expect, it } from 'vitest';
import { CLOCK_LAYOUT } from './layout.js';
import { SharedManualClock } from './SharedManualClock.js';

describe('SharedManualClock', () => {
  it('keeps fractional time exactly and moves forward only', () => {
    const clock = new SharedManualClock(0.125);
    expect(clock.now()).toBe(0.125);
    clock.set(1_000.5);
    expect(clock.advance(0.25)).toBe(1_000.75);
    expect(clock.now()).toBe(1_000.75);
    expect(() => clock.set(1_000)).toThrow(expect.objectContaining({ code: 'CLOCK_BACKWARDS' }));
    expect(() => clock.advance(-0.5)).toThrow(expect.objectContaining({ code: 'CLOCK_BACKWARDS' }));
    expect(() => clock.set(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_TIME' }));
    expect(() => new SharedManualClock(Number.NEGATIVE_INFINITY)).toThrow(
      expect.objectContaining({ field: 'start' }),
    );
    expect(clock.now()).toBe(1_000.75);
  });

  it('two instances attached to one buffer are one clock', () => {
    const a = new SharedManualClock(10);
    const b = SharedManualClock.attach(structuredClone(a.share()));
    a.advance(5);
    expect(b.now()).toBe(15);
    b.set(40);
    expect(a.now()).toBe(40);
    expect(() => a.set(39)).toThrow(expect.objectContaining({ code: 'CLOCK_BACKWARDS' }));
  });

  it('attach refuses a buffer that is not a clock', () => {
    expect(() => SharedManualClock.attach({ buffer: new SharedArrayBuffer(64) })).toThrow(
      expect.objectContaining({ code: 'FOREIGN_BUFFER', field: 'handle.buffer' }),
    );
    expect(() => SharedManualClock.attach({ buffer: new SharedArrayBuffer(8) })).toThrow(
      expect.objectContaining({ code: 'FOREIGN_BUFFER' }),
    );
    const wrongVersion = new SharedManualClock(0).share();
    Atomics.store(new Int32Array(wrongVersion.buffer), CLOCK_LAYOUT.versionIndex, 99);
    expect(() => SharedManualClock.attach(wrongVersion)).toThrow(/version 99/);
    expect(() =>
      SharedManualClock.attach({ buffer: new ArrayBuffer(64) as unknown as SharedArrayBuffer }),
    ).toThrow(expect.objectContaining({ code: 'FOREIGN_BUFFER' }));
  });

  it('names the field, the value and the reason of every refusal', () => {
    const tooSmall = new SharedArrayBuffer(4);
    let caught: unknown;
    try {
      SharedManualClock.attach({ buffer: tooSmall });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({
      code: 'FOREIGN_BUFFER',
      field: 'handle.buffer',
      value: tooSmall,
      message: 'handle.buffer must be the SharedArrayBuffer of a SharedManualClock',
    });
    expect(() =>
      SharedManualClock.attach(undefined as unknown as { buffer: SharedArrayBuffer }),
    ).toThrow(
      expect.objectContaining({
        code: 'FOREIGN_BUFFER',
        field: 'handle',
        message: 'handle must be the { buffer } of SharedManualClock.share(), got undefined',
      }),
    );
    expect(() =>
      SharedManualClock.attach(null as unknown as { buffer: SharedArrayBuffer }),
    ).toThrow(expect.objectContaining({ code: 'FOREIGN_BUFFER', field: 'handle' }));
    expect(() => new SharedManualClock(null as unknown as number)).toThrow(
      expect.objectContaining({ code: 'FOREIGN_BUFFER', field: 'handle.buffer' }),
    );
    expect(() => SharedManualClock.attach({} as { buffer: SharedArrayBuffer })).toThrow(
      expect.objectContaining({ code: 'FOREIGN_BUFFER', field: 'handle.buffer' }),
    );
    const badMagic = new SharedManualClock(0).share();
    Atomics.store(new Int32Array(badMagic.buffer), CLOCK_LAYOUT.magicIndex, 7);
    expect(() => SharedManualClock.attach(badMagic)).toThrow(
      expect.objectContaining({ value: { magic: 7, version: CLOCK_LAYOUT.version } }),
    );
    const clock = new SharedManualClock(10);
    expect(() => clock.set(5)).toThrow(expect.objectContaining({ field: 'ms', value: 5 }));
    expect(() => clock.advance(-1)).toThrow(expect.objectContaining({ field: 'ms', value: -1 }));
    expect(() => clock.set(Number.NaN)).toThrow(expect.objectContaining({ field: 'ms' }));
  });
});
