import type { Core } from '../internal/Core.js';
import { load, loadF64, storeF64 } from '../internal/shared.js';
import { LAYOUT } from '../layout.js';

/** Kill-switch level the loss limits demand: 0 none, 1 reducing, 2 halted. */
export type LossLevel = 0 | 1 | 2;

/**
 * Recomputes PnL = sum over instruments of realized + position x (reference - average entry), the
 * unrealized part at the latest reference prices (an instrument without one is marked at its
 * entry), publishes pnl, realized and the peak, and says which level the loss limits demand:
 * loss >= dailyLimit or drawdown from the peak >= maxDrawdown -> halted; loss >= softFraction x
 * dailyLimit -> reducing. Loss is `-pnl`, so a profit (pnl > 0) never counts as a loss.
 * Call under the accounting lock. O(instruments).
 */
export function evaluatePnl(core: Core): LossLevel {
  const { i32, f64, cfg } = core;
  let pnl = 0;
  let realized = 0;
  for (let i = 0; i < cfg.n; i++) {
    const base = core.inst(i);
    const r = loadF64(f64, (base + LAYOUT.instrument.realized) >> 1);
    realized += r;
    pnl += r;
    const pos = load(i32, base + LAYOUT.instrument.pos);
    if (pos !== 0 && load(i32, base + LAYOUT.instrument.seq) !== 0) {
      const avg = loadF64(f64, (base + LAYOUT.instrument.avg) >> 1);
      pnl += pos * cfg.lot[i]! * (loadF64(f64, (base + LAYOUT.instrument.ref) >> 1) - avg);
    }
  }
  const p = LAYOUT.pnlLine * core.r.stride;
  const peak = Math.max(loadF64(f64, (p + LAYOUT.pnl.peak) >> 1), pnl);
  storeF64(f64, (p + LAYOUT.pnl.pnl) >> 1, pnl);
  storeF64(f64, (p + LAYOUT.pnl.peak) >> 1, peak);
  storeF64(f64, (p + LAYOUT.pnl.realized) >> 1, realized);
  if (!cfg.hasLoss) return 0;
  const loss = -pnl;
  if (loss >= cfg.dailyLimit || peak - pnl >= cfg.maxDrawdown) return 2;
  if (loss >= cfg.softFraction * cfg.dailyLimit) return 1;
  return 0;
}
