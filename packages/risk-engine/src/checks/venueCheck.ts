import type { VenueBreakerLike } from '../deps.js';
import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';

/**
 * `VENUE_UNAVAILABLE` when the venue's breaker refuses a permit. Taken last, so an order denied by
 * any other check never consumes a permit. With `reserve = false` (explain) it reads the breaker's
 * `state` instead of acquiring. Applies to every order.
 *
 * @returns the permit (>= 0), or -1 when denied.
 */
export function venueCheck(breaker: VenueBreakerLike, d: MutableDenial, reserve: boolean): number {
  if (reserve) {
    const permit = breaker.tryAcquire();
    if (permit >= 0) return permit;
    d.set(
      RISK_CODE.venueUnavailable,
      CHECK.venue,
      Number.NaN,
      permit,
      'venue breaker refused a permit',
    );
    return -1;
  }
  const state = breaker.state;
  if (state === 'open' || state === 'isolated') {
    d.set(
      RISK_CODE.venueUnavailable,
      CHECK.venue,
      Number.NaN,
      Number.NaN,
      `venue breaker is ${state}`,
    );
    return -1;
  }
  return 0;
}
