import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { loadF64 } from '../internal/shared.js';
import { LAYOUT } from '../layout.js';

/**
 * For risk-increasing orders: `LOSS_LIMIT` when the day's loss already reached `dailyLimit`,
 * `DRAWDOWN_LIMIT` when the drawdown from the PnL peak reached `maxDrawdown`, and `LOSS_LIMIT`
 * when a stop is given and the order's worst-case loss `qty x (price - stop)` (buy; mirrored for a
 * sell) exceeds the remaining budget `dailyLimit - max(0, loss)`. A profit is never a loss.
 * `CONFIG_MISSING` when no `loss` limits are configured. Reads the PnL last published under the
 * accounting lock (plain aligned f64 reads; a budget, not a reservation).
 *
 * @returns true when denied.
 */
export function lossCheck(
  core: Core,
  d: MutableDenial,
  buy: boolean,
  o: { readonly qty: number; readonly price: number; readonly stopPrice?: number | undefined },
  reducing: boolean,
): boolean {
  if (reducing) return false;
  const cfg = core.cfg;
  if (!cfg.hasLoss)
    return d.set(
      RISK_CODE.configMissing,
      CHECK.loss,
      Number.NaN,
      Number.NaN,
      'loss limits are not configured',
    );
  const base = LAYOUT.pnlLine * core.r.stride;
  const pnl = loadF64(core.f64, (base + LAYOUT.pnl.pnl) >> 1);
  const peak = loadF64(core.f64, (base + LAYOUT.pnl.peak) >> 1);
  const loss = pnl < 0 ? -pnl : 0;
  if (loss >= cfg.dailyLimit)
    return d.set(RISK_CODE.lossLimit, CHECK.loss, cfg.dailyLimit, loss, 'daily loss limit reached');
  if (peak - pnl >= cfg.maxDrawdown) {
    return d.set(
      RISK_CODE.drawdownLimit,
      CHECK.loss,
      cfg.maxDrawdown,
      peak - pnl,
      'drawdown limit reached',
    );
  }
  const stop = o.stopPrice;
  if (stop !== undefined) {
    const qty = o.qty;
    const price = o.price;
    const perUnit = buy ? price - stop : stop - price;
    const worst = perUnit > 0 ? qty * perUnit : 0;
    const remaining = cfg.dailyLimit - loss;
    if (worst > remaining)
      return d.set(
        RISK_CODE.lossLimit,
        CHECK.loss,
        remaining,
        worst,
        "order's worst-case loss exceeds the remaining daily budget",
      );
  }
  return false;
}
