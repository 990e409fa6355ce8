import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

/** Two instruments whose prices move together (+1 %, -1 %, ...) for a few refreshes. */
function correlated(kernel: 'wasm' | 'scalar' = 'wasm', maxStdDev = 800) {
  const r = rig({ correlation: { maxStdDev, kernel }, clusters: [] });
  const engine = new RiskEngine(r.options);
  let btc = 50_000;
  let eth = 2_500;
  for (let k = 0; k < 6; k++) {
    const f = k % 2 === 0 ? 1.01 : 1 / 1.01;
    btc = Math.round(btc * f * 100) / 100;
    eth = Math.round(eth * f * 100) / 100;
    engine.updatePrice(0, btc);
    engine.updatePrice(1, eth);
    engine.refreshCovariance();
  }
  return { ...r, engine, btc, eth };
}

describe('covariance limit (CORRELATION_LIMIT)', () => {
  it('a second long in a correlated instrument is denied, the hedging short passes', () => {
    const { engine, btc, eth } = correlated();
    expect(code(engine.check(order({ qty: 2, price: btc })))).toBe('OK');
    const sd1 = engine.snapshot().portfolioStdDev;
    expect(sd1).toBeGreaterThan(0);
    const long = engine.check(order({ instrument: 1, qty: 40, price: eth }));
    expect(code(long)).toBe('CORRELATION_LIMIT');
    expect(long.ok ? 0 : long.limit).toBe(800);
    expect(code(engine.check(order({ instrument: 1, side: 'sell', qty: 40, price: eth })))).toBe(
      'OK',
    );
    expect(engine.snapshot().portfolioStdDev).toBeLessThan(sd1);
  });

  it('cancels give the exposure back; explain reports without applying', () => {
    const { engine, btc } = correlated();
    const d = engine.check(order({ qty: 2, price: btc }));
    const id = d.ok ? d.reservation : -1;
    expect(engine.explain(order({ qty: 2, price: btc })).map((x) => x.code)).toEqual([
      'CORRELATION_LIMIT',
    ]);
    engine.onCancel(id);
    expect(engine.snapshot().portfolioStdDev).toBeCloseTo(0, 9);
    expect(code(engine.check(order({ qty: 2, price: btc })))).toBe('OK');
  });

  it('a denial after the covariance step rolls the exposure back', () => {
    const { engine, btc, breaker } = correlated();
    breaker.state = 'open';
    expect(code(engine.check(order({ qty: 2, price: btc })))).toBe('VENUE_UNAVAILABLE');
    expect(engine.snapshot().portfolioStdDev).toBeCloseTo(0, 9);
  });

  it("the O(n) incremental variance equals x' SIGMA x recomputed by a refresh (property), scalar and WASM kernels alike", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            instrument: fc.integer({ min: 0, max: 1 }),
            buy: fc.boolean(),
            lots: fc.integer({ min: 1, max: 20 }),
            cancel: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        fc.constantFrom<'wasm' | 'scalar'>('wasm', 'scalar'),
        (ops, kernel) => {
          const { engine, btc, eth } = correlated(kernel, 1e9);
          for (const op of ops) {
            const price = op.instrument === 0 ? btc : eth;
            const lot = op.instrument === 0 ? 0.0001 : 0.001;
            const d = engine.check(
              order({
                instrument: op.instrument,
                side: op.buy ? 'buy' : 'sell',
                qty: Math.round(op.lots * 100) * lot,
                price,
              }),
            );
            if (d.ok && op.cancel) engine.onCancel(d.reservation);
          }
          const incremental = engine.snapshot().portfolioStdDev;
          // A refresh with unchanged prices: returns 0, SIGMA *= lambda, VAR recomputed from scratch.
          engine.refreshCovariance();
          const recomputed = engine.snapshot().portfolioStdDev / Math.sqrt(0.94);
          return Math.abs(incremental - recomputed) <= 1e-6 * Math.max(1, incremental);
        },
      ),
      { numRuns: 40, seed: 5 },
    );
  });

  it('refreshCovariance is a no-op without correlation configured', () => {
    const r = rig();
    const engine = new RiskEngine(r.options);
    engine.refreshCovariance();
    expect(engine.snapshot().portfolioStdDev).toBeNaN();
  });

  it('rejects a lambda outside (0, 1)', () => {
    const r = rig({ correlation: { maxStdDev: 1, lambda: 1 } });
    expect(() => new RiskEngine(r.options)).toThrow(
      expect.objectContaining({ field: 'correlation.lambda' }),
    );
  });
});
