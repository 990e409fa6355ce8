import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import { MAX_ORDER_LOTS } from '../internal/compileConfig.js';
import type { Core } from '../internal/Core.js';
import { isIndex, type Order } from './order.js';

/** Relative tolerance of the lot, tick, size and notional comparisons. */
export const REL_TOLERANCE = 1e-9;

/** @returns whether `x / step` is a whole number within 1e-9 relative. */
export function isMultiple(x: number, step: number): boolean {
  const q = x / step;
  return Math.abs(q - Math.round(q)) <= REL_TOLERANCE * q;
}

function invalid(d: MutableDenial, reason: string, value: number, limit = Number.NaN): true {
  return d.set(RISK_CODE.invalidOrder, CHECK.validity, limit, value, reason);
}

/**
 * Static validity (`INVALID_ORDER`): integer client id, known instrument and strategy, side and
 * type, finite positive qty and price, qty a multiple of lotSize and price of tickSize (within
 * 1e-9 relative), qty in [minQty, maxQty], notional <= maxOrderNotional, a finite positive stop.
 * `CONFIG_MISSING` when maxQty or maxOrderNotional is not configured. Never throws, whatever
 * `o` holds.
 *
 * @returns true when denied.
 */
export function validityCheck(core: Core, d: MutableDenial, o: Order): boolean {
  const cfg = core.cfg;
  const id = o.clientId;
  if (typeof id !== 'number' || id >>> 0 !== id || id >= 0x7fffffff) {
    return invalid(d, 'clientId must be an integer in [0, 2^31 - 2]', Number(id));
  }
  const i = o.instrument;
  if (!isIndex(i, cfg.n)) return invalid(d, 'unknown instrument', Number(i), cfg.n);
  if (!isIndex(o.strategy, cfg.m)) return invalid(d, 'unknown strategy', Number(o.strategy), cfg.m);
  if (o.side !== 'buy' && o.side !== 'sell')
    return invalid(d, "side must be 'buy' or 'sell'", Number.NaN);
  if (o.type !== 'limit' && o.type !== 'market')
    return invalid(d, "type must be 'limit' or 'market'", Number.NaN);
  const qty = o.qty;
  const price = o.price;
  // `x > 0 && x < Infinity` is false for NaN, non-numbers coerced oddly are excluded by typeof.
  if (typeof qty !== 'number' || !(qty > 0 && qty < Infinity))
    return invalid(d, 'qty must be finite and > 0', Number(qty));
  if (typeof price !== 'number' || !(price > 0 && price < Infinity)) {
    return invalid(d, 'price must be finite and > 0', Number(price));
  }
  const stop = o.stopPrice;
  if (stop !== undefined && (typeof stop !== 'number' || !(stop > 0 && stop < Infinity))) {
    return invalid(d, 'stopPrice must be finite and > 0', Number(stop));
  }
  if (o.reduceOnly !== undefined && typeof o.reduceOnly !== 'boolean') {
    return invalid(d, 'reduceOnly must be a boolean', Number.NaN);
  }
  const lot = cfg.lot[i]!;
  if (!isMultiple(qty, lot)) return invalid(d, 'qty is not a multiple of lotSize', qty, lot);
  if (!isMultiple(price, cfg.tick[i]!))
    return invalid(d, 'price is not a multiple of tickSize', price, cfg.tick[i]);
  const minQty = cfg.minQty[i]!;
  if (qty < minQty * (1 - REL_TOLERANCE)) return invalid(d, 'qty is below minQty', qty, minQty);
  const maxQty = cfg.maxQty[i]!;
  if (maxQty !== maxQty)
    return d.set(
      RISK_CODE.configMissing,
      CHECK.validity,
      Number.NaN,
      qty,
      'maxQty is not configured',
    );
  if (qty > maxQty * (1 + REL_TOLERANCE) || Math.round(qty / lot) > MAX_ORDER_LOTS) {
    return invalid(d, 'qty is above maxQty', qty, maxQty);
  }
  const maxNotional = cfg.maxOrderNotional[i]!;
  const notional = qty * price;
  if (maxNotional !== maxNotional) {
    return d.set(
      RISK_CODE.configMissing,
      CHECK.validity,
      Number.NaN,
      notional,
      'maxOrderNotional is not configured',
    );
  }
  if (notional > maxNotional * (1 + REL_TOLERANCE))
    return invalid(d, 'notional is above maxOrderNotional', notional, maxNotional);
  return false;
}
