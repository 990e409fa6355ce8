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
const floorA = new Int32Array(new SharedArrayBuffer(4096));

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
    bench('the same shared-memory operations inline (module-constant array)', () => {
      const w = floorA[16] as number;
      if ((w & 3) !== 0) return 1;
      const h = floorA[32] as number;
      const c = h & 0xffffff;
      let n = c + 1;
      if (n === 40) n = 20;
      if (Atomics.compareExchange(floorA, 32, h, (h & ~0xffffff) | n) !== h) return 2;
      const v = floorA[512 + (c < 20 ? c : c - 20)] as number;
      if ((v & 6) !== 0) return 3;
      const cc = floorA[80] as number;
      return do_not_optimize((cc & 0xffffff) !== 0 ? 4 : 0);
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
