/** Faults a simulated venue can be told to play, each for a duration. */
export const FAULT = {
  /** The venue goes away: open connections drop, new ones are refused, until it returns. */
  outage: 'outage',
  /** Every report is delayed by `delayMs`. */
  slow: 'slow',
  /** A fraction `rate` of orders fail with an error report. */
  errors: 'errors',
  /** The price feed stops; reference prices go stale. */
  stalePrices: 'stale-prices',
} as const;
/** A {@link FAULT} value. */
export type FaultKind = (typeof FAULT)[keyof typeof FAULT];

/** A fault to inject into one venue. */
export interface FaultSpec {
  readonly kind: FaultKind;
  /** How long the fault lasts, in ms. */
  readonly durationMs: number;
  /** `slow`: added delay per report in ms (default 800). */
  readonly delayMs?: number;
  /** `errors`: fraction of orders answered with an error (default 1). */
  readonly rate?: number;
}

/** Type guard for a fault kind received over HTTP. */
export function isFaultKind(value: unknown): value is FaultKind {
  return Object.values(FAULT).includes(value as FaultKind);
}
