// Closed-state result path (DESIGN §8: tryAcquire + onSuccess <= 2x Atomics.add), each figure
// next to its baselines measured in the same run:
//   node --expose-gc --conditions=@tripwire/source --import tsx bench/closedResult.bench.ts
import { bench, do_not_optimize, group, run, summary } from 'mitata';
import { ManualClock } from '@tripwire/clock';
import { CircuitBreaker } from '@tripwire/circuit-breaker';

const shared = new Int32Array(new SharedArrayBuffer(256));
const clock = new ManualClock(0);
const closed = new CircuitBreaker({ clock });
// Failures that never open it: the rate rule cannot fire (threshold 1 with successes in the
// window) and the consecutive rule needs more failures than are ever in a row.
const mixed = new CircuitBreaker({ clock, failureRateThreshold: 1, consecutiveFailures: 1e6 });
const slow = new CircuitBreaker({ clock, slowCallMs: 1, slowCallRateThreshold: 1 });
let i = 0;

group('closed result path', () => {
  summary(() => {
    bench('Atomics.add', () => do_not_optimize(Atomics.add(shared, 0, 1)));
    bench('plain read + Atomics.compareExchange', () => {
      const v = shared[16] as number;
      do_not_optimize(Atomics.compareExchange(shared, 16, v, (v + 1) | 0));
    });
    bench('2x Atomics.add', () => {
      Atomics.add(shared, 32, 1);
      do_not_optimize(Atomics.add(shared, 48, 1));
    });
    bench('tryAcquire + onSuccess', () => do_not_optimize(closed.onSuccess(closed.tryAcquire())));
    bench('tryAcquire + onSuccess/onFailure alternating', () => {
      const p = mixed.tryAcquire();
      do_not_optimize((i++ & 1) === 0 ? mixed.onSuccess(p) : mixed.onFailure(p));
    });
    bench('tryAcquire + onSuccess (slowCallMs set, fast)', () =>
      do_not_optimize(slow.onSuccess(slow.tryAcquire(), 0)),
    );
  });
});

await run();
