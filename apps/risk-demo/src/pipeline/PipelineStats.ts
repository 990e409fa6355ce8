/** Counters of the order pipeline; every accepted order ends in exactly one outcome. */
export class PipelineStats {
  /** Orders the generator produced and the pipeline checked. */
  sent = 0;
  accepted = 0;
  denied = 0;
  readonly deniedByCode = new Map<string, number>();
  /** Accepted orders with at least one fill (the remainder, if any, cancelled). */
  filled = 0;
  /** Accepted orders cancelled with nothing filled: IOC not marketable, or never reached the venue. */
  cancelled = 0;
  /** Accepted orders the venue rejected or failed (error reports). */
  rejected = 0;
  /** Accepted orders that could not be sent because the venue connection was down. */
  notSent = 0;
  /** Accepted orders whose outcome came from reconciliation after a lost connection or timeout. */
  reconciled = 0;

  /** Counts one denial. */
  deny(code: string): void {
    this.denied += 1;
    this.deniedByCode.set(code, (this.deniedByCode.get(code) ?? 0) + 1);
  }

  /** Accepted orders with a final outcome. */
  get settled(): number {
    return this.filled + this.cancelled + this.rejected;
  }

  /** Denials by code as a plain object, codes sorted. */
  deniedObject(): Record<string, number> {
    return Object.fromEntries([...this.deniedByCode].sort(([a], [b]) => a.localeCompare(b)));
  }
}
