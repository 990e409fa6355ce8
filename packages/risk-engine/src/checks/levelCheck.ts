import type { KillSwitchLike } from '../deps.js';
import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';

/**
 * Trading level (DESIGN §6 item 2, first): halted denies every order with `KILL_SWITCH`; reducing
 * denies risk-increasing orders with `REDUCE_ONLY`, and so does `reduceOnly: true` on an order that
 * is not risk-reducing. The common case (active) costs one `allows('increase')` call.
 *
 * @returns true when denied (the denial is written into `d`).
 */
export function levelCheck(
  ks: KillSwitchLike,
  d: MutableDenial,
  reducing: boolean,
  reduceOnly: boolean,
): boolean {
  if (ks.allows('increase')) {
    if (reduceOnly && !reducing) {
      return d.set(
        RISK_CODE.reduceOnly,
        CHECK.level,
        0,
        1,
        'reduceOnly order is not risk-reducing',
      );
    }
    return false;
  }
  if (!ks.allows('reduce')) {
    return d.set(RISK_CODE.killSwitch, CHECK.level, Number.NaN, Number.NaN, 'trading is halted');
  }
  if (!reducing) {
    return d.set(
      RISK_CODE.reduceOnly,
      CHECK.level,
      Number.NaN,
      Number.NaN,
      reduceOnly
        ? 'reduceOnly order is not risk-reducing'
        : 'level is reducing: order is risk-increasing',
    );
  }
  return false;
}
