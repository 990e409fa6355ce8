import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { RESERVED, reserveUpTo } from '../internal/reserveUpTo.js';
import { sub } from '../internal/shared.js';
import { LAYOUT } from '../layout.js';

/**
 * `OPEN_ORDERS_LIMIT` unless the strategy's working orders plus this one stay <= maxOpenOrders;
 * the slot is reserved with one CAS. Applies to risk-reducing orders too (it bounds a resource,
 * not risk: docs/decisions/0502-reducing-orders.md). `CONFIG_MISSING` when maxOpenOrders is absent.
 *
 * @returns true when denied.
 */
export function openOrdersCheck(
  core: Core,
  d: MutableDenial,
  strategy: number,
  reserve: boolean,
): boolean {
  const max = core.cfg.maxOpen[strategy]!;
  if (max < 0) {
    return d.set(
      RISK_CODE.configMissing,
      CHECK.openOrders,
      Number.NaN,
      Number.NaN,
      'maxOpenOrders is not configured',
    );
  }
  const seen = reserveUpTo(core.i32, core.strat(strategy) + LAYOUT.strategy.open, 1, max, reserve);
  if (seen === RESERVED) return false;
  return d.set(RISK_CODE.openOrdersLimit, CHECK.openOrders, max, seen + 1, 'too many open orders');
}

/** Gives back an open-order slot. */
export function releaseOpenOrder(core: Core, strategy: number): void {
  sub(core.i32, core.strat(strategy) + LAYOUT.strategy.open, 1);
}
