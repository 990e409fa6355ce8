import { describe, expect, it } from 'vitest';
import type { Order } from './order.js';
import { core } from '../../test/fixtures/core.js';
import { isMultiple, validityCheck } from './validityCheck.js';

const ok: Order = {
  clientId: 1,
  instrument: 0,
  strategy: 0,
  side: 'buy',
  qty: 1,
  price: 50_000,
  type: 'limit',
};

describe('validityCheck', () => {
  it('lot and tick multiples within 1e-9 relative', () => {
    expect(isMultiple(0.3, 0.1)).toBe(true); // 2.9999999999999996 lots
    expect(isMultiple(0.30000001, 0.1)).toBe(false);
    expect(isMultiple(123.45, 0.01)).toBe(true);
  });

  it('qty in [minQty, maxQty] (boundaries pass) and notional <= maxOrderNotional', () => {
    const { core: c, d } = core();
    expect(validityCheck(c, d, { ...ok, qty: 0.0001 })).toBe(false);
    expect(validityCheck(c, d, { ...ok, qty: 5 })).toBe(false); // 250,000 exactly
    expect(validityCheck(c, d, { ...ok, qty: 5.0001 })).toBe(true);
    expect(validityCheck(c, d, { ...ok, qty: 5, price: 50_000.01 })).toBe(true);
    expect(d.message).toContain('maxOrderNotional');
    const { core: c2, d: d2 } = core({
      instruments: [
        {
          symbol: 'X',
          venue: 0,
          tickSize: 1,
          lotSize: 1,
          minQty: 2,
          maxQty: 5,
          maxOrderNotional: 1e6,
        },
      ],
      clusters: [],
    });
    expect(validityCheck(c2, d2, { ...ok, qty: 1, price: 10 })).toBe(true);
    expect(d2.message).toContain('below minQty');
  });

  it('every malformed field is INVALID_ORDER with a reason', () => {
    const { core: c, d } = core();
    const bad: [Partial<Record<keyof Order, unknown>>, string][] = [
      [{ clientId: -1 }, 'clientId'],
      [{ clientId: 2 ** 31 - 1 }, 'clientId'],
      [{ instrument: 2 }, 'unknown instrument'],
      [{ strategy: 0.5 }, 'unknown strategy'],
      [{ side: 'BUY' }, 'side'],
      [{ type: 'stop' }, 'type'],
      [{ qty: '1' }, 'qty must be'],
      [{ price: -1 }, 'price must be'],
      [{ stopPrice: Number.NaN }, 'stopPrice'],
      [{ reduceOnly: 1 }, 'reduceOnly'],
      [{ price: 50_000.001 }, 'tickSize'],
    ];
    for (const [patch, reason] of bad) {
      expect(validityCheck(c, d, { ...ok, ...patch } as Order), reason).toBe(true);
      expect(d.code).toBe('INVALID_ORDER');
      expect(d.message).toContain(reason);
    }
  });
});
