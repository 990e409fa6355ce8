/** What a window read fills in (one reusable object per breaker: reads allocate nothing). */
export interface WindowCounts {
  calls: number;
  failures: number;
  slowCalls: number;
}

/** The shared-memory sliding window of a breaker: a count ring or time buckets. */
export interface SlidingWindow {
  /**
   * Records one result into the window tagged `tag`.
   * @returns 0 when the window no longer has that tag (the result is stale or the fresh window
   * is not installed yet), 1 when recorded, 2 when recorded and the number of calls may have
   * grown (the rate rules must be checked even after a success).
   */
  record(tag: number, failure: boolean, slow: boolean, now: number): number;
  /**
   * Reads the current window's counters at time `at` into `out`. `maintain` lets the read age
   * out old buckets (closed state); a read of a frozen window passes `false`.
   */
  read(at: number, maintain: boolean, out: WindowCounts): void;
}
