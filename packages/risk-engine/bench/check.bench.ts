// Benchmark of RiskEngine.check with every check on (kill switch, global breaker, validity,
// client id + fingerprint duplicates, freshness, collar, strategy + venue rate, position,
// notional, open orders, clusters, loss, venue permit), against a naive Map-based engine
// (bench/fixtures/naiveRiskEngine.ts) and a bare Atomics.compareExchange, in the same run.
// Part 1 (mitata `run`): check + onCancel pairs at 50 instruments.
// Part 2 (mitata `measure`): `check` alone, the order and the cancel of the previous check's
// reservation prepared outside the timed call (a computed parameter), per configuration: the mean
// from mitata's batches of 4,096 calls (checks/s = 1 / mean), percentiles from one sample per call
// (several hundred thousand samples; the timer's own cost, measured on an empty function the
// same way, is subtracted). Client-id tables of 2^24 slots (128 MB for the two tables) and 2^20
// (the default, 8 MB), rolled every half table of ids as DESIGN's users are told to.
// Run: node --expose-gc --conditions=@tripwire/source --import tsx bench/check.bench.ts
// (`--heap-manual`: only the heap-growth figure with a ManualClock, in a process using no other clock;
// `--check-alone [--cached-clock]`: only check alone at 50 instruments, with systemClock or a CachedClock)
import { writeFileSync } from 'node:fs';
import { bench, do_not_optimize, group, measure, run, summary } from 'mitata';
import { CachedClock, ManualClock, systemClock, type Clock } from '@tripwire/clock';
import { RiskEngine, type Order, type RiskEngineOptions } from '@tripwire/risk-engine';
import { cas as facadeCas } from '../src/internal/shared.js';
import { NaiveRiskEngine } from './fixtures/naiveRiskEngine.js';

const SEED_BUDGET_NS = 8_700;

const killSwitch = { level: 'active' as const, allows: () => true, trip: () => undefined };
const breaker = { tryAcquire: () => 0, release: () => undefined };
const globalBreaker = { state: 'closed' as const };

// `--check-alone`: only the check-alone figures at 50 instruments (quick A/B runs); with
// `--cached-clock` the engines read a CachedClock (refreshed every 64 orders, outside the timed
// call) instead of systemClock, in a process using no other clock.
const cachedClock = process.argv.includes('--cached-clock') ? new CachedClock() : undefined;

function options(n: number, idCapacity = 2 ** 24, maxWorkingOrders = 1_024): RiskEngineOptions {
  return {
    clock: cachedClock ?? systemClock,
    killSwitch,
    globalBreaker,
    venues: [{ name: 'v', breaker, rate: { perSec: 1e9, burst: 1_000_000 } }],
    instruments: Array.from({ length: n }, (_, i) => ({
      symbol: `I${i}`,
      venue: 0,
      tickSize: 0.01,
      lotSize: 0.001,
      maxQty: 10,
      maxOrderNotional: 1_000_000,
      maxPosition: 1_000,
      collarBps: 500,
      maxPriceAgeMs: 60_000,
    })),
    strategies: [
      {
        name: 's',
        maxOpenOrders: 10_000,
        maxNotional: 1e9,
        rate: { perSec: 1e9, burst: 1_000_000 },
      },
    ],
    clusters: [
      {
        name: 'a',
        instruments: Array.from({ length: Math.ceil(n / 2) }, (_, i) => i),
        maxGrossNotional: 1e9,
      },
      {
        name: 'b',
        instruments: Array.from({ length: n - Math.ceil(n / 2) }, (_, i) => i + Math.ceil(n / 2)),
        maxGrossNotional: 1e9,
      },
    ],
    loss: { dailyLimit: 1e6, softFraction: 0.8, maxDrawdown: 1e6 },
    duplicateWindowMs: 1,
    maxWorkingOrders,
    clientIdCapacity: idCapacity,
  };
}

function setup(n: number, idCapacity = 2 ** 24, maxWorkingOrders = 1_024) {
  const engine = new RiskEngine(options(n, idCapacity, maxWorkingOrders));
  for (let i = 0; i < n; i++) engine.updatePrice(i, 100);
  // 65,536 orders, each a distinct (instrument, side, qty, price): no fingerprint repeats within
  // the 1 ms duplicate window at these rates (a few hash collisions do deny: counted below).
  const orders: { -readonly [K in keyof Order]: Order[K] }[] = Array.from(
    { length: 65536 },
    (_, k) => ({
      clientId: 0,
      instrument: k % n,
      // distinct (instrument, side, qty, price) for every k below n x 2 x 10 x 200
      strategy: 0,
      side: Math.floor(k / n) & 1 ? 'sell' : 'buy',
      qty: 0.001 * (1 + (Math.floor(k / (2 * n)) % 10)),
      price: Math.round((99 + (Math.floor(k / (20 * n)) % 200) / 100) * 100) / 100,
      type: 'limit',
      reduceOnly: false,
    }),
  );
  return { engine, orders };
}

let nextId = 1;
/** mitata option: one sample per call (for percentiles of single calls). */
const PER_CALL = { batch_threshold: -1 } as const;
// `--heap-manual`: only the allocation figure with a ManualClock, in a process using no other clock.
if (process.argv.includes('--heap-manual')) {
  const bytes = heapPerCheck(500_000, new ManualClock(0));
  console.log(
    `heap bytes per passing check (ManualClock only, 500,000 checks): ${bytes.toFixed(2)}`,
  );
  process.exit(0);
}
if (process.argv.includes('--check-alone')) {
  const t = await timerCost();
  await checkAlone(50, 2 ** 20, t); // warm-up
  const clockName = cachedClock === undefined ? 'systemClock' : 'CachedClock';
  console.log(`| check alone, ${clockName}: instruments, id slots | mean | checks/s | p50 | p99 |`);
  console.log('|---|---|---|---|---|');
  for (const [n, cap] of [
    [50, 2 ** 24],
    [50, 2 ** 20],
  ] as const) {
    const r = await checkAlone(n, cap, t);
    console.log(
      `| ${n}, 2^${Math.log2(cap)} | ${r.meanNs.toFixed(0)} ns | ${Math.round(1e9 / r.meanNs).toLocaleString('en-US')} | ${r.p50Ns.toFixed(0)} ns | ${r.p99Ns.toFixed(0)} ns |`,
    );
  }
  process.exit(0);
}
let denied = 0;
const fifty = setup(50);
const naive = new NaiveRiskEngine(
  Array.from({ length: 50 }, (_, i) => ({
    symbol: `I${i}`,
    tickSize: 0.01,
    lotSize: 0.001,
    maxQty: 10,
    maxOrderNotional: 1e6,
    maxPosition: 1_000,
    collarBps: 500,
    maxPriceAgeMs: 60_000,
    cluster: i < 25 ? 'a' : 'b',
  })),
  ['s'],
  { maxNotional: 1e9, maxOpen: 10_000, perSec: 1e6, burst: 1e6, clusterMax: 1e9, dailyLimit: 1e6 },
  () => systemClock.now(),
);
for (let i = 0; i < 50; i++) naive.updatePrice(`I${i}`, 100);
const casCell = new Int32Array(new SharedArrayBuffer(64));
let k = 0;

group('check + release, 50 instruments, every check on', () => {
  summary(() => {
    bench('Atomics.compareExchange (baseline)', () => {
      const v = Atomics.load(casCell, 0);
      do_not_optimize(Atomics.compareExchange(casCell, 0, v, v + 1));
    });
    bench('RiskEngine check + onCancel', () => {
      const o = fifty.orders[k++ & 65535]!;
      o.clientId = nextId++;
      const d = fifty.engine.check(o);
      if (d.ok) fifty.engine.onCancel(d.reservation);
      else denied++;
      do_not_optimize(d);
    }).baseline(true);
    bench('naive Map-based check + cancel (fixture)', () => {
      const o = fifty.orders[k++ & 65535]!;
      const d = naive.check({
        clientId: `c${nextId++}`,
        symbol: `I${o.instrument}`,
        strategy: 's',
        side: o.side,
        qty: o.qty,
        price: o.price,
        killed: false,
      });
      if (d.ok) naive.cancel(d.id);
      do_not_optimize(d);
    });
  });
});

group('shared-memory facade (must cost nothing without a scheduling hook)', () => {
  summary(() => {
    bench('bare Atomics.compareExchange', () => {
      const v = Atomics.load(casCell, 4);
      do_not_optimize(Atomics.compareExchange(casCell, 4, v, v + 1));
    }).baseline(true);
    bench('facade cas', () => {
      const v = Atomics.load(casCell, 4);
      do_not_optimize(facadeCas(casCell, 4, v, v + 1));
    });
  });
});

const { benchmarks } = await run();
const stat = (alias: string) => benchmarks.find((b) => b.alias === alias)?.runs[0]?.stats;

const timerNs = await timerCost();

/** The timer's cost per sample in one-sample-per-call mode (an empty function, same settings). */
async function timerCost(): Promise<number> {
  return (await measure(() => undefined, PER_CALL)).p50;
}

/**
 * `check` alone on an engine of `n` instruments whose client-id tables have `idCapacity` slots.
 * The computed parameter (not timed) cancels the reservations of the previous checks, rolls the
 * client-id session every `idCapacity / 2` ids and hands out the next order.
 */
async function checkAlone(n: number, idCapacity: number, timer = timerNs) {
  const { engine, orders } = setup(n, idCapacity, 8_192);
  const pending = new Float64Array(8_192);
  let np = 0;
  let fails = 0;
  let issued = 0;
  let j = 0;
  const next = (): Order => {
    while (np > 0) engine.onCancel(pending[--np]!);
    if (cachedClock !== undefined && (issued & 63) === 0) cachedClock.update();
    if (++issued === idCapacity / 2) {
      engine.rollClientIds();
      issued = 0;
    }
    const o = orders[j++ & 65535]!;
    o.clientId = nextId++;
    return o;
  };
  const body = (o: Order) => {
    const d = engine.check(o);
    if (d.ok) pending[np++] = d.reservation;
    else fails++;
    do_not_optimize(d);
  };
  // mitata's generator form: `0` computes the argument of each call outside the timed region.
  const gen = function* () {
    yield { 0: next, bench: body } as unknown as () => unknown;
  };
  const batched = await measure(gen);
  const perCall = await measure(gen, PER_CALL);
  return {
    instruments: n,
    clientIdCapacity: idCapacity,
    meanNs: batched.avg,
    medianBatchNs: batched.p50,
    p50Ns: perCall.p50 - timer,
    p99Ns: perCall.p99 - timer,
    p999Ns: perCall.p999 - timer,
    perCallSamples: perCall.samples.length,
    timerNs: timer,
    denied: fails,
  };
}

/**
 * Heap bytes per passing check (systemClock, like the other engines here: a second clock class
 * would make `clock.now()` polymorphic and box its result).
 */
function heapPerCheck(samples: number, clock: Clock): number {
  const engine = new RiskEngine({
    ...options(50),
    clock,
    maxWorkingOrders: 2 ** 20,
    strategies: [
      {
        name: 's',
        maxOpenOrders: 2 ** 30,
        maxNotional: 1e12,
        rate: { perSec: 1e9, burst: 1_000_000 },
      },
    ],
    instruments: options(50).instruments.map((i) => ({ ...i, maxPosition: 1e6 })),
    clusters: options(50).clusters!.map((c) => ({ ...c, maxGrossNotional: 1e12 })),
    duplicateWindowMs: 0,
  });
  for (let i = 0; i < 50; i++) engine.updatePrice(i, 100);
  const { orders } = setup(50);
  let fails = 0;
  const loop = (count: number) => {
    for (let s = 0; s < count; s++) {
      const o = orders[s & 65535]!;
      o.clientId = nextId++;
      if (!engine.check(o).ok) fails++;
    }
  };
  loop(50_000);
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().heapUsed;
  loop(samples);
  const bytes = (process.memoryUsage().heapUsed - before) / samples;
  if (fails > 0) console.log(`heap measurement: ${fails} denials`);
  return bytes;
}

/**
 * CPU time per check (process user + system time, so time spent waiting for a core on a shared
 * machine is not counted): the one-core throughput figure.
 */
function cpuPerCheck(n: number, samples: number): number {
  const { engine, orders } = setup(n);
  const loop = (count: number) => {
    for (let s = 0; s < count; s++) {
      const o = orders[s & 65535]!;
      o.clientId = nextId++;
      const d = engine.check(o);
      if (d.ok) engine.onCancel(d.reservation);
    }
  };
  loop(100_000);
  const c0 = process.cpuUsage();
  loop(samples);
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1_000) / samples;
}

await checkAlone(50, 2 ** 20); // warm-up
const sizes = [];
for (const [n, cap] of [
  [10, 2 ** 24],
  [50, 2 ** 24],
  [200, 2 ** 24],
  [50, 2 ** 20],
] as const) {
  sizes.push({ ...(await checkAlone(n, cap)), cpuNsPerCheckAndCancel: cpuPerCheck(n, 1_000_000) });
}

// Last, because a second clock class makes `clock.now()` polymorphic for every engine after it.
const heapBytes = heapPerCheck(500_000, systemClock);
const heapBytesManual = heapPerCheck(500_000, new ManualClock(0));
const pair = stat('RiskEngine check + onCancel');
const naivePair = stat('naive Map-based check + cancel (fixture)');
const casStat = stat('Atomics.compareExchange (baseline)');
const fmt = (x: number | undefined) =>
  x === undefined ? 'n/a' : x < 1_000 ? `${x.toFixed(0)} ns` : `${(x / 1_000).toFixed(2)} µs`;
console.log(
  '\n| Subject (50 instruments, mitata, batches of 4,096 calls) | mean | vs naive (mean) | vs seed 8.7 µs |\n|---|---|---|---|',
);
console.log(
  `| RiskEngine check + onCancel | ${fmt(pair?.avg)} | ${((pair?.avg ?? NaN) / (naivePair?.avg ?? NaN)).toFixed(2)}x | ${((pair?.avg ?? NaN) / SEED_BUDGET_NS).toFixed(3)}x |`,
);
console.log(
  `| naive Map-based check + cancel | ${fmt(naivePair?.avg)} | 1.00x | ${((naivePair?.avg ?? NaN) / SEED_BUDGET_NS).toFixed(3)}x |`,
);
console.log(`| Atomics.compareExchange | ${fmt(casStat?.avg)} | | |`);
console.log(
  '\n| check alone: instruments, id slots | mean (batches) | checks/s (1 / mean) | median batch | p50 | p99 | p99.9 | per-call samples | CPU per check + cancel | denied |\n|---|---|---|---|---|---|---|---|---|---|',
);
for (const s of sizes) {
  console.log(
    `| ${s.instruments}, 2^${Math.log2(s.clientIdCapacity)} | ${fmt(s.meanNs)} | ${Math.round(1e9 / s.meanNs).toLocaleString('en-US')} | ${fmt(s.medianBatchNs)} | ${fmt(s.p50Ns)} | ${fmt(s.p99Ns)} | ${fmt(s.p999Ns)} | ${s.perCallSamples.toLocaleString('en-US')} | ${fmt(s.cpuNsPerCheckAndCancel)} (${Math.round(1e9 / s.cpuNsPerCheckAndCancel).toLocaleString('en-US')}/s) | ${s.denied} |`,
  );
}
console.log(
  `(per-call timer cost subtracted from percentiles: ${fmt(timerNs)}; mitata denials: ${denied})`,
);
console.log(
  `heap bytes per passing check, 500,000 checks: systemClock ${heapBytes.toFixed(2)}, ManualClock ${heapBytesManual.toFixed(2)}`,
);
const fcas = stat('facade cas');
const bcas = stat('bare Atomics.compareExchange');
console.log(
  `facade cas ${fmt(fcas?.avg)} (p50 ${fmt(fcas?.p50)}) vs bare Atomics.compareExchange ${fmt(bcas?.avg)} (p50 ${fmt(bcas?.p50)})`,
);
writeFileSync(
  new URL('./results.json', import.meta.url),
  JSON.stringify(
    {
      node: process.version,
      arch: process.arch,
      seedBudgetNs: SEED_BUDGET_NS,
      mitata: { engine: pair, naive: naivePair, cas: casStat, facadeCas: fcas, bareCas: bcas },
      sizes,
      heapBytesPerCheck: { systemClock: heapBytes, manualClock: heapBytesManual },
    },
    (key, v: unknown) => (key === 'samples' ? undefined : v),
    2,
  ) + '\n',
);
