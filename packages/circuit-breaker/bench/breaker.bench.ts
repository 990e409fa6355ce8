// Breaker hot paths next to their baselines, measured in one run (DESIGN §8):
//   node --expose-gc --conditions=@tripwire/source --import tsx bench/breaker.bench.ts
import { createRequire } from 'node:module';
import { ConsecutiveBreaker, circuitBreaker as cockatielBreaker, handleAll } from 'cockatiel';
import { bench, do_not_optimize, group, run, summary } from 'mitata';
import { CachedClock, ManualClock, systemClock } from '@tripwire/clock';
import { CircuitBreaker } from '@tripwire/circuit-breaker';
import { load as facadeLoad } from '../src/internal/shared.js';

type OpossumBreaker = { fire(): Promise<unknown> };
type OpossumCtor = new (fn: () => Promise<unknown>, options: object) => OpossumBreaker;
const Opossum = createRequire(import.meta.url)('opossum') as OpossumCtor;

const shared = new Int32Array(new SharedArrayBuffer(64));
const manual = new ManualClock(0);

const closed = new CircuitBreaker({ clock: manual });
const closedSystem = new CircuitBreaker({ clock: systemClock });
const openManual = new CircuitBreaker({ clock: manual, consecutiveFailures: 1, openMs: 1e12 });
openManual.onFailure(openManual.tryAcquire());
const openSystem = new CircuitBreaker({ clock: systemClock, consecutiveFailures: 1, openMs: 1e12 });
openSystem.onFailure(openSystem.tryAcquire());
const cached = new CachedClock();
const openCached = new CircuitBreaker({ clock: cached, consecutiveFailures: 1, openMs: 1e12 });
openCached.onFailure(openCached.tryAcquire());
const half = new CircuitBreaker({
  clock: manual,
  consecutiveFailures: 1,
  openMs: 1,
  halfOpen: { permits: 3, successesToClose: 3, leaseMs: 1e12 },
});
half.onFailure(half.tryAcquire());
manual.advance(1);
half.release(half.tryAcquire());

group('closed tryAcquire (DESIGN §8: <= 2 ns, no clock read)', () => {
  summary(() => {
    bench('plain read of a shared Int32', () => do_not_optimize(shared[0]));
    bench('Atomics.load', () => do_not_optimize(Atomics.load(shared, 0)));
    bench('facade load (no hook)', () => do_not_optimize(facadeLoad(shared, 0)));
    bench('tryAcquire (closed)', () => do_not_optimize(closed.tryAcquire()));
    bench('tryAcquire (closed, systemClock)', () => do_not_optimize(closedSystem.tryAcquire()));
  });
});

group('closed tryAcquire + onSuccess (<= 2x Atomics.add)', () => {
  summary(() => {
    bench('Atomics.add', () => do_not_optimize(Atomics.add(shared, 1, 1)));
    bench('2x Atomics.add', () => {
      Atomics.add(shared, 1, 1);
      do_not_optimize(Atomics.add(shared, 2, 1));
    });
    bench('tryAcquire + onSuccess', () => do_not_optimize(closed.onSuccess(closed.tryAcquire())));
  });
});

group('open rejection (<= 1x Atomics.load)', () => {
  summary(() => {
    // CachedClock first: measured while the open path's clock call has seen one clock class (a
    // process normally uses one); the rows after it run with a polymorphic call site.
    bench('Atomics.load', () => do_not_optimize(Atomics.load(shared, 0)));
    bench('tryAcquire (open, CachedClock)', () => do_not_optimize(openCached.tryAcquire()));
    bench('systemClock.now()', () => do_not_optimize(systemClock.now()));
    bench('tryAcquire (open, ManualClock)', () => do_not_optimize(openManual.tryAcquire()));
    bench('tryAcquire (open, systemClock)', () => do_not_optimize(openSystem.tryAcquire()));
    bench('tryAcquire (open, CachedClock, polymorphic)', () =>
      do_not_optimize(openCached.tryAcquire()),
    );
  });
});

group('half-open acquire', () => {
  summary(() => {
    bench('Atomics.compareExchange', () =>
      do_not_optimize(Atomics.compareExchange(shared, 3, 0, 0)),
    );
    bench('tryAcquire + release (half-open)', () =>
      do_not_optimize(half.release(half.tryAcquire())),
    );
  });
});

const work = (): Promise<number> => Promise.resolve(1);
const execBreaker = new CircuitBreaker({ clock: systemClock });
const cockatiel = cockatielBreaker(handleAll, {
  halfOpenAfter: 10_000,
  breaker: new ConsecutiveBreaker(5),
});
const opossum = new Opossum(work, { timeout: false, resetTimeout: 10_000 });

group('execute overhead over a bare await (< half of cockatiel)', () => {
  summary(() => {
    bench('bare await', async () => do_not_optimize(await work()));
    bench('CircuitBreaker.execute', async () => do_not_optimize(await execBreaker.execute(work)));
    bench('cockatiel 3.2.1 execute', async () => do_not_optimize(await cockatiel.execute(work)));
    bench('opossum 9.0.0 fire', async () => do_not_optimize(await opossum.fire()));
  });
});

await run();
