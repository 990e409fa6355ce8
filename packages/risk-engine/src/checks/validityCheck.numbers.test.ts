import { describe, expect, it } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { core } from '../../test/fixtures/core.js';
import { order, rig } from '../../test/fixtures/fakes.js';
import type { Order } from './order.js';
import { validityCheck } from './validityCheck.js';

/** A valid BTC limit buy (the shared fixture order). */
const ok: Order = order();

const NOT_POSITIVE_FINITE = [
  0,
  -0,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

describe('validityCheck: qty, price and stopPrice must be finite and > 0 (DESIGN §6 item 2)', () => {
  for (const field of ['qty', 'price', 'stopPrice'] as const) {
    it(`${field}: zero, negative, NaN and ±Infinity are INVALID_ORDER by the ${field} rule`, () => {
      const { core: c, d } = core();
      for (const x of NOT_POSITIVE_FINITE) {
        expect(validityCheck(c, d, { ...ok, [field]: x }), `${field} ${x}`).toBe(true);
        expect(d.code, `${field} ${x}`).toBe('INVALID_ORDER');
        expect(d.message, `${field} ${x}`).toContain(`${field} must be finite and > 0`);
      }
    });
  }

  it('a zero price is INVALID_ORDER on a risk-reducing order too (which would skip the collar)', () => {
    const r = rig();
    const e = new RiskEngine(r.options);
    e.updatePrice(0, 50_000);
    const buy = e.check(order({ qty: 2 }));
    if (!buy.ok) throw new Error(buy.message);
    e.onFill(buy.reservation, 2, 50_000);
    const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);
    expect(code(e.check(order({ side: 'sell', qty: 1, price: 0 })))).toBe('INVALID_ORDER');
    expect(code(e.check(order({ side: 'sell', qty: 1, price: 40_000 })))).toBe('OK');
  });

  it('the size rules name the rule that was broken', () => {
    const { core: c, d } = core();
    expect(validityCheck(c, d, { ...ok, qty: 1.00005 })).toBe(true);
    expect(d.message).toContain('qty is not a multiple of lotSize');
    expect(d.limit).toBe(0.0001);
  });
});
