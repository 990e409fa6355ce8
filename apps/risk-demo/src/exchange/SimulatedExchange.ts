import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { FAULT, type FaultKind, type FaultSpec } from './faults.js';
import {
  REPORT_KIND,
  type ClientMessage,
  type VenueMessage,
  type WireOrder,
  type WireReport,
} from './protocol.js';
import { rawText } from './rawText.js';

/** An instrument listed on a simulated venue. */
export interface VenueInstrument {
  /** Global instrument id (index in the risk engine's instrument table). */
  readonly id: number;
  readonly symbol: string;
  readonly startPrice: number;
  readonly tickSize: number;
  readonly lotSize: number;
}

/** Options of {@link SimulatedExchange}. */
export interface SimulatedExchangeOptions {
  /** Venue name, e.g. `venue-a`. */
  readonly name: string;
  readonly instruments: readonly VenueInstrument[];
  /** Port on 127.0.0.1; 0 picks a free one (kept across outages). @defaultValue 0 */
  readonly port?: number;
  /** Price feed period in ms. @defaultValue 50 */
  readonly priceIntervalMs?: number;
  /** Per-tick volatility of the mid price, in basis points. @defaultValue 2 */
  readonly volatilityBps?: number;
  /** Processing time of the venue: every report is sent this long after its order. @defaultValue 0 */
  readonly responseDelayMs?: number;
  /** Random source in [0, 1). @defaultValue Math.random */
  readonly random?: () => number;
}

/** What {@link SimulatedExchange.status} returns. */
export interface VenueStatus {
  readonly name: string;
  readonly port: number;
  readonly up: boolean;
  /** Active faults and when each ends (ms, `Date.now()` base). */
  readonly faults: readonly { kind: FaultKind; until: number }[];
  readonly ordersReceived: number;
  readonly connections: number;
}

/**
 * Outcomes a venue remembers for `status` requests (reconciliation after a timeout or a lost
 * connection, which the pipeline sends within seconds of the order; a venue that is down receives
 * nothing, so an outage does not age them out). 250,000 is 30 s of one venue's share of the
 * demo's 25,000 orders/s. It was 2,000,000: at about 120 bytes per remembered outcome the three
 * venues then held ~700 MB on the heap once full (after ~4 minutes), and the exchange worker's
 * garbage collections grew until venue responses passed the breakers' slow-call limit.
 *
 * The oldest outcome is found in {@link SimulatedExchange}'s own ring of ids, not with
 * `outcomes.keys().next()`: on Node 20 that call walks every deleted entry at the front of the
 * Map's table, and once the Map was full it cost 40-130 µs per order (measured, 100,000 orders at
 * a time), which saturated the exchange worker ~30 s into every run and left every breaker
 * flapping on 'slow-call-rate'. The ring makes it O(1): ~1 µs per order throughout.
 */
export const MAX_REMEMBERED = 250_000;

/**
 * A simulated trading venue on 127.0.0.1: order entry over WebSocket (batched) and HTTP (single),
 * IOC fills against a random-walk mid price, a price feed, and injectable faults (outage, slow
 * responses, error bursts, stale prices). It remembers every order's outcome so that a client
 * that lost its connection can reconcile (`status`), which is how the pipeline loses nothing.
 */
export class SimulatedExchange {
  readonly name: string;
  private readonly instruments: readonly VenueInstrument[];
  private readonly mids: number[];
  private readonly random: () => number;
  private readonly priceIntervalMs: number;
  private readonly volatility: number;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly outcomes = new Map<number, WireReport>();
  /** Ids of the remembered outcomes in arrival order (a ring of MAX_REMEMBERED; ids are doubles). */
  private readonly rememberedIds = new Float64Array(MAX_REMEMBERED);
  private rememberedNext = 0;
  private ringFull = false;
  private readonly faultUntil = new Map<FaultKind, number>();
  private readonly faultTimers = new Map<FaultKind, NodeJS.Timeout>();
  private readonly pending = new Set<NodeJS.Timeout>();
  private delayMs = 0;
  private readonly baseDelayMs: number;
  private errorRate = 0;
  private priceTimer: NodeJS.Timeout | undefined;
  private port: number;
  private up = false;
  private stopped = false;
  private received = 0;

  constructor(options: SimulatedExchangeOptions) {
    this.name = options.name;
    this.instruments = options.instruments;
    this.mids = options.instruments.map((i) => i.startPrice);
    this.random = options.random ?? Math.random;
    this.priceIntervalMs = options.priceIntervalMs ?? 50;
    this.volatility = (options.volatilityBps ?? 2) / 10_000;
    this.port = options.port ?? 0;
    this.baseDelayMs = options.responseDelayMs ?? 0;
    this.http = createServer((req, res) => this.onHttp(req, res));
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (req.url !== '/ws') {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
    });
  }

  /** Starts listening and the price feed; resolves with the bound port. */
  async start(): Promise<number> {
    await this.listen();
    this.priceTimer = setInterval(() => this.tickPrices(), this.priceIntervalMs);
    this.priceTimer.unref();
    return this.port;
  }

  /** `ws://127.0.0.1:<port>/ws`. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** Current mid price of a listed instrument (by global id). */
  mid(instrument: number): number | undefined {
    const k = this.instruments.findIndex((i) => i.id === instrument);
    return k < 0 ? undefined : this.mids[k];
  }

  /** Plays a fault for `durationMs`; a fault of the same kind already running is extended. */
  inject(fault: FaultSpec): void {
    const until = Date.now() + fault.durationMs;
    this.faultUntil.set(fault.kind, until);
    clearTimeout(this.faultTimers.get(fault.kind));
    const timer = setTimeout(() => this.endFault(fault.kind), fault.durationMs);
    this.faultTimers.set(fault.kind, timer);
    switch (fault.kind) {
      case FAULT.outage:
        this.goDown();
        break;
      case FAULT.slow:
        this.delayMs = fault.delayMs ?? 800;
        break;
      case FAULT.errors:
        this.errorRate = fault.rate ?? 1;
        break;
      case FAULT.stalePrices:
        break;
    }
  }

  /** Ends a fault now (also called when its duration is over). */
  endFault(kind: FaultKind): void {
    clearTimeout(this.faultTimers.get(kind));
    this.faultTimers.delete(kind);
    if (!this.faultUntil.delete(kind)) return;
    if (kind === FAULT.outage && !this.stopped) void this.listen().catch(() => undefined);
    if (kind === FAULT.slow) this.delayMs = 0;
    if (kind === FAULT.errors) this.errorRate = 0;
  }

  /** A snapshot for the dashboard and tests. */
  status(): VenueStatus {
    return {
      name: this.name,
      port: this.port,
      up: this.up,
      faults: [...this.faultUntil].map(([kind, until]) => ({ kind, until })),
      ordersReceived: this.received,
      connections: this.wss.clients.size,
    };
  }

  /** Stops everything: feed, pending reports, fault timers, sockets, listener. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.priceTimer);
    for (const t of this.faultTimers.values()) clearTimeout(t);
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
    this.goDown();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.http.once('error', onError);
      this.http.listen(this.port, '127.0.0.1', () => {
        this.http.off('error', onError);
        const address = this.http.address();
        if (address !== null && typeof address === 'object') this.port = address.port;
        this.up = true;
        resolve();
      });
    });
  }

  private goDown(): void {
    if (!this.up) return;
    this.up = false;
    this.http.close();
    this.http.closeAllConnections();
    for (const ws of this.wss.clients) ws.terminate();
  }

  private onConnection(ws: WebSocket): void {
    ws.on('message', (data) => {
      let msg: ClientMessage;
      try {
        msg = JSON.parse(rawText(data)) as ClientMessage;
      } catch {
        ws.close(1003, 'bad json');
        return;
      }
      if (msg.t === 'orders' && Array.isArray(msg.o)) {
        const reports = msg.o.map((o) => this.execute(o));
        this.send(ws, { t: 'reports', r: reports });
      } else if (msg.t === 'status' && Array.isArray(msg.ids)) {
        const r = msg.ids.map(
          (id): WireReport => this.outcomes.get(id) ?? [id, REPORT_KIND.unknown, 0, 0],
        );
        this.send(ws, { t: 'status', r });
      }
    });
    ws.on('error', () => undefined);
    this.send(ws, this.pricesMessage());
  }

  private send(ws: WebSocket, msg: VenueMessage): void {
    const text = JSON.stringify(msg);
    const delay = this.baseDelayMs + this.delayMs;
    if (delay > 0 && msg.t !== 'prices') {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        if (ws.readyState === ws.OPEN) ws.send(text);
      }, delay);
      this.pending.add(timer);
    } else if (ws.readyState === ws.OPEN) {
      ws.send(text);
    }
  }

  /** Executes one order (IOC against the mid) and remembers its outcome. */
  execute(order: WireOrder): WireReport {
    this.received += 1;
    const [id, instrument, side, qty, price] = order;
    const k = this.instruments.findIndex((i) => i.id === instrument);
    const spec = this.instruments[k];
    let report: WireReport;
    if (this.errorRate > 0 && this.random() < this.errorRate) {
      report = [id, REPORT_KIND.error, 0, 0];
    } else if (spec === undefined || !(qty > 0) || !(price > 0)) {
      report = [id, REPORT_KIND.rejected, 0, 0];
    } else {
      const mid = this.mids[k] ?? spec.startPrice;
      const marketable = side === 0 ? price >= mid : price <= mid;
      if (!marketable) {
        report = [id, REPORT_KIND.cancelled, 0, 0];
      } else {
        const lots = Math.round(qty / spec.lotSize);
        const partial = lots >= 2 && this.random() < 0.1;
        const filled = partial ? Math.floor(lots / 2) * spec.lotSize : qty;
        report = [id, REPORT_KIND.filled, filled, mid];
      }
    }
    this.remember(id, report);
    return report;
  }

  /** Keeps an order's outcome for `status`, forgetting the oldest beyond MAX_REMEMBERED. */
  private remember(id: number, report: WireReport): void {
    const k = this.rememberedNext;
    this.rememberedNext = k + 1 === MAX_REMEMBERED ? 0 : k + 1;
    // Once the ring has wrapped, the slot's previous id is the oldest remembered one. The Map
    // never holds more than MAX_REMEMBERED ids (one per slot); a repeated id (the pipeline never
    // sends one) keeps only its latest outcome and is forgotten with its older slot.
    if (this.ringFull) this.outcomes.delete(this.rememberedIds[k]!);
    else if (k + 1 === MAX_REMEMBERED) this.ringFull = true;
    this.rememberedIds[k] = id;
    this.outcomes.set(id, report);
  }

  private tickPrices(): void {
    for (let k = 0; k < this.mids.length; k++) {
      const spec = this.instruments[k];
      const mid = this.mids[k];
      if (spec === undefined || mid === undefined) continue;
      // Box-Muller normal step, rounded to the tick.
      const z = Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
      const next =
        Math.round((mid * Math.exp(this.volatility * z)) / spec.tickSize) * spec.tickSize;
      this.mids[k] = Number(next.toFixed(10));
    }
    if (this.faultUntil.has(FAULT.stalePrices) || !this.up) return;
    const msg = JSON.stringify(this.pricesMessage());
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(msg);
  }

  private pricesMessage(): VenueMessage {
    return {
      t: 'prices',
      at: Date.now(),
      p: this.instruments.map((i, k): [number, number] => [i.id, this.mids[k] ?? i.startPrice]),
    };
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/health') return reply(200, this.status());
    if (req.method === 'GET' && req.url === '/prices') return reply(200, this.pricesMessage());
    if (req.method === 'POST' && req.url === '/orders') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        try {
          const o = JSON.parse(body) as WireOrder;
          const report = this.execute(o);
          setTimeout(() => reply(200, report), this.baseDelayMs + this.delayMs);
        } catch {
          reply(400, { error: 'bad order' });
        }
      });
      return;
    }
    reply(404, { error: 'not found' });
  }
}
