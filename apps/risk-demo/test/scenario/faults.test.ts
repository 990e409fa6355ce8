import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT, RiskDemo } from '@tripwire/risk-demo';

let diagnose = (): string => '';
const until = async (done: () => boolean, what: string, timeoutMs = 25_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${diagnose()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

// The other injected faults, one per venue at the same time: slow responses on venue-a, an
// error burst on venue-b, stale prices on venue-c. Outcomes only: which rule opened each breaker,
// the denials, recovery, and no accepted order lost.
describe('slow responses, error bursts and stale prices', () => {
  let demo: RiskDemo;

  beforeAll(async () => {
    demo = await RiskDemo.start({ ratePerSec: 3_000 });
    await demo.startFlow();
    diagnose = () =>
      JSON.stringify({
        breakers: demo.primitives.breakers.map((b) => b.snapshot()),
        timeline: demo.timeline.slice(-25),
      });
  });

  afterAll(async () => {
    await demo.close();
  });

  it(
    'opens the right breakers for the right reasons, then recovers without loss',
    { timeout: 60_000 },
    async () => {
      const opened = (venue: string) =>
        demo.timeline.filter((e) => e.source === venue && e.to === 'open').map((e) => e.cause);
      const staleBefore = demo.stats.deniedByCode.get('STALE_PRICE') ?? 0;
      demo.injectFault(0, { kind: FAULT.slow, durationMs: 4_000, delayMs: 800 });
      demo.injectFault(1, { kind: FAULT.errors, durationMs: 4_000, rate: 1 });
      demo.injectFault(2, { kind: FAULT.stalePrices, durationMs: 3_000 });
      await until(
        () => opened('venue-a').includes('slow-call-rate'),
        'venue-a to open on slow calls',
      );
      await until(
        () =>
          opened('venue-b').some((c) =>
            ['consecutive-failures', 'failure-rate', 'half-open-failure'].includes(c ?? ''),
          ),
        'venue-b to open on failures',
      );
      await until(
        () => (demo.stats.deniedByCode.get('STALE_PRICE') ?? 0) > staleBefore,
        'stale price denials',
      );
      const { breakers } = demo.primitives;
      await until(
        () => breakers.every((b) => b.state === 'closed'),
        'every breaker to close again',
      );
      await demo.stopFlow();
      expect(await demo.drain(5_000)).toBe(true);
      expect(demo.stats.accepted).toBe(demo.stats.settled);
      expect(opened('venue-c')).toEqual([]);
    },
  );
});
