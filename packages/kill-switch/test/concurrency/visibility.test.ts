import { describe, expect, it } from 'vitest';
import { KillSwitch } from '@tripwire/kill-switch';
import { runWorker } from '@tripwire/conformance';
import type { LooperResult, VisibilityWorkerData } from './fixtures/visibilityProtocol.js';

const entry = new URL('./fixtures/visibilityWorker.ts', import.meta.url);

async function race(variant: 'real' | 'broken', timeoutMs: number) {
  const ks = new KillSwitch({ secret: 'unused' });
  const flags = new SharedArrayBuffer(16);
  const base = { handle: ks.share(), flags, timeoutMs };
  const looper = (intent: 'increase' | 'reduce'): VisibilityWorkerData => ({
    ...base,
    role: 'looper',
    intent,
    variant,
  });
  const [inc, red] = await Promise.all([
    runWorker<LooperResult>(entry, { workerData: looper('increase') }),
    runWorker<LooperResult>(entry, { workerData: looper('reduce') }),
    runWorker<string>(entry, { workerData: { ...base, role: 'tripper', loopers: 2 } }),
  ]);
  return { ks, increase: inc.message, reduce: red.message };
}

describe('allows across workers (DESIGN §8: one plain read, visible)', () => {
  it('workers spinning on allows see a trip made by another worker', async () => {
    const { ks, increase, reduce } = await race('real', 10_000);
    expect(ks.level).toBe('halted');
    expect(increase.sawTrip).toBe(true);
    expect(reduce.sawTrip).toBe(true);
    expect(increase.iterations).toBeGreaterThanOrEqual(1 << 20); // it was hot before the trip
    expect(reduce.iterations).toBeGreaterThanOrEqual(1 << 20);
  }, 20_000);

  it('the same check fails for loopers reading memory the tripper does not write (broken fixture)', async () => {
    const { ks, increase, reduce } = await race('broken', 300);
    expect(ks.level).toBe('halted');
    expect(increase.sawTrip).toBe(false);
    expect(reduce.sawTrip).toBe(false);
    expect(increase.iterations).toBeGreaterThanOrEqual(1 << 20);
  }, 20_000);
});
