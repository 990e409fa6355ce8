/** An order submitted to {@link RiskEngine.check}. Ids are integers (array indices). */
export interface Order {
  /** Caller-chosen integer id in [0, 2^31 - 2], unique for the engine's life. */
  readonly clientId: number;
  readonly instrument: number;
  readonly strategy: number;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  /** Limit price; for a market order, the price the notional is reserved at. */
  readonly price: number;
  readonly type: 'limit' | 'market';
  /** Deny with `REDUCE_ONLY` unless the order is risk-reducing. @defaultValue false */
  readonly reduceOnly?: boolean;
  /** Protective stop: the order's worst-case loss is qty x |price - stopPrice|. */
  readonly stopPrice?: number | undefined;
}

/** @returns whether `x` is an integer index in [0, length). */
export function isIndex(x: unknown, length: number): x is number {
  return typeof x === 'number' && x >>> 0 === x && x < length;
}
