import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { RESERVED, reserveUpTo } from '../internal/reserveUpTo.js';
import { load, sub } from '../internal/shared.js';
import { LAYOUT } from '../layout.js';

/**
 * Worst-case exposure words (lots): LONG = position + working buys, SHORT = working sells -
 * position. A buy of q lots is risk-reducing iff LONG + q <= 0 (even if every working order on
 * its side fills, the position only moves toward zero), a sell iff SHORT + q <= 0.
 */
export function isReducing(core: Core, instrument: number, buy: boolean, lots: number): boolean {
  const idx = core.inst(instrument) + (buy ? LAYOUT.instrument.long : LAYOUT.instrument.short);
  return load(core.i32, idx) + lots <= 0;
}

/**
 * `POSITION_LIMIT` unless LONG + q <= maxPosition (buy) or SHORT + q <= maxPosition (sell),
 * reserving q atomically (one CAS). A risk-reducing order is reserved against 0 instead, so it
 * skips the limit but still cannot become risk-increasing through a concurrent order (then it is
 * denied). `CONFIG_MISSING` when maxPosition is absent and the order is risk-increasing.
 *
 * @returns true when denied.
 */
export function positionCheck(
  core: Core,
  d: MutableDenial,
  instrument: number,
  buy: boolean,
  lots: number,
  reducing: boolean,
  reserve: boolean,
): boolean {
  const max = core.cfg.maxPosLots[instrument]!;
  if (!reducing && max < 0) {
    return d.set(
      RISK_CODE.configMissing,
      CHECK.position,
      Number.NaN,
      Number.NaN,
      'maxPosition is not configured',
    );
  }
  const idx = core.inst(instrument) + (buy ? LAYOUT.instrument.long : LAYOUT.instrument.short);
  const seen = reserveUpTo(core.i32, idx, lots, reducing ? 0 : max, reserve);
  if (seen === RESERVED) return false;
  const lot = core.cfg.lot[instrument]!;
  return d.set(
    RISK_CODE.positionLimit,
    CHECK.position,
    reducing ? 0 : max * lot,
    (seen + lots) * lot,
    reducing ? 'order is no longer risk-reducing' : 'worst-case position would exceed maxPosition',
  );
}

/** Gives back a position reservation. */
export function releasePosition(core: Core, instrument: number, buy: boolean, lots: number): void {
  sub(
    core.i32,
    core.inst(instrument) + (buy ? LAYOUT.instrument.long : LAYOUT.instrument.short),
    lots,
  );
}
