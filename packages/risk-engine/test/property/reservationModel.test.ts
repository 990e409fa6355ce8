// Model-based property: random sequences of checks, fills, cancels, rejects and price updates on
// one engine never exceed the position / open-order limits, keep the worst-case exposures equal to
// a model's (position + working orders), and leak nothing once every order is finished.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskEngine } from '@tripwire/risk-engine';
import { order, rig } from '../fixtures/fakes.js';

interface Working {
  id: number;
  instrument: number;
  buy: boolean;
  left: number; // lots
}
interface Model {
  pos: number[]; // lots
  working: Working[];
}
interface Real {
  engine: RiskEngine;
  /** The release used for rejects (the broken fixture forgets it). */
  reject: (engine: RiskEngine, id: number) => void;
}

const LOT = [0.0001, 0.001];
const PRICE = [50_000, 2_500];
const MAX_LOTS = [100_000, 100_000]; // 10 BTC, 100 ETH
const MAX_OPEN = 6;

function exposures(m: Model, i: number): [number, number] {
  let buys = 0;
  let sells = 0;
  for (const w of m.working) {
    if (w.instrument !== i) continue;
    if (w.buy) buys += w.left;
    else sells += w.left;
  }
  return [m.pos[i]! + buys, sells - m.pos[i]!];
}

function invariant(m: Model, r: Real): void {
  const s = r.engine.snapshot();
  for (let i = 0; i < 2; i++) {
    const [long, short] = exposures(m, i);
    expect(Math.round(s.instruments[i]!.worstLong / LOT[i]!) + 0, `LONG ${i}`).toBe(long + 0);
    expect(Math.round(s.instruments[i]!.worstShort / LOT[i]!) + 0, `SHORT ${i}`).toBe(short + 0);
    expect(long).toBeLessThanOrEqual(MAX_LOTS[i]!);
    expect(short).toBeLessThanOrEqual(MAX_LOTS[i]!);
  }
  expect(s.strategies[0]!.openOrders).toBe(m.working.length);
  expect(m.working.length).toBeLessThanOrEqual(MAX_OPEN);
}

class Check implements fc.Command<Model, Real> {
  readonly instrument: number;
  readonly buy: boolean;
  readonly lots: number;
  constructor(instrument: number, buy: boolean, lots: number) {
    this.instrument = instrument;
    this.buy = buy;
    this.lots = lots;
  }
  check = () => true;
  run(m: Model, r: Real): void {
    const d = r.engine.check(
      order({
        instrument: this.instrument,
        side: this.buy ? 'buy' : 'sell',
        qty: this.lots * LOT[this.instrument]!,
        price: PRICE[this.instrument]!,
      }),
    );
    if (d.ok)
      m.working.push({
        id: d.reservation,
        instrument: this.instrument,
        buy: this.buy,
        left: this.lots,
      });
    invariant(m, r);
  }
  toString = () => `check(${this.instrument},${this.buy ? 'buy' : 'sell'},${this.lots})`;
}

class Finish implements fc.Command<Model, Real> {
  readonly pick: number;
  readonly kind: 'fill' | 'cancel' | 'reject';
  readonly lots: number;
  constructor(pick: number, kind: 'fill' | 'cancel' | 'reject', lots: number) {
    this.pick = pick;
    this.kind = kind;
    this.lots = lots;
  }
  check = (m: Readonly<Model>) => m.working.length > 0;
  run(m: Model, r: Real): void {
    const at = this.pick % m.working.length;
    const w = m.working[at]!;
    if (this.kind === 'fill') {
      const take = Math.min(this.lots, w.left);
      r.engine.onFill(w.id, this.lots * LOT[w.instrument]!, PRICE[w.instrument]!);
      m.pos[w.instrument]! += w.buy ? take : -take;
      w.left -= take;
      if (w.left === 0) m.working.splice(at, 1);
    } else {
      if (this.kind === 'cancel') r.engine.onCancel(w.id);
      else r.reject(r.engine, w.id);
      m.working.splice(at, 1);
    }
    invariant(m, r);
  }
  toString = () => `${this.kind}(${this.pick},${this.lots})`;
}

const commands = [
  fc
    .tuple(fc.integer({ min: 0, max: 1 }), fc.boolean(), fc.integer({ min: 1, max: 40_000 }))
    .map(([i, b, l]) => new Check(i, b, l)),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom<'fill' | 'cancel' | 'reject'>('fill', 'cancel', 'reject'),
      fc.integer({ min: 1, max: 40_000 }),
    )
    .map(([p, k, l]) => new Finish(p, k, l)),
];

function property(reject: Real['reject']) {
  return fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
    const r = rig({
      strategies: [
        {
          name: 'mm',
          maxOpenOrders: MAX_OPEN,
          maxNotional: 1e9,
          rate: { perSec: 1e6, burst: 1e5 },
        },
      ],
      clusters: [],
      maxWorkingOrders: 8,
    });
    const engine = new RiskEngine(r.options);
    engine.updatePrice(0, PRICE[0]!);
    engine.updatePrice(1, PRICE[1]!);
    const model: Model = { pos: [0, 0], working: [] };
    const real: Real = { engine, reject };
    fc.modelRun(() => ({ model, real }), cmds);
    // Finish everything: nothing may be left reserved.
    for (const w of model.working) engine.onCancel(w.id);
    const s = engine.snapshot();
    for (let i = 0; i < 2; i++) {
      expect(Math.round(s.instruments[i]!.worstLong / LOT[i]!) + 0).toBe(model.pos[i]! + 0);
      expect(Math.round(s.instruments[i]!.worstShort / LOT[i]!) + 0).toBe(0 - model.pos[i]!);
    }
    expect(s.workingOrders).toBe(0);
    expect(s.strategies[0]!.openOrders).toBe(0);
    expect(s.doubleReleases).toBe(0);
  });
}

describe('reservations against a model (fc.commands)', () => {
  it('limits hold, exposures match the model after every step, and nothing leaks', () => {
    fc.assert(
      property((e, id) => e.onReject(id)),
      { numRuns: 150, seed: 17 },
    );
  });

  it('the same property finds a reject that does not release (broken fixture), with a replay path', () => {
    const details = fc.check(
      property(() => undefined),
      { numRuns: 150, seed: 17 },
    );
    expect(details.failed).toBe(true);
    expect(details.counterexamplePath).toEqual(expect.any(String));
    const steps = details.counterexample?.[0];
    expect([...(steps ?? [])].map((c) => c.toString()).join(' ')).toContain('reject');
  });
});
