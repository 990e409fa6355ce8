/**
 * The demo's own book of positions and PnL, fed by the same fills and reference prices as the
 * risk engine, for the dashboard (utilisation = |position| / maxPosition).
 */
export class Ledger {
  readonly position: Float64Array;
  private readonly cash: Float64Array;
  readonly price: Float64Array;
  private peak = 0;

  constructor(instruments: number) {
    this.position = new Float64Array(instruments);
    this.cash = new Float64Array(instruments);
    this.price = new Float64Array(instruments);
  }

  /** Applies a fill: `side` +1 buy, -1 sell. */
  fill(instrument: number, side: 1 | -1, qty: number, price: number): void {
    this.position[instrument] = (this.position[instrument] ?? 0) + side * qty;
    this.cash[instrument] = (this.cash[instrument] ?? 0) - side * qty * price;
  }

  /** Records a reference price. */
  mark(instrument: number, price: number): void {
    this.price[instrument] = price;
  }

  /** Realized + unrealized PnL of one instrument at the latest reference price. */
  pnlOf(instrument: number): number {
    return (
      (this.cash[instrument] ?? 0) +
      (this.position[instrument] ?? 0) * (this.price[instrument] ?? 0)
    );
  }

  /** Total PnL and drawdown from its peak. */
  pnl(): { pnl: number; drawdown: number } {
    let total = 0;
    for (let i = 0; i < this.position.length; i++) total += this.pnlOf(i);
    if (total > this.peak) this.peak = total;
    return { pnl: total, drawdown: this.peak - total };
  }
}
