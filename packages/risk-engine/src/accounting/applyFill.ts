import type { Core } from '../internal/Core.js';
import { add, load, loadF64, store, storeF64, sub } from '../internal/shared.js';
import { LAYOUT } from '../layout.js';

/**
 * Cost basis (notional units, at order prices) of a position after a fill moved it from `oldPos`
 * to `newPos` lots: a fill that adds to the position adds its units; one that reduces it keeps the
 * cost of the remaining lots pro rata (rounded up); crossing zero starts a new basis.
 */
export function costAfter(
  core: Core,
  instrument: number,
  oldCost: number,
  oldPos: number,
  newPos: number,
  price: number,
): number {
  const absOld = oldPos < 0 ? -oldPos : oldPos;
  const absNew = newPos < 0 ? -newPos : newPos;
  if (newPos === 0) return 0;
  if (oldPos === 0 || oldPos < 0 === newPos < 0) {
    if (absNew >= absOld) return oldCost + core.units(instrument, absNew - absOld, price);
    return Math.ceil((oldCost * absNew) / absOld);
  }
  return core.units(instrument, absNew, price);
}

/**
 * Books a fill of `taken` lots at `fillPrice` on the reservation in slot `s` that had `before`
 * lots working: converts the worst-case exposure and the working notional into position, updates
 * the instrument's average entry and realized PnL, the strategy's and the clusters' gross
 * notional, then re-evaluates PnL. Call under the accounting lock.
 */
export function applyFill(
  core: Core,
  s: number,
  before: number,
  taken: number,
  fillPrice: number,
): void {
  const { i32, f64, cfg, r } = core;
  const base = r.slots + s * LAYOUT.slot.words;
  const instrument = load(i32, base + LAYOUT.slot.instrument);
  const strategy = load(i32, base + LAYOUT.slot.strategy);
  const buy = load(i32, base + LAYOUT.slot.side) === 1;
  const orderPrice = loadF64(f64, (base + LAYOUT.slot.price) >> 1);
  const ib = core.inst(instrument);
  // A filled buy stays in LONG (= position + working buys) and leaves SHORT (= working sells -
  // position): exactly one exposure word changes, by one atomic subtraction.
  sub(i32, ib + (buy ? LAYOUT.instrument.short : LAYOUT.instrument.long), taken);
  const working =
    core.units(instrument, before, orderPrice) - core.units(instrument, before - taken, orderPrice);
  const delta = buy ? taken : -taken;

  const oldPos = load(i32, ib + LAYOUT.instrument.pos);
  const newPos = oldPos + delta;
  store(i32, ib + LAYOUT.instrument.pos, newPos);
  const avgIdx = (ib + LAYOUT.instrument.avg) >> 1;
  const avg = loadF64(f64, avgIdx);
  if (oldPos === 0 || oldPos < 0 === delta < 0) {
    storeF64(f64, avgIdx, (avg * Math.abs(oldPos) + fillPrice * taken) / Math.abs(newPos));
  } else {
    const closed = Math.min(Math.abs(oldPos), taken);
    const realizedIdx = (ib + LAYOUT.instrument.realized) >> 1;
    const sign = oldPos > 0 ? 1 : -1;
    storeF64(
      f64,
      realizedIdx,
      loadF64(f64, realizedIdx) + closed * cfg.lot[instrument]! * (fillPrice - avg) * sign,
    );
    if (newPos === 0) storeF64(f64, avgIdx, 0);
    else if (newPos < 0 !== oldPos < 0) storeF64(f64, avgIdx, fillPrice);
  }

  const oldCost = load(i32, ib + LAYOUT.instrument.pni);
  const newCost = costAfter(core, instrument, oldCost, oldPos, newPos, orderPrice);
  store(i32, ib + LAYOUT.instrument.pni, newCost);
  const clusterDelta = newCost - oldCost - working;
  if (clusterDelta !== 0) {
    const end = cfg.clusterStart[instrument + 1]!;
    for (let x = cfg.clusterStart[instrument]!; x < end; x++)
      add(i32, r.clusters + cfg.clusterList[x]! * r.stride, clusterDelta);
  }

  const pair = r.pairs + (strategy * cfg.n + instrument) * LAYOUT.pair.words;
  const oldPairPos = load(i32, pair + LAYOUT.pair.pos);
  const oldPairCost = load(i32, pair + LAYOUT.pair.pn);
  const newPairPos = oldPairPos + delta;
  const newPairCost = costAfter(core, instrument, oldPairCost, oldPairPos, newPairPos, orderPrice);
  store(i32, pair + LAYOUT.pair.pos, newPairPos);
  store(i32, pair + LAYOUT.pair.pn, newPairCost);
  const strategyDelta = newPairCost - oldPairCost - working;
  if (strategyDelta !== 0) add(i32, core.strat(strategy) + LAYOUT.strategy.notional, strategyDelta);
}
