import { expect, it } from 'vitest';

// The README quick start, verbatim between the markers (keep them in sync).
it('README quick start runs', async () => {
  const log: unknown[] = [];
  const console = { log: (...a: unknown[]) => log.push(a.length === 1 ? a[0] : a) };
  // --- quick start ---
  const { ManualClock } = await import('@tripwire/clock');
  const { CircuitBreaker, GlobalBreaker, REJECTED, isPermit, isBreakerOpenError } =
    await import('@tripwire/circuit-breaker');

  const clock = new ManualClock(0); // omit `clock` to use systemClock
  const cb = new CircuitBreaker({ clock, consecutiveFailures: 2, openMs: 1_000 });
  cb.subscribe((t) => console.log(`${t.from} -> ${t.to} (${t.cause})`));

  // Hot path: never throws, never allocates in closed state.
  for (let i = 0; i < 2; i++) {
    const permit = cb.tryAcquire();
    if (isPermit(permit)) cb.onFailure(permit); // 'recorded'
  }
  console.log(cb.tryAcquire() === REJECTED.open); // true

  // Convenience API: a typed rejection while open.
  try {
    await cb.execute(() => 'quote');
  } catch (e) {
    if (isBreakerOpenError(e)) console.log(e.code, e.state, e.retryAfterMs); // BREAKER_OPEN open 1000
  }

  clock.advance(1_000);
  const probe = cb.tryAcquire(); // the first half-open probe
  console.log(cb.onSuccess(probe), cb.state); // recorded half-open (3 successes close it)

  // Workers: post cb.share() and call CircuitBreaker.attach(handle, { clock }) there.
  const twin = CircuitBreaker.attach(cb.share(), { clock });
  console.log(twin.generation === cb.generation); // true

  const hold = cb.isolate(); // 'isolated' until every hold is disposed
  hold.dispose(); // the last dispose moves to half-open

  const others = [new CircuitBreaker({ clock }), new CircuitBreaker({ clock })];
  others[0]?.isolate();
  const global = new GlobalBreaker([cb, ...others], { openFraction: 0.5 });
  console.log(global.state, global.tryAcquire(2)); // 'half-open' 0
  // --- end ---
  expect(log).toEqual([
    'closed -> open (consecutive-failures)',
    true,
    ['BREAKER_OPEN', 'open', 1000],
    'open -> half-open (open-elapsed)',
    ['recorded', 'half-open'],
    true,
    'half-open -> isolated (isolate)',
    'isolated -> half-open (dispose)',
    ['half-open', 0],
  ]);
});
