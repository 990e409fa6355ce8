// Heap growth per check, by where the check stops (denial at a given step, or pass), in a process
// with a single engine and a ManualClock (no clock-read boxing, no polymorphic collaborators).
// Run: node --expose-gc --conditions=@tripwire/source --import tsx bench/allocation.ts <case>
// cases: halted invalid dup stale rate pos notional open cluster loss venue pass
import { ManualClock } from '@tripwire/clock';
import { RiskEngine, type RiskEngineOptions, type Order } from '@tripwire/risk-engine';
let halted = false;
const ks = {
  level: 'active' as const,
  allows: (i: string) => !halted || i === 'never',
  trip: () => undefined,
};
let venueOpen = false;
const breaker = { tryAcquire: () => (venueOpen ? -1 : 0), release: () => undefined };
const n = 50;
const clock = new ManualClock(0);
const base: RiskEngineOptions = {
  clock,
  killSwitch: ks,
  globalBreaker: { state: 'closed' },
  venues: [{ name: 'v', breaker, rate: { perSec: 1e9, burst: 1_000_000 } }],
  instruments: Array.from({ length: n }, (_, i) => ({
    symbol: `I${i}`,
    venue: 0,
    tickSize: 0.01,
    lotSize: 0.001,
    maxQty: 10,
    maxOrderNotional: 1e6,
    maxPosition: 1e6,
    collarBps: 500,
    maxPriceAgeMs: 60_000,
  })),
  strategies: [
    {
      name: 's',
      maxOpenOrders: 2 ** 30,
      maxNotional: 1e12,
      rate: { perSec: 1e9, burst: 1_000_000 },
    },
  ],
  clusters: [
    { name: 'a', instruments: Array.from({ length: 25 }, (_, i) => i), maxGrossNotional: 1e12 },
    {
      name: 'b',
      instruments: Array.from({ length: 25 }, (_, i) => i + 25),
      maxGrossNotional: 1e12,
    },
  ],
  loss: { dailyLimit: 1e6, softFraction: 0.8, maxDrawdown: 1e6 },
  duplicateWindowMs: 0,
  maxWorkingOrders: 2 ** 20,
  clientIdCapacity: 2 ** 23,
};
const orders: Order[] = Array.from({ length: 65536 }, (_, k) => ({
  clientId: 0,
  instrument: k % n,
  strategy: 0,
  side: Math.floor(k / n) & 1 ? 'sell' : 'buy',
  qty: 0.001 * (1 + (Math.floor(k / (2 * n)) % 10)),
  price: Math.round((99 + (Math.floor(k / (20 * n)) % 200) / 100) * 100) / 100,
  type: 'limit' as const,
  reduceOnly: false,
}));
let id = 1;
const which = process.argv[2]!;
const over: Partial<RiskEngineOptions> =
  which === 'pos'
    ? { instruments: base.instruments.map((i) => ({ ...i, maxPosition: 0.0005 })) }
    : which === 'rate'
      ? { strategies: [{ ...base.strategies[0]!, rate: { perSec: 0.001, burst: 1 } }] }
      : which === 'notional'
        ? { strategies: [{ ...base.strategies[0]!, maxNotional: 0.01 }] }
        : which === 'open'
          ? { strategies: [{ ...base.strategies[0]!, maxOpenOrders: 0 }] }
          : which === 'cluster'
            ? {
                clusters: [{ name: 'a', instruments: [0, 1], maxGrossNotional: 0.01 }].map((c) => ({
                  ...c,
                  instruments: Array.from({ length: n }, (_, i) => i),
                })),
              }
            : {};
const e = new RiskEngine({ ...base, ...over });
for (let i = 0; i < n; i++) e.updatePrice(i, 100);
function measure(name: string, mutate: (o: Order & { clientId: number }) => void) {
  const codes = new Map<string, number>();
  const loop = (c: number) => {
    for (let s = 0; s < c; s++) {
      const o = orders[s & 65535]! as Order & { clientId: number };
      o.clientId = id++;
      mutate(o);
      const d = e.check(o);
      if (!d.ok) codes.set(d.code, 1);
    }
  };
  loop(100_000);
  globalThis.gc?.();
  const h0 = process.memoryUsage().heapUsed;
  loop(300_000);
  console.log(
    name.padEnd(12),
    ((process.memoryUsage().heapUsed - h0) / 300_000).toFixed(2),
    [...codes.keys()].join(','),
  );
}
if (which === 'halted') {
  halted = true;
  measure('halted', () => {});
}
if (which === 'invalid')
  measure('invalid', (o) => {
    (o as { strategy: number }).strategy = 5;
  });
if (which === 'dup')
  measure('dup', (o) => {
    o.clientId = 7;
  });
if (which === 'stale') {
  clock.set(1e8);
  measure('stale', () => {});
}
if (which === 'venue') {
  venueOpen = true;
  measure('venue', () => {});
}
if (which === 'pass') measure('pass', () => {});
if (['pos', 'rate', 'notional', 'open', 'cluster'].includes(which)) measure(which, () => {});
if (which === 'loss')
  measure('loss', (o) => {
    (o as { stopPrice?: number }).stopPrice = 1;
    (o as { qty: number }).qty = 0.01;
  });
