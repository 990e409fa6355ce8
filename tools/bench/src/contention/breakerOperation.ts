// Worker-side operation of the shared-breaker contention scenario: attach to the breaker posted
// by the main thread and report a success under each permit.
import { CircuitBreaker, type BreakerHandle } from '@tripwire/circuit-breaker';

/**
 * @param payload - the breaker's `share()` handle.
 * @returns one `tryAcquire` + `onSuccess` on the shared breaker.
 */
export function createOperation(payload: unknown): () => void {
  const cb = CircuitBreaker.attach(payload as BreakerHandle);
  return () => {
    cb.onSuccess(cb.tryAcquire());
  };
}
