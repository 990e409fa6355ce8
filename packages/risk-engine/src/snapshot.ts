import type { Core } from './internal/Core.js';
import { load, loadF64 } from './internal/shared.js';
import { LAYOUT } from './layout.js';
import { CTL_BUSY } from './reservations/slots.js';

/** One instrument in a {@link RiskSnapshot}. Quantities in instrument units (lots x lotSize). */
export interface InstrumentSnapshot {
  readonly symbol: string;
  readonly position: number;
  /** Position plus working buys (what the buy-side limit is checked against). */
  readonly worstLong: number;
  /** Working sells minus position (what the sell-side limit is checked against). */
  readonly worstShort: number;
  /** Latest reference price, NaN when none. */
  readonly referencePrice: number;
  readonly averagePrice: number;
  readonly realizedPnl: number;
  /** `max(worstLong, worstShort) / maxPosition`, NaN when no limit. */
  readonly utilisation: number;
}

/** One strategy in a {@link RiskSnapshot}. */
export interface StrategySnapshot {
  readonly name: string;
  readonly openOrders: number;
  /** Gross notional (positions at entry plus working orders), in money. */
  readonly grossNotional: number;
  /** `grossNotional / maxNotional`, NaN when no limit. */
  readonly utilisation: number;
}

/** What {@link RiskEngine.snapshot} returns. */
export interface RiskSnapshot {
  readonly instruments: readonly InstrumentSnapshot[];
  readonly strategies: readonly StrategySnapshot[];
  readonly clusters: readonly { readonly grossNotional: number; readonly utilisation: number }[];
  readonly pnl: {
    readonly total: number;
    readonly realized: number;
    readonly unrealized: number;
    readonly peak: number;
    readonly drawdown: number;
  };
  /** Reservations currently holding a slot. */
  readonly workingOrders: number;
  /** Releases or fills on a reservation already finished or released (ignored). */
  readonly doubleReleases: number;
  /** Fills larger than what was still working (capped). */
  readonly overfills: number;
  /** Malformed reservation ids passed to onFill / onCancel / onReject (ignored). */
  readonly unknownReservations: number;
  /** Money per notional unit of the shared counters. */
  readonly notionalUnit: number;
  /** `sqrt(x' SIGMA x)` of the current exposure; NaN without `correlation`. */
  readonly portfolioStdDev: number;
  /** Client-id sessions (`RiskEngine.rollClientIds`). */
  readonly clientIds: ClientIdSnapshot;
}

/** Fill of the client-id tables in a {@link RiskSnapshot}. */
export interface ClientIdSnapshot {
  /** Ids claimed in the current session's table. */
  readonly current: number;
  /** Slots per table (`clientIdCapacity`); a probe longer than 64 slots counts as full. */
  readonly capacity: number;
  /** Completed rolls since the engine was created. */
  readonly rolls: number;
}

/** @internal */
export function buildSnapshot(
  core: Core,
  names: { readonly instruments: readonly string[]; readonly strategies: readonly string[] },
): Omit<RiskSnapshot, 'portfolioStdDev' | 'clientIds'> {
  const { i32, f64, cfg, r } = core;
  const instruments: InstrumentSnapshot[] = [];
  for (let i = 0; i < cfg.n; i++) {
    const b = core.inst(i);
    const lot = cfg.lot[i]!;
    const long = load(i32, b + LAYOUT.instrument.long);
    const short = load(i32, b + LAYOUT.instrument.short);
    const max = cfg.maxPosLots[i]!;
    const hasRef = core.readRef(i);
    instruments.push({
      symbol: names.instruments[i]!,
      position: load(i32, b + LAYOUT.instrument.pos) * lot,
      worstLong: long * lot,
      worstShort: short * lot,
      referencePrice: hasRef ? core.ref : Number.NaN,
      averagePrice: loadF64(f64, (b + LAYOUT.instrument.avg) >> 1),
      realizedPnl: loadF64(f64, (b + LAYOUT.instrument.realized) >> 1),
      utilisation: max < 0 ? Number.NaN : Math.max(long, short) / max,
    });
  }
  const strategies: StrategySnapshot[] = [];
  for (let j = 0; j < cfg.m; j++) {
    const b = core.strat(j);
    const units = load(i32, b + LAYOUT.strategy.notional);
    const max = cfg.maxNotionalUnits[j]!;
    strategies.push({
      name: names.strategies[j]!,
      openOrders: load(i32, b + LAYOUT.strategy.open),
      grossNotional: units * cfg.unit,
      utilisation: max < 0 ? Number.NaN : units / max,
    });
  }
  const clusters = [];
  for (let c = 0; c < cfg.k; c++) {
    const units = load(i32, r.clusters + c * r.stride);
    const max = cfg.clusterMaxUnits[c]!;
    clusters.push({
      grossNotional: units * cfg.unit,
      utilisation: max < 0 ? Number.NaN : units / max,
    });
  }
  let working = 0;
  for (let s = 0; s < cfg.capacity; s++) {
    if ((load(i32, r.slots + s * LAYOUT.slot.words + LAYOUT.slot.ctl) & CTL_BUSY) !== 0) working++;
  }
  const p = LAYOUT.pnlLine * r.stride;
  const total = loadF64(f64, (p + LAYOUT.pnl.pnl) >> 1);
  const realized = loadF64(f64, (p + LAYOUT.pnl.realized) >> 1);
  const peak = loadF64(f64, (p + LAYOUT.pnl.peak) >> 1);
  const counters = LAYOUT.counterLine * r.stride;
  return {
    instruments,
    strategies,
    clusters,
    pnl: { total, realized, unrealized: total - realized, peak, drawdown: peak - total },
    workingOrders: working,
    doubleReleases: load(i32, counters + LAYOUT.counter.doubleReleases),
    overfills: load(i32, counters + LAYOUT.counter.overfills),
    unknownReservations: load(i32, counters + LAYOUT.counter.unknownReservations),
    notionalUnit: cfg.unit,
  };
}
