import { afterEach, describe, expect, it } from 'vitest';
import { RiskDemo, demoConfig, type DemoClientIdSettings } from '@tripwire/risk-demo';

// The demo keeps accepting after issuing many more client ids than one engine table holds,
// because it rolls the engine's client-id session; with the rolls switched off the same run
// fills the table and every new id is denied DUPLICATE_ORDER (fail closed). Tables of 1,024
// slots through the config seam; outcomes only, no timing assertions.
const CAPACITY = 1_024;
const IDS = 6 * CAPACITY;

let demo: RiskDemo | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

async function run(clientIds: DemoClientIdSettings): Promise<RiskDemo> {
  demo = await RiskDemo.start({
    ratePerSec: 8_000,
    exchangeInWorker: false,
    config: { ...demoConfig, clientIds },
  });
  await demo.startFlow();
  const d = demo;
  await new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + 20_000;
    const poll = (): void => {
      if (d.stats.sent >= IDS) resolve();
      else if (Date.now() > deadline) reject(new Error(`only ${d.stats.sent} orders sent`));
      else setTimeout(poll, 20);
    };
    poll();
  });
  await demo.stopFlow();
  await demo.drain(5_000);
  return demo;
}

describe('client-id sessions in the demo', () => {
  it('keeps accepting after more ids than one table holds: the session rolls, no DUPLICATE_ORDER', async () => {
    const d = await run({ capacity: CAPACITY, rollMs: 60_000, rollAtFill: 0.5 });
    expect(d.stats.sent).toBeGreaterThanOrEqual(IDS);
    expect(d.stats.deniedByCode.get('DUPLICATE_ORDER') ?? 0).toBe(0);
    expect(d.clientIdRolls).toBeGreaterThanOrEqual(Math.floor(IDS / (CAPACITY / 2)) - 1);
    expect(d.stats.accepted).toBeGreaterThan(2 * CAPACITY);
    expect(d.outstanding).toBe(0);
  }, 40_000);

  it('without rolls the same flow fills the table and is denied DUPLICATE_ORDER (the test can fail)', async () => {
    const d = await run({ capacity: CAPACITY, rollMs: Infinity, rollAtFill: Infinity });
    expect(d.clientIdRolls).toBe(0);
    expect(d.stats.accepted).toBeLessThanOrEqual(CAPACITY);
    expect(d.stats.deniedByCode.get('DUPLICATE_ORDER') ?? 0).toBeGreaterThan(IDS - 2 * CAPACITY);
  }, 40_000);
});
