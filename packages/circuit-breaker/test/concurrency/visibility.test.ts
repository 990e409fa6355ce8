import { describe, expect, it } from 'vitest';
import { CircuitBreaker, REJECTED } from '@tripwire/circuit-breaker';
import { startWorker } from '@tripwire/conformance';

/*
 * The closed-state tryAcquire is a plain (non-atomic) read of the state word. A plain read of an
 * aligned Int32 never tears, but the compiler could in principle keep it in a register across a
 * hot loop; this shows a worker spinning on tryAcquire sees another thread's isolate().
 */
describe('visibility of the plain closed-state read', () => {
  it('a worker looping on tryAcquire sees another thread isolate the breaker', async () => {
    const cb = new CircuitBreaker();
    const limit = 2e9;
    const worker = startWorker(new URL('./fixtures/spinWorker.ts', import.meta.url), {
      workerData: { handle: cb.share(), limit },
    });
    const result = new Promise<{ iterations: number; seen: number }>((resolve, reject) => {
      worker.on('message', (m: unknown) => {
        if (m === 'spinning') {
          // Let the loop get hot (optimised) before isolating.
          setTimeout(() => cb.isolate(), 200);
        } else resolve(m as { iterations: number; seen: number });
      });
      worker.once('error', reject);
    });
    const { iterations: rounds, seen } = await result;
    await worker.terminate();
    expect(seen).toBe(REJECTED.isolated);
    // A loop count, not a time: the worker stopped because it saw the change, not at its cap.
    expect(rounds).toBeLessThan(limit);
  }, 30_000);
});
