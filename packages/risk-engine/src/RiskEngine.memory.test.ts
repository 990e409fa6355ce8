import { describe, expect, it } from 'vitest';
import { RiskEngine } from '@tripwire/risk-engine';
import { order, rig } from '../test/fixtures/fakes.js';

// Page faults, not time: the kernel's count of minor faults of this process is exact, and a
// lazily mapped page that is written for the first time adds one.
const faults = (): number => process.resourceUsage().minorPageFault;

const CHECKS = 20_000;

/** An engine sized like the benchmark's (2^22 client ids, 35 MB), limits wide enough for CHECKS. */
function bigEngine(): RiskEngine {
  const { options, clock } = rig({
    clientIdCapacity: 2 ** 22,
    strategies: [
      {
        name: 'mm',
        maxOpenOrders: 1_000,
        maxNotional: 1e12,
        rate: { perSec: 1e6, burst: 1e6 },
        cancelRate: { perSec: 1e6, burst: 1e6 },
      },
    ],
  });
  const engine = new RiskEngine(options);
  engine.updatePrice(0, 50_000);
  clock.advance(1);
  return engine;
}

/** CHECKS new orders (distinct client ids: each probes the hashed id table), passed ones cancelled. */
function trade(engine: RiskEngine): { passed: number; faults: number } {
  const f0 = faults();
  let passed = 0;
  for (let i = 0; i < CHECKS; i++) {
    const d = engine.check(order({ qty: 0.01, price: 50_000 + (i % 50) / 100 }));
    if (d.ok) {
      passed++;
      engine.onCancel(d.reservation);
    }
  }
  return { passed, faults: faults() - f0 };
}

describe('memory', () => {
  it('a new engine has written every page of its buffer, so its first checks take no page fault', () => {
    // Warm the process (JIT code, heap growth) on an engine of its own until a pass of CHECKS
    // checks faults no more than a handful of times. Building an engine allocates 35 MB outside
    // the JS heap, after which V8 re-grows its heap (~800 faults on the next pass of any engine):
    // settle that too, on the warm engine, before the new engine is measured.
    const warm = bigEngine();
    const settle = (): void => {
      for (let pass = 0; pass < 10 && trade(warm).faults > 50; pass++);
    };
    settle();
    const engine = bigEngine();
    settle();
    const first = trade(engine);
    expect(first.passed).toBe(CHECKS);

    // Control: the same number of random writes into an untouched buffer of the engine's size
    // faults thousands of times, so the counter does see lazily mapped pages on this platform.
    const fresh = new Int32Array(new SharedArrayBuffer(engine.share().buffer.byteLength));
    const f0 = faults();
    for (let i = 0; i < CHECKS; i++) fresh[(Math.imul(i, 0x9e3779b1) >>> 0) % fresh.length] = 1;
    const control = faults() - f0;
    expect(control).toBeGreaterThan(1_000);
    expect(first.faults).toBeLessThan(control / 10);
  });
});
