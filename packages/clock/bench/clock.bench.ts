// Clock reads next to an Atomics.load, measured in one run:
//   node --expose-gc --conditions=@tripwire/source --import tsx bench/clock.bench.ts
import { bench, do_not_optimize, run, summary } from 'mitata';
import { CachedClock, ManualClock, systemClock } from '@tripwire/clock';

const shared = new Int32Array(new SharedArrayBuffer(64));
const manual = new ManualClock(0);
const cached = new CachedClock();

summary(() => {
  bench('Atomics.load', () => do_not_optimize(Atomics.load(shared, 0)));
  bench('performance.timeOrigin + performance.now()', () =>
    do_not_optimize(performance.timeOrigin + performance.now()),
  );
  bench('systemClock.now()', () => do_not_optimize(systemClock.now()));
  bench('ManualClock.now()', () => do_not_optimize(manual.now()));
  bench('CachedClock.now()', () => do_not_optimize(cached.now()));
  bench('CachedClock.update()', () => do_not_optimize(cached.update()));
});

await run();
