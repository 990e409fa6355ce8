import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { LAYOUT } from '../layout.js';
import { refundToken, takeToken } from './tokenBucket.js';

/**
 * `RATE_LIMITED` when the strategy's token bucket (and the venue's, when it has one) is empty.
 * A passing order takes one token from each (refunded by `refundRate` if a later check denies).
 * `CONFIG_MISSING` when the strategy has no `rate`. Risk-reducing orders skip it.
 *
 * @returns true when denied.
 */
export function rateCheck(
  core: Core,
  d: MutableDenial,
  strategy: number,
  venue: number,
  reducing: boolean,
  nowMs: number,
  reserve: boolean,
): boolean {
  if (reducing) return false;
  const { cfg, i32 } = core;
  const perSec = cfg.stratRate[strategy]!;
  if (perSec !== perSec)
    return d.set(
      RISK_CODE.configMissing,
      CHECK.rate,
      Number.NaN,
      Number.NaN,
      'strategy rate is not configured',
    );
  const s = core.strat(strategy);
  const burst = cfg.stratBurst[strategy]!;
  if (
    takeToken(
      i32,
      s + LAYOUT.strategy.tokens,
      s + LAYOUT.strategy.last,
      perSec,
      burst,
      nowMs,
      reserve,
    ) < 0
  ) {
    return d.set(
      RISK_CODE.rateLimited,
      CHECK.rate,
      burst / 1000,
      0,
      'strategy order rate exceeded',
    );
  }
  const venuePerSec = cfg.venueRate[venue]!;
  if (venuePerSec === venuePerSec) {
    const v = core.r.venues + venue * core.r.stride;
    const vBurst = cfg.venueBurst[venue]!;
    if (
      takeToken(
        i32,
        v + LAYOUT.venue.tokens,
        v + LAYOUT.venue.last,
        venuePerSec,
        vBurst,
        nowMs,
        reserve,
      ) < 0
    ) {
      if (reserve) refundStrategy(core, strategy);
      return d.set(
        RISK_CODE.rateLimited,
        CHECK.rate,
        vBurst / 1000,
        0,
        'venue order rate exceeded',
      );
    }
  }
  return false;
}

function refundStrategy(core: Core, strategy: number): void {
  refundToken(
    core.i32,
    core.strat(strategy) + LAYOUT.strategy.tokens,
    core.cfg.stratBurst[strategy]!,
  );
}

/** Gives back the tokens a passing rate check took (a later check denied the order). */
export function refundRate(core: Core, strategy: number, venue: number): void {
  refundStrategy(core, strategy);
  if (core.cfg.venueRate[venue]! === core.cfg.venueRate[venue]!) {
    refundToken(
      core.i32,
      core.r.venues + venue * core.r.stride + LAYOUT.venue.tokens,
      core.cfg.venueBurst[venue]!,
    );
  }
}
