/** Denial codes of {@link RiskEngine.check}, one per reason an order can be refused. */
export const RISK_CODE = {
  killSwitch: 'KILL_SWITCH',
  reduceOnly: 'REDUCE_ONLY',
  globalBreakerOpen: 'GLOBAL_BREAKER_OPEN',
  invalidOrder: 'INVALID_ORDER',
  duplicateOrder: 'DUPLICATE_ORDER',
  stalePrice: 'STALE_PRICE',
  priceCollar: 'PRICE_COLLAR',
  rateLimited: 'RATE_LIMITED',
  positionLimit: 'POSITION_LIMIT',
  notionalLimit: 'NOTIONAL_LIMIT',
  openOrdersLimit: 'OPEN_ORDERS_LIMIT',
  correlationLimit: 'CORRELATION_LIMIT',
  lossLimit: 'LOSS_LIMIT',
  drawdownLimit: 'DRAWDOWN_LIMIT',
  venueUnavailable: 'VENUE_UNAVAILABLE',
  configMissing: 'CONFIG_MISSING',
} as const;

/** A literal denial code. */
export type RiskCode = (typeof RISK_CODE)[keyof typeof RISK_CODE];

/** Names of the checks, in the order `check` runs them (DESIGN §6 item 2). */
export const CHECK = {
  level: 'level',
  globalBreaker: 'globalBreaker',
  validity: 'validity',
  duplicate: 'duplicate',
  freshness: 'freshness',
  collar: 'collar',
  rate: 'rate',
  position: 'position',
  notional: 'notional',
  openOrders: 'openOrders',
  correlation: 'correlation',
  loss: 'loss',
  venue: 'venue',
} as const;

/** A literal check name. */
export type CheckName = (typeof CHECK)[keyof typeof CHECK];

/** An admitted order: its reservation id (for `onFill` / `onCancel` / `onReject`) and venue permit. */
export interface RiskPass {
  readonly ok: true;
  /** Reservation id: pass it to `onFill`, `onCancel` or `onReject`. Unique over the engine's life. */
  readonly reservation: number;
  /** Venue circuit-breaker permit: report the venue call's outcome to the breaker with it. */
  readonly permit: number;
}

/** A refused order: which check refused it, the limit and the value that broke it. */
export interface RiskDenial {
  readonly ok: false;
  readonly code: RiskCode;
  readonly check: CheckName;
  /** The limit that was hit (NaN when the check has no numeric limit). */
  readonly limit: number;
  /** The order's or the state's value compared with `limit` (NaN when none). */
  readonly value: number;
  /** Human-readable explanation, built on first read. */
  readonly message: string;
}

/** Outcome of {@link RiskEngine.check}. */
export type RiskDecision = RiskPass | RiskDenial;

/** @internal mutable pass decision, reused by one engine instance. */
export class MutablePass implements RiskPass {
  readonly ok = true as const;
  reservation = 0;
  permit = 0;
}

/** @internal mutable denial, reused by one engine instance; `message` is built lazily. */
export class MutableDenial implements RiskDenial {
  readonly ok = false as const;
  code: RiskCode = RISK_CODE.configMissing;
  check: CheckName = CHECK.level;
  limit = Number.NaN;
  value = Number.NaN;
  /** Short reason fragment (a constant string: no allocation when set). */
  reason = '';

  set(code: RiskCode, check: CheckName, limit: number, value: number, reason: string): true {
    this.code = code;
    this.check = check;
    this.limit = limit;
    this.value = value;
    this.reason = reason;
    return true;
  }

  get message(): string {
    return `${this.code} (${this.check}): ${this.reason}; value ${this.value}, limit ${this.limit}`;
  }

  /** A frozen, independent copy (used by `explain`). */
  copy(): RiskDenial {
    return Object.freeze({
      ok: false as const,
      code: this.code,
      check: this.check,
      limit: this.limit,
      value: this.value,
      message: this.message,
    });
  }
}
