import { describe, expect, it, vi } from 'vitest';

describe('shared-memory facade', () => {
  it('calls the scheduling hook before every access when one is installed at load', async () => {
    const calls: string[] = [];
    (globalThis as Record<string, unknown>).__tripwireSchedulingHook__ = (op: string) =>
      calls.push(op);
    vi.resetModules();
    try {
      const { LatencyHistogram } = await import('../LatencyHistogram.js');
      const h = new LatencyHistogram({ lowestNs: 10, highestNs: 100 });
      calls.length = 0;
      h.record(50);
      expect(calls).toEqual(['add']);
      h.record(5);
      expect(calls).toContain('cas64');
      h.snapshot();
      expect(calls).toContain('loadRelaxed');
      expect(calls).toContain('load64');
      h.reset();
      expect(calls).toContain('store');
      expect(calls).toContain('store64');
      LatencyHistogram.attach(h.share());
      expect(calls).toContain('load');
    } finally {
      delete (globalThis as Record<string, unknown>).__tripwireSchedulingHook__;
      vi.resetModules();
    }
  });
});
