import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';

/**
 * `STALE_PRICE` for a market order or a risk-increasing order when the instrument has no reference
 * price or it is older than `maxPriceAgeMs` (`now - stamp > maxPriceAgeMs`: exactly the limit is
 * still fresh). A risk-reducing limit order skips it (DESIGN §6 item 1). Leaves the reference price
 * in `core.ref` for the collar check. The time of the check is `core.now`.
 *
 * @returns true when denied.
 */
export function freshnessCheck(
  core: Core,
  d: MutableDenial,
  instrument: number,
  market: boolean,
  reducing: boolean,
): boolean {
  if (!market && reducing) return false;
  const maxAge = core.cfg.maxAgeMs[instrument]!;
  if (maxAge !== maxAge) {
    return d.set(
      RISK_CODE.configMissing,
      CHECK.freshness,
      Number.NaN,
      Number.NaN,
      'maxPriceAgeMs is not configured',
    );
  }
  if (!core.readRef(instrument)) {
    return d.set(RISK_CODE.stalePrice, CHECK.freshness, maxAge, Infinity, 'no reference price');
  }
  const age = core.now - core.refTime;
  if (age > maxAge)
    return d.set(RISK_CODE.stalePrice, CHECK.freshness, maxAge, age, 'reference price is too old');
  return false;
}
