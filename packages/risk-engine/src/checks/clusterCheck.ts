import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { RESERVED, reserveUpTo } from '../internal/reserveUpTo.js';
import { sub } from '../internal/shared.js';
import { HEADROOM_UNITS } from './notionalCheck.js';

/**
 * `CORRELATION_LIMIT` unless, for every cluster the instrument belongs to, the cluster's gross
 * notional (positions at entry plus working orders) plus this order's stays <= maxGrossNotional.
 * Reserved cluster by cluster with one CAS each; on a denial the clusters already reserved are
 * given back. Risk-reducing orders skip the limits (still counted). `CONFIG_MISSING` when a
 * cluster has no maxGrossNotional and the order is risk-increasing.
 *
 * @returns true when denied.
 */
export function clusterCheck(
  core: Core,
  d: MutableDenial,
  instrument: number,
  units: number,
  reducing: boolean,
  reserve: boolean,
): boolean {
  const { cfg, r, i32 } = core;
  const end = cfg.clusterStart[instrument + 1]!;
  for (let x = cfg.clusterStart[instrument]!; x < end; x++) {
    const c = cfg.clusterList[x]!;
    const max = cfg.clusterMaxUnits[c]!;
    let denied = false;
    if (!reducing && max < 0) {
      denied = d.set(
        RISK_CODE.configMissing,
        CHECK.correlation,
        Number.NaN,
        Number.NaN,
        'cluster maxGrossNotional is not configured',
      );
    } else {
      const seen = reserveUpTo(
        i32,
        r.clusters + c * r.stride,
        units,
        reducing ? HEADROOM_UNITS : max,
        reserve,
      );
      if (seen !== RESERVED) {
        denied = d.set(
          RISK_CODE.correlationLimit,
          CHECK.correlation,
          max * cfg.unit,
          (seen + units) * cfg.unit,
          'cluster gross notional would exceed maxGrossNotional',
        );
      }
    }
    if (denied) {
      if (reserve)
        for (let y = cfg.clusterStart[instrument]!; y < x; y++)
          sub(i32, r.clusters + cfg.clusterList[y]! * r.stride, units);
      return true;
    }
  }
  return false;
}

/** Gives back `units` to every cluster of the instrument. */
export function releaseClusters(core: Core, instrument: number, units: number): void {
  const { cfg, r, i32 } = core;
  const end = cfg.clusterStart[instrument + 1]!;
  for (let x = cfg.clusterStart[instrument]!; x < end; x++)
    sub(i32, r.clusters + cfg.clusterList[x]! * r.stride, units);
}
