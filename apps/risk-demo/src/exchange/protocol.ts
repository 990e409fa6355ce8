/**
 * Wire protocol between the pipeline and a simulated venue: JSON text frames over one WebSocket
 * (`ws://127.0.0.1:<port>/ws`). Orders and reports travel in batches of compact tuples so that
 * tens of thousands of orders per second cost a few frames, not one frame each.
 */

/** Side of an order on the wire: 0 buy, 1 sell. */
export const WIRE_SIDE = { buy: 0, sell: 1 } as const;

/** Outcome of an order reported by the venue. */
export const REPORT_KIND = {
  /** Filled; `filledQty` may be below the order's qty, the remainder then is cancelled (IOC). */
  filled: 0,
  /** Cancelled with nothing filled (IOC limit not marketable). */
  cancelled: 1,
  /** Rejected by the venue's business rules. */
  rejected: 2,
  /** The venue failed to process the order (an injected error); nothing was executed. */
  error: 3,
  /** Status request only: the venue never received this order id. */
  unknown: 4,
} as const;
/** A {@link REPORT_KIND} value. */
export type ReportKind = (typeof REPORT_KIND)[keyof typeof REPORT_KIND];

/** One order: `[id, instrument, side, qty, price]`. */
export type WireOrder = [id: number, instrument: number, side: 0 | 1, qty: number, price: number];
/** One execution report: `[id, kind, filledQty, fillPrice]`. */
export type WireReport = [id: number, kind: ReportKind, filledQty: number, fillPrice: number];

/** Client to venue. */
export type ClientMessage =
  | { t: 'orders'; o: WireOrder[] }
  /** Reconciliation after a lost connection: the venue answers with a `status` message. */
  | { t: 'status'; ids: number[] };

/** Venue to client. */
export type VenueMessage =
  | { t: 'reports'; r: WireReport[] }
  | { t: 'status'; r: WireReport[] }
  /** Reference prices by instrument id, stamped with the venue's clock (ms). */
  | { t: 'prices'; at: number; p: [instrument: number, price: number][] };
