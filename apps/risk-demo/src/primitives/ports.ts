/**
 * The seams between the demo and the tripwire primitives: the slice of each package's public API
 * (DESIGN.md §3–§6) that the demo calls, so the wiring compiles against one contract whichever
 * implementation `createPrimitives` plugs in.
 */

/** Breaker states (DESIGN §3). */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';
/** Kill switch levels (DESIGN §4). */
export type KillLevel = 'active' | 'reducing' | 'halted';

/** A venue circuit breaker as the demo uses it. */
export interface BreakerPort {
  readonly state: BreakerState;
  /** A non-negative permit, or a negative rejection code. */
  tryAcquire(): number;
  onSuccess(permit: number, durationMs?: number): string;
  onFailure(permit: number, durationMs?: number): string;
  release(permit: number): string;
  isolate(): { dispose(): void };
  reset(): void;
  subscribe(
    listener: (e: { from: string; to: string; at: number; cause: string }) => void,
  ): () => void;
  snapshot(): { state: BreakerState; failureRate: number; notPermitted: number };
}

/** The global breaker, derived from the venue breakers. */
export interface GlobalBreakerPort {
  readonly state: 'closed' | 'open' | 'half-open';
}

/** The kill switch as the demo uses it. */
export interface KillSwitchPort {
  readonly level: KillLevel;
  allows(intent: 'increase' | 'reduce'): boolean;
  trip(t: { level: KillLevel; source: string; reason: string }): void;
  hold(source: string, level: KillLevel): { dispose(): void };
  reset(r: {
    operator: string;
    token: string;
    reason: string;
  }): { ok: true } | { ok: false; code: string };
  watchdog(name: string, timeoutMs: number): { beat(): void; dispose(): void };
  checkWatchdogs(): void;
  audit(): readonly unknown[];
}

/** A latency histogram (ns). */
export interface HistogramPort {
  record(ns: number): void;
  percentile(p: number): number;
  readonly count: number;
  reset(): void;
}

/** An order as given to `RiskEngine.check`. */
export interface OrderRequest {
  clientId: number;
  instrument: number;
  strategy: number;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
  type: 'limit' | 'market';
  reduceOnly: boolean;
}

/** `RiskEngine.check`'s decision (may be a reused object: copy what you keep). */
export type DecisionPort =
  { ok: true; reservation: number; permit: number } | { ok: false; code: string; message: string };

/** The risk engine as the demo uses it. */
export interface RiskEnginePort {
  updatePrice(instrument: number, price: number): void;
  check(order: OrderRequest): DecisionPort;
  onFill(reservation: number, qty: number, price: number): void;
  onCancel(reservation: number): void;
  onReject(reservation: number): void;
  /** Starts a new client-id session; false when another roll is in progress. */
  rollClientIds(): boolean;
}
