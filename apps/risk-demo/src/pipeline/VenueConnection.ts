import { get } from 'node:http';
import { WebSocket } from 'ws';
import {
  REPORT_KIND,
  type ClientMessage,
  type VenueMessage,
  type WireOrder,
  type WireReport,
} from '../exchange/protocol.js';
import { rawText } from '../exchange/rawText.js';
import type { BreakerPort, HistogramPort, RiskEnginePort } from '../primitives/ports.js';
import type { Ledger } from './Ledger.js';
import type { PipelineStats } from './PipelineStats.js';

/** An accepted order on its way to, or at, the venue. */
export interface WorkingOrder {
  readonly id: number;
  readonly instrument: number;
  readonly side: 1 | -1;
  readonly qty: number;
  readonly price: number;
  readonly reservation: number;
  readonly permit: number;
  readonly createdAt: number;
  sentAt: number;
  /** The breaker has been told this order's result (success, failure or timeout). */
  reported: boolean;
}

/** Options of {@link VenueConnection}. */
export interface VenueConnectionOptions {
  readonly name: string;
  readonly url: string;
  readonly breaker: BreakerPort;
  readonly engine: RiskEnginePort;
  readonly stats: PipelineStats;
  readonly ledger: Ledger;
  /** End-to-end latency (order created in a worker to its report), ns. */
  readonly e2e: HistogramPort;
  readonly orderTimeoutMs: number;
  readonly now: () => number;
  readonly onPrice: (instrument: number, price: number) => void;
  /** Reconnect period while the venue is unreachable. @defaultValue 100 */
  readonly reconnectMs?: number;
}

/**
 * The pipeline's link to one venue: batches accepted orders onto a WebSocket, reports each
 * order's result to the venue breaker exactly once (success, failure, or failure on timeout or
 * lost connection), settles its reservation with the risk engine, and reconnects. Orders whose
 * fate is unknown after a lost connection or a timeout are reconciled with the venue's `status`
 * answer once it is reachable again, so no accepted order is ever lost.
 */
export class VenueConnection {
  readonly name: string;
  private readonly o: VenueConnectionOptions;
  private ws: WebSocket | undefined;
  private connected = false;
  private closed = false;
  private batch: WireOrder[] = [];
  private flushScheduled = false;
  private readonly working = new Map<number, WorkingOrder>();
  private readonly unresolved = new Map<number, WorkingOrder>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweepPeriod = 100;
  private lastSweep = 0;
  /** Orders of this venue with at least one fill. */
  filled = 0;
  /** Last time a price arrived from this venue (ms). */
  lastPriceAt = 0;
  /** Connection state changes, for measurements. */
  onConnectionChange: ((up: boolean) => void) | undefined;

  constructor(options: VenueConnectionOptions) {
    this.o = options;
    this.name = options.name;
  }

  /** Connects (and keeps reconnecting) and starts the timeout sweep. */
  start(): void {
    this.connect();
    this.sweepPeriod = Math.min(100, this.o.orderTimeoutMs / 2);
    this.lastSweep = this.o.now();
    this.sweepTimer = setInterval(() => this.sweep(), this.sweepPeriod);
    this.sweepTimer.unref();
  }

  /** Whether the WebSocket is open. */
  get isConnected(): boolean {
    return this.connected;
  }

  /** Accepted orders without a final outcome (sent, queued or awaiting reconciliation). */
  get outstanding(): number {
    return this.working.size + this.unresolved.size;
  }

  /** Hands an accepted order to the venue. */
  submit(order: WorkingOrder): void {
    if (!this.connected || this.ws === undefined) {
      // Never left the building: the venue is unreachable, which is a failure of the venue.
      order.reported = true;
      this.o.breaker.onFailure(order.permit, 0);
      this.o.engine.onCancel(order.reservation);
      this.o.stats.cancelled += 1;
      this.o.stats.notSent += 1;
      return;
    }
    this.working.set(order.id, order);
    this.batch.push([order.id, order.instrument, order.side > 0 ? 0 : 1, order.qty, order.price]);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * A health probe of the venue (`GET /health`, 500 ms timeout) under a breaker permit taken by
   * the caller: resolves `true` when the venue answered and is up.
   */
  probe(): Promise<boolean> {
    const url = new URL(this.o.url);
    return new Promise((resolve) => {
      const req = get(
        { host: url.hostname, port: url.port, path: '/health', agent: false, timeout: 500 },
        (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
  }

  /** Closes the connection for good. */
  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.sweepTimer);
    this.ws?.terminate();
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.batch.length === 0) return;
    const o = this.batch;
    this.batch = [];
    const now = this.o.now();
    for (const w of o) {
      const order = this.working.get(w[0]);
      if (order !== undefined) order.sentAt = now;
    }
    this.send({ t: 'orders', o });
  }

  private send(msg: ClientMessage): void {
    if (this.ws !== undefined && this.connected) this.ws.send(JSON.stringify(msg));
  }

  private connect(): void {
    if (this.closed) return;
    const ws = new WebSocket(this.o.url, { perMessageDeflate: false });
    this.ws = ws;
    ws.on('open', () => {
      this.connected = true;
      this.onConnectionChange?.(true);
      if (this.unresolved.size > 0) this.send({ t: 'status', ids: [...this.unresolved.keys()] });
    });
    ws.on('message', (data) => this.onMessage(JSON.parse(rawText(data)) as VenueMessage));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      const was = this.connected;
      this.connected = false;
      this.ws = undefined;
      this.lostConnection();
      if (was) this.onConnectionChange?.(false);
      if (!this.closed) {
        this.reconnectTimer = setTimeout(() => this.connect(), this.o.reconnectMs ?? 100);
      }
    });
  }

  private lostConnection(): void {
    // Queued or sent orders: their fate is unknown until the venue answers a status request.
    const now = this.o.now();
    this.batch = [];
    for (const order of this.working.values()) this.toUnresolved(order, now);
    this.working.clear();
  }

  private toUnresolved(order: WorkingOrder, now: number): void {
    if (!order.reported) {
      order.reported = true;
      this.o.breaker.onFailure(order.permit, now - order.sentAt);
    }
    this.unresolved.set(order.id, order);
  }

  private sweep(): void {
    const now = this.o.now();
    const lag = now - this.lastSweep;
    this.lastSweep = now;
    // After a pause of this thread (GC, a starved core) timers run before pending socket reads:
    // skip one round so reports that arrived meanwhile are read before anything times out.
    if (lag > 3 * this.sweepPeriod) return;
    const limit = now - this.o.orderTimeoutMs;
    for (const [id, order] of this.working) {
      if (order.sentAt > limit) break; // insertion order = send order
      this.working.delete(id);
      this.toUnresolved(order, now);
    }
    if (this.connected && this.unresolved.size > 0) {
      this.send({ t: 'status', ids: [...this.unresolved.keys()] });
    }
  }

  private onMessage(msg: VenueMessage): void {
    if (msg.t === 'prices') {
      this.lastPriceAt = this.o.now();
      for (const [i, p] of msg.p) this.o.onPrice(i, p);
      return;
    }
    const now = this.o.now();
    for (const r of msg.r) this.settle(r, now);
  }

  private settle(report: WireReport, now: number): void {
    const [id, kind, filledQty, fillPrice] = report;
    let order = this.working.get(id);
    if (order !== undefined) this.working.delete(id);
    else {
      order = this.unresolved.get(id);
      if (order === undefined) return; // already settled
      this.unresolved.delete(id);
      this.o.stats.reconciled += 1;
    }
    const { breaker, engine, stats } = this.o;
    const duration = now - order.sentAt;
    if (!order.reported) {
      order.reported = true;
      if (kind === REPORT_KIND.error) breaker.onFailure(order.permit, duration);
      else breaker.onSuccess(order.permit, duration);
    }
    switch (kind) {
      case REPORT_KIND.filled:
        engine.onFill(order.reservation, filledQty, fillPrice);
        this.o.ledger.fill(order.instrument, order.side, filledQty, fillPrice);
        if (filledQty < order.qty) engine.onCancel(order.reservation);
        stats.filled += 1;
        this.filled += 1;
        break;
      case REPORT_KIND.cancelled:
      case REPORT_KIND.unknown:
        engine.onCancel(order.reservation);
        stats.cancelled += 1;
        break;
      default:
        engine.onReject(order.reservation);
        stats.rejected += 1;
    }
    this.o.e2e.record((now - order.createdAt) * 1e6);
  }
}
