import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';

/**
 * `PRICE_COLLAR` when `|price - ref| / ref x 10^4 > collarBps` (strict: exactly the collar passes,
 * within 1e-9 relative). Uses the reference price the freshness check just read. Risk-reducing
 * orders skip it.
 *
 * @returns true when denied.
 */
export function collarCheck(
  core: Core,
  d: MutableDenial,
  instrument: number,
  o: { readonly price: number },
  reducing: boolean,
): boolean {
  if (reducing) return false;
  const collar = core.cfg.collarBps[instrument]!;
  if (collar !== collar) {
    return d.set(
      RISK_CODE.configMissing,
      CHECK.collar,
      Number.NaN,
      Number.NaN,
      'collarBps is not configured',
    );
  }
  const ref = core.ref;
  // `o.price` read here, not passed in: a double argument to a non-inlined call is boxed.
  const bps = (Math.abs(o.price - ref) / ref) * 1e4;
  if (bps > collar * (1 + 1e-9) + 1e-9) {
    return d.set(RISK_CODE.priceCollar, CHECK.collar, collar, bps, 'price is outside the collar');
  }
  return false;
}
