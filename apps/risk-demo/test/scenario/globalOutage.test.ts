import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT, RiskDemo } from '@tripwire/risk-demo';

const until = async (done: () => boolean, what: string, timeoutMs = 25_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

// Every venue down at once: the global breaker opens and holds the kill switch at 'reducing',
// which denies orders before any venue permit is taken. The demo's health probes (under breaker
// permits) must still bring every breaker, the global breaker and the kill switch back
// (docs/decisions/0601-demo-wiring.md).
describe('outage of every venue', () => {
  let demo: RiskDemo;

  beforeAll(async () => {
    demo = await RiskDemo.start({ ratePerSec: 3_000 });
    await demo.startFlow();
  });

  afterAll(async () => {
    await demo.close();
  });

  it(
    'opens the global breaker, holds the kill switch, and recovers when the venues return',
    {
      timeout: 60_000,
    },
    async () => {
      const { breakers, globalBreaker, killSwitch } = demo.primitives;
      for (let v = 0; v < breakers.length; v++)
        demo.injectFault(v, { kind: FAULT.outage, durationMs: 1_500 });
      await until(() => globalBreaker.state === 'open', 'the global breaker to open');
      await until(() => killSwitch.level === 'reducing', 'the kill switch hold');
      await until(
        () =>
          breakers.every((b) => b.state === 'closed') &&
          globalBreaker.state === 'closed' &&
          killSwitch.level === 'active',
        'recovery of every breaker and of the kill switch',
      );
      const acceptedBefore = demo.stats.accepted;
      await until(() => demo.stats.accepted > acceptedBefore, 'orders accepted again');
      await demo.stopFlow();
      expect(await demo.drain(5_000)).toBe(true);
      expect(demo.stats.accepted).toBe(demo.stats.settled);
      const changes = demo.timeline.map((e) => `${e.source} -> ${e.to}`);
      expect(changes).toContain('global breaker -> open');
      expect(changes).toContain('kill switch -> reducing');
      expect(changes.lastIndexOf('kill switch -> active')).toBeGreaterThan(
        changes.lastIndexOf('kill switch -> reducing'),
      );
    },
  );
});
