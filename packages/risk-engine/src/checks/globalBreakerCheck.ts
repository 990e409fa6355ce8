import type { GlobalBreakerLike } from '../deps.js';
import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';

/**
 * `GLOBAL_BREAKER_OPEN` while the global breaker (if configured) is open. Applies to every order:
 * DESIGN §6 item 1 does not let risk-reducing orders skip it.
 *
 * @returns true when denied.
 */
export function globalBreakerCheck(gb: GlobalBreakerLike | undefined, d: MutableDenial): boolean {
  if (gb !== undefined && gb.state === 'open') {
    return d.set(
      RISK_CODE.globalBreakerOpen,
      CHECK.globalBreaker,
      Number.NaN,
      Number.NaN,
      'global breaker is open',
    );
  }
  return false;
}
