import { afterEach, describe, expect, it } from 'vitest';
import { KILL_SWITCH_LAYOUT as L, defaultStride, killSwitchOffsets } from './layout.js';

const arch = Object.getOwnPropertyDescriptor(process, 'arch') as PropertyDescriptor;

describe('layout', () => {
  afterEach(() => {
    Object.defineProperty(process, 'arch', arch);
  });

  it('uses a 128-byte stride on arm64 and 64 bytes elsewhere', () => {
    Object.defineProperty(process, 'arch', { value: 'arm64', configurable: true });
    expect(defaultStride()).toBe(128);
    Object.defineProperty(process, 'arch', { value: 'x64', configurable: true });
    expect(defaultStride()).toBe(64);
  });

  it('puts each cross-thread word on its own line, records aligned to the stride', () => {
    for (const stride of [64, 128]) {
      const o = killSwitchOffsets(stride, 3, 2);
      const lines = [
        o.stateIndex * 4,
        o.lastTripBigIndex * 8,
        o.auditHeadIndex * 4,
        o.watchdogCountIndex * 4,
      ].map((byte) => byte / stride);
      expect(lines).toEqual([1, 2, 3, 4]);
      expect(o.watchdogBase % stride).toBe(0);
      expect(o.auditBase % stride).toBe(0);
      expect(L.auditRecordBytes % stride).toBe(0);
      expect(L.watchdogSlotBytes % stride).toBe(0);
      expect(o.byteLength).toBe(5 * stride + 2 * 128 + 3 * 384);
    }
  });
});
