import { describe, expect, it } from 'vitest';
import { ManualClock } from '@tripwire/clock';
import { CircuitBreaker } from './CircuitBreaker.js';
import { isBreakerAttachError } from './errors/BreakerAttachError.js';
import { BREAKER_LAYOUT, computeLayout, strideFor } from './layout.js';
import { resolveBreakerOptions } from './options/BreakerOptions.js';

function attachError(handle: unknown): { code: string; field: string; message: string } {
  try {
    CircuitBreaker.attach(handle as never);
  } catch (e) {
    expect(isBreakerAttachError(e)).toBe(true);
    return e as { code: string; field: string; message: string };
  }
  throw new Error('expected a BreakerAttachError');
}

describe('share / attach', () => {
  it('two instances on one buffer are one breaker', () => {
    const clock = new ManualClock(0);
    const a = new CircuitBreaker({ clock, consecutiveFailures: 2, openMs: 10 });
    const b = CircuitBreaker.attach(structuredClone(a.share()), { clock });
    a.onFailure(a.tryAcquire());
    b.onFailure(b.tryAcquire());
    expect(a.state).toBe('open');
    expect(b.tryAcquire()).toBe(-1);
    expect(a.snapshot()).toMatchObject({ notPermitted: 1, failures: 2 });
    clock.advance(10);
    const probe = a.tryAcquire();
    expect(b.onSuccess(probe)).toBe('recorded');
    expect(b.options).toEqual(a.options);
  });

  it('rejection stripes: many instances on one buffer still count every rejection', () => {
    const a = new CircuitBreaker({ clock: new ManualClock(0) });
    const twins = Array.from({ length: 12 }, () => CircuitBreaker.attach(a.share()));
    a.isolate();
    for (const t of twins) t.tryAcquire();
    expect(a.snapshot().notPermitted).toBe(12);
  });

  it('the stride comes from the architecture and is recorded in the header', () => {
    expect(strideFor('arm64')).toBe(128);
    expect(strideFor('x64')).toBe(64);
    const cb = new CircuitBreaker();
    const header = new Int32Array(cb.share().buffer, 0, 8);
    expect(header[BREAKER_LAYOUT.header.stride]).toBe(strideFor(process.arch));
    const L = computeLayout(resolveBreakerOptions(), 128);
    // Hot words on separate lines.
    expect(
      new Set(
        [L.state, L.head, L.failures, L.slow, L.consecutive, L.holds].map((i) =>
          Math.floor((i * 4) / 128),
        ),
      ).size,
    ).toBe(6);
  });

  it('attach refuses a foreign, corrupted or mismatched buffer with a typed error', () => {
    const cb = new CircuitBreaker();
    const good = cb.share();
    expect(attachError(undefined).code).toBe('FOREIGN_BUFFER');
    expect(attachError({ buffer: new ArrayBuffer(1024), options: good.options }).code).toBe(
      'FOREIGN_BUFFER',
    );
    expect(attachError({ buffer: new SharedArrayBuffer(16), options: good.options }).code).toBe(
      'FOREIGN_BUFFER',
    );
    expect(attachError({ buffer: new SharedArrayBuffer(4096), options: good.options }).code).toBe(
      'FOREIGN_BUFFER',
    );

    const copy = (mutate: (h: Int32Array) => void) => {
      const buffer = new SharedArrayBuffer(good.buffer.byteLength);
      new Uint8Array(buffer).set(new Uint8Array(good.buffer));
      mutate(new Int32Array(buffer));
      return { buffer, options: good.options };
    };
    expect(attachError(copy((h) => (h[BREAKER_LAYOUT.header.version] = 9))).code).toBe(
      'LAYOUT_VERSION',
    );
    expect(attachError(copy((h) => (h[BREAKER_LAYOUT.header.stride] = 96))).code).toBe(
      'STRIDE_MISMATCH',
    );
    expect(
      attachError(
        copy((h) => (h[BREAKER_LAYOUT.header.digest] = (h[BREAKER_LAYOUT.header.digest] ?? 0) ^ 1)),
      ).code,
    ).toBe('OPTIONS_MISMATCH');
    const other = attachError({ buffer: good.buffer, options: { ...good.options, openMs: 1 } });
    expect(other).toMatchObject({ code: 'OPTIONS_MISMATCH', field: 'handle.options' });
    expect(
      attachError({ buffer: good.buffer, options: { ...good.options, openMs: -1 } }).message,
    ).toMatch(/openMs/);
  });
});
