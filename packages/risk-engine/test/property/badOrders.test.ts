import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskEngine, type Order } from '@tripwire/risk-engine';
import { rig } from '../fixtures/fakes.js';

const weird = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    -0,
    1.5,
    2 ** 31,
    -(2 ** 31),
    1e308,
    5e-324,
  ),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.object(),
);

describe('bad orders', () => {
  it('NaN, Infinity, negative, zero, non-numeric and unknown ids are denied with INVALID_ORDER, never thrown', () => {
    const r = rig();
    const engine = new RiskEngine(r.options);
    engine.updatePrice(0, 50_000);
    engine.updatePrice(1, 2_500);
    const field = fc.constantFrom(
      'clientId',
      'instrument',
      'strategy',
      'side',
      'qty',
      'price',
      'type',
      'stopPrice',
      'reduceOnly',
    );
    let id = 1_000;
    fc.assert(
      fc.property(field, weird, (name, value) => {
        const valid: Record<string, unknown> = {
          clientId: id++,
          instrument: 0,
          strategy: 0,
          side: 'buy',
          qty: 0.01,
          price: 50_000,
          type: 'limit',
        };
        valid[name] = value;
        const o = valid as unknown as Order;
        const d = engine.check(o); // must not throw, whatever the field holds
        if (d.ok) {
          engine.onCancel(d.reservation);
          return;
        }
        const okValues: Record<string, (v: unknown) => boolean> = {
          clientId: (v) =>
            typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 31 - 1,
          instrument: (v) => v === 0 || v === 1,
          strategy: (v) => v === 0,
          side: (v) => v === 'sell',
          qty: (v) => typeof v === 'number' && v > 0 && Number.isFinite(v),
          price: (v) => typeof v === 'number' && v > 0 && Number.isFinite(v),
          type: (v) => v === 'market',
          stopPrice: (v) =>
            v === undefined || (typeof v === 'number' && v > 0 && Number.isFinite(v)),
          reduceOnly: (v) => v === undefined || v === false || v === true,
        };
        // A value that is valid for its field may be denied by a later check; a bad one must be
        // INVALID_ORDER.
        if (!okValues[name]!(value)) expect(d.code).toBe('INVALID_ORDER');
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('an order with every field missing, or no order at all, is denied with INVALID_ORDER', () => {
    const r = rig();
    const engine = new RiskEngine(r.options);
    for (const o of [{}, null, undefined, 42, 'order']) {
      const d = engine.check(o as Order);
      expect(d.ok ? 'OK' : d.code).toBe('INVALID_ORDER');
      expect(engine.explain(o as Order).map((x) => x.code)).toEqual(['INVALID_ORDER']);
    }
  });
});
