import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { RESERVED, reserveUpTo } from '../internal/reserveUpTo.js';
import { sub } from '../internal/shared.js';
import { LAYOUT } from '../layout.js';

/** Bound for risk-reducing reservations, which skip the limit: keeps the Int32 from overflowing. */
export const HEADROOM_UNITS = 2 ** 30;

/**
 * `NOTIONAL_LIMIT` unless the strategy's gross notional (open positions at entry plus working
 * orders at their prices, in notional units) plus this order's stays <= maxNotional; reserved with
 * one CAS. Risk-reducing orders skip the limit (they are still counted). `CONFIG_MISSING` when
 * maxNotional is absent and the order is risk-increasing.
 *
 * @returns true when denied.
 */
export function notionalCheck(
  core: Core,
  d: MutableDenial,
  strategy: number,
  units: number,
  reducing: boolean,
  reserve: boolean,
): boolean {
  const max = core.cfg.maxNotionalUnits[strategy]!;
  if (!reducing && max < 0) {
    return d.set(
      RISK_CODE.configMissing,
      CHECK.notional,
      Number.NaN,
      Number.NaN,
      'maxNotional is not configured',
    );
  }
  const idx = core.strat(strategy) + LAYOUT.strategy.notional;
  const seen = reserveUpTo(core.i32, idx, units, reducing ? HEADROOM_UNITS : max, reserve);
  if (seen === RESERVED) return false;
  const unit = core.cfg.unit;
  return d.set(
    RISK_CODE.notionalLimit,
    CHECK.notional,
    max * unit,
    (seen + units) * unit,
    'strategy gross notional would exceed maxNotional',
  );
}

/** Gives back a notional reservation. */
export function releaseNotional(core: Core, strategy: number, units: number): void {
  sub(core.i32, core.strat(strategy) + LAYOUT.strategy.notional, units);
}
