// Circuit breaker: hot paths against baselines, execute against opossum and cockatiel, one process.
import { CircuitBreaker } from '@tripwire/circuit-breaker';
import { CachedClock, ManualClock } from '@tripwire/clock';
import { do_not_optimize } from 'mitata';
import { runSuite } from '../suite/runSuite.js';
import { BASELINE, baselineScenarios } from '../scenarios/baselines.js';
import { breakerPeers, PEER } from '../scenarios/breakerPeers.js';

const CLOSED = 'closed';
const OPEN = 'open rejection';
const HALF_OPEN = 'half-open';
const EXECUTE = 'execute an async action (closed)';
const EXECUTE_OPEN = 'execute (open)';

const ACQUIRE = 'tryAcquire (closed)';
const ACQUIRE_SUCCESS = 'tryAcquire + onSuccess (closed)';
const OPEN_REJECT = 'tryAcquire (open, systemClock: one clock read per call)';
const OPEN_REJECT_CACHED = 'tryAcquire (open, CachedClock: returns REJECTED.open, no throw)';
const HALF_OPEN_ADMIT = 'tryAcquire + release (half-open)';
const OURS_EXECUTE = 'CircuitBreaker.execute (closed)';
const OURS_EXECUTE_OPEN = 'CircuitBreaker.execute (open: rejects with BreakerOpenError)';

const action = (): Promise<number> => Promise.resolve(1);

const closed = new CircuitBreaker();
const executor = new CircuitBreaker();

// Open for the whole run: five consecutive failures, a break far longer than the run.
const open = new CircuitBreaker({ openMs: 1e12 });
for (let i = 0; i < 5; i++) open.onFailure(open.tryAcquire());
if (open.state !== 'open') throw new Error(`breaker did not open (${open.state})`);
// The same on a CachedClock (its time refreshed by the application): a rejection reads no clock.
const openCached = new CircuitBreaker({ openMs: 1e12, clock: new CachedClock() });
for (let i = 0; i < 5; i++) openCached.onFailure(openCached.tryAcquire());

// Half-open on a manual clock that never moves again: leases never expire during the run.
const clock = new ManualClock();
const halfOpen = new CircuitBreaker({ clock, openMs: 1_000 });
for (let i = 0; i < 5; i++) halfOpen.onFailure(halfOpen.tryAcquire());
clock.advance(1_000);
halfOpen.release(halfOpen.tryAcquire());
if (halfOpen.state !== 'half-open') throw new Error(`breaker not half-open (${halfOpen.state})`);

const peers = await breakerPeers(
  { closed: EXECUTE, open: EXECUTE_OPEN },
  { closed: OURS_EXECUTE, open: OURS_EXECUTE_OPEN },
  BASELINE.awaitResolved,
);

await runSuite({
  name: 'circuit-breaker',
  scenarios: [
    ...baselineScenarios([BASELINE.int32Read, BASELINE.atomicsLoad, BASELINE.atomicsAdd], CLOSED),
    {
      name: ACQUIRE,
      group: CLOSED,
      baseline: BASELINE.int32Read,
      reference: { label: 'seed', ns: 47 },
      target: { label: '<= 2 ns (median)', maxP50Ns: 2 },
      bench: () => do_not_optimize(closed.tryAcquire()),
    },
    {
      name: ACQUIRE_SUCCESS,
      group: CLOSED,
      baseline: BASELINE.atomicsAdd,
      reference: { label: 'seed', ns: 99, note: '47 ns acquire + 52 ns record' },
      target: { label: '<= 2x Atomics.add', maxRatio: 2 },
      bench: () => do_not_optimize(closed.onSuccess(closed.tryAcquire())),
    },
    {
      name: OPEN_REJECT_CACHED,
      group: OPEN,
      baseline: BASELINE.atomicsLoad,
      target: { label: '<= 1x Atomics.load', maxRatio: 1 },
      bench: () => do_not_optimize(openCached.tryAcquire()),
    },
    {
      name: OPEN_REJECT,
      group: OPEN,
      baseline: BASELINE.atomicsLoad,
      bench: () => do_not_optimize(open.tryAcquire()),
    },
    {
      name: HALF_OPEN_ADMIT,
      group: HALF_OPEN,
      bench: () => do_not_optimize(halfOpen.release(halfOpen.tryAcquire())),
    },
    ...baselineScenarios([BASELINE.awaitResolved], EXECUTE),
    {
      name: OURS_EXECUTE,
      group: EXECUTE,
      baseline: BASELINE.awaitResolved,
      target: {
        label: 'overhead over a bare await < half of cockatiel’s',
        maxOverheadRatio: { peer: PEER.cockatielConsecutive, ratio: 0.5 },
      },
      bench: async () => do_not_optimize(await executor.execute(action)),
    },
    ...peers.closed,
    {
      name: OURS_EXECUTE_OPEN,
      group: EXECUTE_OPEN,
      bench: async () => do_not_optimize(await open.execute(action).catch((e: unknown) => e)),
    },
    ...peers.open,
  ],
  notes: [
    'Every breaker uses the DESIGN defaults (count window of 20, 5 consecutive failures, 3 half-open permits) unless stated. The action is `() => Promise.resolve(1)` for every library, and every call is awaited.',
    'Open rejection: tryAcquire returns a negative code and throws nothing; execute, opossum and cockatiel reject their promise with an Error, whose stack capture dominates their cost.',
    'Open rejection: with the default systemClock each rejection reads the clock (~50 ns on Node 20); with a CachedClock the time is a field read, refreshed by the application (packages/clock). The CachedClock row runs first, while the call site has seen one clock class.',
    'Half-open: a breaker on a manual clock that has just entered half-open; each iteration takes a probe permit and releases it (so the budget never runs out).',
  ],
});
peers.dispose();
