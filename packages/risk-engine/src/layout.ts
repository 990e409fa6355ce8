/**
 * Shared-memory layout of a {@link RiskEngine}: one `SharedArrayBuffer` seen through an
 * `Int32Array` (counters, CAS words) and a `Float64Array` (prices, PnL) over the same bytes.
 *
 * ```
 * line 0        header: magic 'RSK1', layout version, stride, config digest, capacities,
 *               f64 epoch @8 (clock time that Int32 millisecond stamps count from),
 *               ID_ROLL @10 (client-id session word: 2 x rolls, +1 while a roll is clearing;
 *               the current id table is `(ID_ROLL >> 1) & 1`; written once per roll, so the
 *               line stays read-mostly for `check`)
 * line 1        accounting lock (fills, price updates; never taken by check)
 * line 2        counters: doubleReleases, overfills, unknownReservations
 * line 3        PnL: f64 pnl @8, f64 peak @10, f64 realized @12
 * line 4..      one line per instrument: LONG, SHORT (worst-case exposures in lots), SEQ (price
 *               seqlock), POS (position, lots), PNI (position cost, notional units);
 *               f64 REF @8, REF_TIME @10, AVG @12, REALIZED @14
 * then          one line per strategy: NOTIONAL (units), OPEN (open orders), TOKENS (milli-tokens),
 *               LAST (ms since epoch of the last refill), CANCEL_TOKENS @6, CANCEL_LAST @7
 * then          one line per venue: TOKENS, LAST
 * then          one line per cluster: NOTIONAL (units)
 * then          strategy x instrument pairs, 2 words each, packed: PAIR_POS (lots), PAIR_PN (units)
 * then          reservation slots, 8 words each: CTL, GEN, INSTR, STRAT, SIDE, LOTS, f64 PRICE @6
 *               (INSTR..PRICE written plainly, published with the reservation id: slots.ts)
 * then          two client-id hash sets of idCapacity slots each, the current session's and the
 *               previous one's (open addressing, id + 1, 0 = empty), interleaved: slot j of
 *               table t is word 2j + t, so a lookup in both tables touches one cache line
 * then          fingerprint table (ms since epoch + 1 of the last order with that fingerprint)
 * then          correlation (only when configured): lock word, then f64 SIGMA (n x n EWMA
 *               covariance of log returns), U = SIGMA x, X (signed exposure, money), PREV (prices
 *               at the last refresh), VAR = x' SIGMA x; all touched only under the lock
 * ```
 *
 * A *line* is `stride` Int32 words: 64 bytes on x64, 128 on arm64 (adjacent-line prefetch), so
 * words that different threads hammer (one instrument's exposure, one strategy's notional) never
 * share a cache line. Float64 slots are read and written plainly (Atomics has no float CAS): the
 * reference price and its time sit behind a per-instrument seqlock (SEQ odd while written, readers
 * retry), everything else in f64 is touched only under the accounting lock. Int32 words are read
 * plainly (`loadRelaxed`) only where the value is a CAS's expected value or a prefetch, never where
 * it decides an outcome on its own (docs/decisions/0508).
 */
export const LAYOUT = {
  magic: 0x52534b31,
  version: 2,
  header: {
    magic: 0,
    version: 1,
    stride: 2,
    digest: 3,
    capacity: 4,
    idCapacity: 5,
    fpCapacity: 6,
    epoch: 8,
    idRoll: 10,
  },
  lockLine: 1,
  counterLine: 2,
  counter: { doubleReleases: 0, overfills: 1, unknownReservations: 2 },
  pnlLine: 3,
  pnl: { pnl: 8, peak: 10, realized: 12 },
  instrument: {
    long: 0,
    short: 1,
    seq: 2,
    pos: 3,
    pni: 4,
    ref: 8,
    refTime: 10,
    avg: 12,
    realized: 14,
  },
  strategy: { notional: 0, open: 1, tokens: 2, last: 3, cancelTokens: 6, cancelLast: 7 },
  venue: { tokens: 0, last: 1 },
  cluster: { notional: 0 },
  pair: { pos: 0, pn: 1, words: 2 },
  slot: { ctl: 0, gen: 1, instrument: 2, strategy: 3, side: 4, lots: 5, price: 6, words: 8 },
  firstLine: 4,
} as const;

/** Cache-line stride in Int32 words for this process's architecture. */
/* v8 ignore next -- one architecture per machine */
export const STRIDE_WORDS = process.arch === 'arm64' ? 32 : 16;

/** Word offsets of each region of one engine's buffer. */
export interface Regions {
  readonly stride: number;
  readonly instruments: number;
  readonly strategies: number;
  readonly venues: number;
  readonly clusters: number;
  readonly pairs: number;
  readonly slots: number;
  /** Client-id tables, interleaved: slot j of table t at `ids + 2 * j + t`. */
  readonly ids: number;
  readonly fingerprints: number;
  /** Correlation region (line-aligned): lock word, then f64 SIGMA (n x n), U, X, PREV, VAR. */
  readonly corr: number;
  readonly words: number;
}

/** Computes the region offsets (Int32 indices) for the given counts. */
export function regions(
  stride: number,
  counts: {
    instruments: number;
    strategies: number;
    venues: number;
    clusters: number;
    capacity: number;
    idCapacity: number;
    fpCapacity: number;
    correlation: boolean;
  },
): Regions {
  const instruments = LAYOUT.firstLine * stride;
  const strategies = instruments + counts.instruments * stride;
  const venues = strategies + counts.strategies * stride;
  const clusters = venues + counts.venues * stride;
  const pairs = clusters + counts.clusters * stride;
  // Slots start on a line so each 8-word record (with its f64 at word 6) stays 8-byte aligned.
  const pairWords = counts.strategies * counts.instruments * LAYOUT.pair.words;
  const slots = pairs + Math.ceil(pairWords / stride) * stride;
  const ids = slots + counts.capacity * LAYOUT.slot.words;
  // Two id tables (current and previous session), idCapacity slots each, interleaved.
  const fingerprints = ids + 2 * counts.idCapacity;
  const corr = Math.ceil((fingerprints + counts.fpCapacity) / stride) * stride;
  const n = counts.instruments;
  const corrWords = counts.correlation ? stride + 2 * (n * n + 3 * n + 1) : 0;
  const words = Math.ceil((corr + corrWords) / stride) * stride;
  return {
    corr,
    stride,
    instruments,
    strategies,
    venues,
    clusters,
    pairs,
    slots,
    ids,
    fingerprints,
    words,
  };
}
