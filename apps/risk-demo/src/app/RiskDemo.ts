import { randomBytes } from 'node:crypto';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { systemClock, type Clock } from '@tripwire/clock';
import { demoConfig, type DemoConfig } from '../config/demoConfig.js';
import {
  InProcessExchangeHost,
  WorkerExchangeHost,
  type ExchangeHost,
} from '../exchange/ExchangeHost.js';
import type { FaultSpec } from '../exchange/faults.js';
import { OrderFlow } from '../flow/OrderFlow.js';
import { ORDER_FIELD, ORDER_FIELDS } from '../flow/orderBatch.js';
import { Ledger } from '../pipeline/Ledger.js';
import { PipelineStats } from '../pipeline/PipelineStats.js';
import { VenueConnection } from '../pipeline/VenueConnection.js';
import { createDiagramSource, type DiagramSource } from '../primitives/diagrams.js';
import { createPrimitives, type Primitives } from '../primitives/createPrimitives.js';
import type { HistogramPort, KillLevel, OrderRequest } from '../primitives/ports.js';
import { buildDashboardState, type DashboardState } from './dashboardState.js';

/** Options of {@link RiskDemo.start}. */
export interface RiskDemoOptions {
  /** Orders per second generated in total. @defaultValue 25_000 */
  readonly ratePerSec?: number;
  /** Order flow worker threads. @defaultValue 2 */
  readonly workers?: number;
  /** Run the venues in a worker thread of their own. @defaultValue true */
  readonly exchangeInWorker?: boolean;
  readonly config?: DemoConfig;
  /** Time base of the primitives (tests pass a manual clock). @defaultValue systemClock */
  readonly clock?: Clock;
  /** Operator token; a random one is made when omitted. */
  readonly operatorToken?: string;
}

/** A state change worth a line on the dashboard's timeline and in the scenario report. */
export interface TimelineEvent {
  readonly at: number;
  readonly source: string;
  readonly from: string;
  readonly to: string;
  /** Why, when the source says (a breaker transition's `cause`). */
  readonly cause?: string;
}

/** One operator action as audited by the app (mutating endpoints). */
export interface OperatorAuditEntry {
  readonly at: number;
  readonly action: string;
  readonly remote: string;
  readonly outcome: 'ok' | 'refused';
  readonly detail: string;
}

const STATS_PERIOD_MS = 1_000;

/**
 * The running demo: simulated venues, the order flow workers, the risk pipeline between them and
 * the wiring of the kill switch, the global breaker and the watchdog (DESIGN §3, §4, §6).
 */
export class RiskDemo {
  readonly config: DemoConfig;
  readonly operatorToken: string;
  readonly stats = new PipelineStats();
  readonly ledger: Ledger;
  readonly primitives: Primitives;
  readonly diagrams: DiagramSource;
  readonly checkLatency: HistogramPort;
  readonly e2eLatency: HistogramPort;
  readonly venues: VenueConnection[] = [];
  readonly timeline: TimelineEvent[] = [];
  readonly operatorAudit: OperatorAuditEntry[] = [];
  readonly startedAt = systemClock.now();
  /** Orders checked per second over the last full second. */
  ordersPerSec = 0;
  acceptedPerSec = 0;
  filledPerSec = 0;
  /** Client-id session rolls done (`RiskEngine.rollClientIds`). */
  clientIdRolls = 0;
  /**
   * How busy each thread's event loop was over the last full second (0 to 1): the pipeline's
   * (this thread) and the venues' (`undefined` when they run in this thread).
   */
  eventLoop: { main: number; exchange: number | undefined } = { main: 0, exchange: undefined };
  private readonly host: ExchangeHost;
  private readonly flow: OrderFlow;
  private readonly req: OrderRequest = {
    clientId: 0,
    instrument: 0,
    strategy: 0,
    side: 'buy',
    qty: 0,
    price: 0,
    type: 'limit',
    reduceOnly: false,
  };
  private nextClientId = 0;
  /** `nextClientId` and the time at the last client-id roll (or the start). */
  private idsAtRoll = 0;
  private rolledAt = systemClock.now();
  private readonly timers: NodeJS.Timeout[] = [];
  private watchdog: { beat(): void; dispose(): void } | undefined;
  private globalHold: { dispose(): void } | undefined;
  private feedHold: { dispose(): void } | undefined;
  private lastGlobal = 'closed';
  private lastLevel: KillLevel = 'active';
  private last = { sent: 0, accepted: 0, filled: 0 };
  /** Event-loop readings at the last sample and at the start of the flow. */
  private loopsAtSample: LoopReadings = {
    main: performance.eventLoopUtilization(),
    exchange: undefined,
  };
  private loopsAtFlowStart: LoopReadings | undefined;
  private flowing = false;
  private readonly probing = new Set<number>();
  private closed = false;
  private readonly ratePerSec: number;

  private constructor(options: RiskDemoOptions, diagrams: DiagramSource) {
    this.config = options.config ?? demoConfig;
    this.operatorToken = options.operatorToken ?? randomBytes(16).toString('hex');
    this.ratePerSec = options.ratePerSec ?? 25_000;
    this.primitives = createPrimitives(
      this.config,
      options.clock ?? systemClock,
      this.operatorToken,
    );
    this.diagrams = diagrams;
    this.checkLatency = this.primitives.histogram();
    this.e2eLatency = this.primitives.histogram();
    this.ledger = new Ledger(this.config.instruments.length);
    const venues = this.config.venues.map((name, v) => ({
      name,
      responseDelayMs: this.config.venueLatencyMs,
      instruments: this.config.instruments.flatMap((i, id) =>
        i.venue === v
          ? [
              {
                id,
                symbol: i.symbol,
                startPrice: i.startPrice,
                tickSize: i.tickSize,
                lotSize: i.lotSize,
              },
            ]
          : [],
      ),
    }));
    this.host =
      (options.exchangeInWorker ?? true)
        ? new WorkerExchangeHost(venues)
        : new InProcessExchangeHost(venues);
    this.flow = new OrderFlow({
      workers: options.workers ?? 2,
      ratePerSec: this.ratePerSec,
      instruments: this.config.instruments,
      strategies: this.config.strategies.length,
      onBatch: (batch) => this.onBatch(batch),
    });
  }

  /** Starts the venues and connects the pipeline (the order flow starts with {@link startFlow}). */
  static async start(options: RiskDemoOptions = {}): Promise<RiskDemo> {
    const demo = new RiskDemo(options, await createDiagramSource());
    await demo.connect();
    return demo;
  }

  private async connect(): Promise<void> {
    const urls = await this.host.start();
    const { engine, breakers } = this.primitives;
    this.config.venues.forEach((name, v) => {
      const breaker = breakers[v]!;
      breaker.subscribe((e) => this.note(name, e.from, e.to, e.cause));
      const venue = new VenueConnection({
        name,
        url: urls[v]!,
        breaker,
        engine,
        stats: this.stats,
        ledger: this.ledger,
        e2e: this.e2eLatency,
        orderTimeoutMs: this.config.orderTimeoutMs,
        now: () => systemClock.now(),
        onPrice: (i, p) => {
          engine.updatePrice(i, p);
          this.ledger.mark(i, p);
          this.flow.prices[i] = p;
        },
      });
      venue.onConnectionChange = (up) =>
        this.note(`${name} link`, up ? 'down' : 'up', up ? 'up' : 'down');
      venue.start();
      this.venues.push(venue);
    });
    this.every(50, () => this.poll());
    this.every(250, () => this.primitives.killSwitch.checkWatchdogs());
    this.every(STATS_PERIOD_MS, () => this.sample());
    await this.waitFor(() => this.venues.every((v) => v.isConnected && v.lastPriceAt > 0), 5_000);
  }

  /** Starts the order flow workers and the watchdog on them. */
  async startFlow(): Promise<void> {
    this.watchdog = this.primitives.killSwitch.watchdog('order-flow', this.config.watchdogMs);
    this.loopsAtFlowStart = this.readLoops();
    this.flowing = true;
    await this.flow.start();
  }

  /** Stops the order flow (and its watchdog: a deliberate stop is not a dead flow). */
  async stopFlow(): Promise<void> {
    this.flowing = false;
    await this.flow.stop();
    this.watchdog?.dispose();
    this.watchdog = undefined;
  }

  /**
   * Mean event-loop utilisation (0 to 1) of the pipeline's thread and of the venues' thread since
   * the order flow started (`undefined` before it started; `exchange` is `undefined` when the
   * venues run in this thread).
   */
  eventLoopSinceFlowStart(): { main: number; exchange: number | undefined } | undefined {
    const start = this.loopsAtFlowStart;
    return start === undefined ? undefined : loadBetween(start, this.readLoops());
  }

  private readLoops(): LoopReadings {
    return { main: performance.eventLoopUtilization(), exchange: this.host.eventLoopUtilization() };
  }

  /** Accepted orders without a final outcome yet. */
  get outstanding(): number {
    return this.venues.reduce((n, v) => n + v.outstanding, 0);
  }

  /** Waits until every accepted order has an outcome, or `timeoutMs` passed. */
  drain(timeoutMs: number): Promise<boolean> {
    return this.waitFor(() => this.outstanding === 0, timeoutMs);
  }

  /** Injects a fault into a venue. */
  injectFault(venue: number, fault: FaultSpec): void {
    this.note(
      this.config.venues[venue] ?? `venue ${venue}`,
      'fault',
      `${fault.kind} ${fault.durationMs} ms`,
    );
    this.host.inject(venue, fault);
  }

  /** Records an operator action (mutating endpoint) in the app's audit log. */
  audit(entry: Omit<OperatorAuditEntry, 'at'>): void {
    this.operatorAudit.push({ at: systemClock.now(), ...entry });
    if (this.operatorAudit.length > 500) this.operatorAudit.shift();
  }

  /** Everything the dashboard shows. */
  snapshot(): DashboardState {
    return buildDashboardState(this);
  }

  /** Venue status straight from the simulated exchange. */
  venueStatus(): ReturnType<ExchangeHost['status']> {
    return this.host.status();
  }

  /** Whether the order flow is running. */
  get isFlowing(): boolean {
    return this.flowing;
  }

  /** Stops everything: flow workers, timers, connections, venues. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopFlow();
    for (const t of this.timers) clearInterval(t);
    this.globalHold?.dispose();
    this.feedHold?.dispose();
    for (const v of this.venues) v.close();
    await this.host.stop();
  }

  private onBatch(batch: Float64Array): void {
    if (!this.flowing) return;
    const { engine } = this.primitives;
    const req = this.req;
    const stats = this.stats;
    const hist = this.checkLatency;
    const instruments = this.config.instruments;
    for (let k = 0; k < batch.length; k += ORDER_FIELDS) {
      const i = batch[k + ORDER_FIELD.instrument]!;
      const buy = batch[k + ORDER_FIELD.side] === 0;
      req.clientId = ++this.nextClientId;
      req.instrument = i;
      req.strategy = batch[k + ORDER_FIELD.strategy]!;
      req.side = buy ? 'buy' : 'sell';
      req.qty = batch[k + ORDER_FIELD.qty]!;
      req.price = batch[k + ORDER_FIELD.price]!;
      const t0 = performance.now();
      const d = engine.check(req);
      hist.record((performance.now() - t0) * 1e6);
      stats.sent += 1;
      if (!d.ok) {
        stats.deny(d.code);
        continue;
      }
      stats.accepted += 1;
      const now = systemClock.now();
      this.venues[instruments[i]!.venue]!.submit({
        id: req.clientId,
        instrument: i,
        side: buy ? 1 : -1,
        qty: req.qty,
        price: req.price,
        reservation: d.reservation,
        permit: d.permit,
        createdAt: batch[k + ORDER_FIELD.createdAt]!,
        sentAt: now,
        reported: false,
      });
    }
    this.rollClientIdsIfDue();
    this.watchdog?.beat();
  }

  /**
   * Rolls the engine's client-id session every `clientIds.rollMs`, or once this session issued
   * `rollAtFill x capacity` ids, so the current table never fills and the demo trades
   * indefinitely. Checks run on this thread only, so no check overlaps a roll here.
   */
  private rollClientIdsIfDue(): void {
    const { capacity, rollMs, rollAtFill } = this.config.clientIds;
    const now = systemClock.now();
    if (this.nextClientId - this.idsAtRoll < rollAtFill * capacity && now - this.rolledAt < rollMs)
      return;
    if (this.primitives.engine.rollClientIds()) this.clientIdRolls += 1;
    this.idsAtRoll = this.nextClientId;
    this.rolledAt = now;
  }

  /**
   * Breaker polling: a venue whose breaker is not closed gets a health probe under a breaker
   * permit, so breakers recover even while no order reaches them (the global breaker or the kill
   * switch denies every order before the venue permit is taken); the global breaker and stale
   * feeds drive kill switch holds; position skew goes to the flow workers.
   */
  private poll(): void {
    const { globalBreaker, killSwitch, breakers } = this.primitives;
    breakers.forEach((breaker, v) => {
      const venue = this.venues[v]!;
      // Probe a venue whose breaker is not closed, or whose link is down (so an outage is
      // detected even when no order is on its way there).
      if ((breaker.state === 'closed' && venue.isConnected) || this.probing.has(v)) return;
      const permit = breaker.tryAcquire();
      if (permit < 0) return;
      this.probing.add(v);
      const t0 = systemClock.now();
      void venue.probe().then((up) => {
        this.probing.delete(v);
        const ms = systemClock.now() - t0;
        if (up) breaker.onSuccess(permit, ms);
        else breaker.onFailure(permit, ms);
      });
    });
    const g = globalBreaker.state;
    if (g !== this.lastGlobal) {
      this.note('global breaker', this.lastGlobal, g);
      this.lastGlobal = g;
    }
    if (g === 'open' && this.globalHold === undefined) {
      this.globalHold = killSwitch.hold('global-breaker', 'reducing');
    } else if (g !== 'open' && this.globalHold !== undefined) {
      this.globalHold.dispose();
      this.globalHold = undefined;
    }
    const now = systemClock.now();
    const maxAge = Math.max(...this.config.instruments.map((i) => i.maxPriceAgeMs));
    // Before its first price a venue is starting, not stale (connect() waits for every first price).
    const allStale = this.venues.every((v) => v.lastPriceAt > 0 && now - v.lastPriceAt > maxAge);
    if (allStale && this.feedHold === undefined)
      this.feedHold = killSwitch.hold('feed-stale', 'reducing');
    else if (!allStale && this.feedHold !== undefined) {
      this.feedHold.dispose();
      this.feedHold = undefined;
    }
    const level = killSwitch.level;
    if (level !== this.lastLevel) {
      this.note('kill switch', this.lastLevel, level);
      this.lastLevel = level;
    }
    this.config.instruments.forEach((inst, i) => {
      this.flow.skew[i] = Math.max(
        -1,
        Math.min(1, (this.ledger.position[i] ?? 0) / inst.maxPosition),
      );
    });
  }

  private sample(): void {
    const s = this.stats;
    this.ordersPerSec = s.sent - this.last.sent;
    this.acceptedPerSec = s.accepted - this.last.accepted;
    this.filledPerSec = s.filled - this.last.filled;
    this.last = { sent: s.sent, accepted: s.accepted, filled: s.filled };
    const loops = this.readLoops();
    this.eventLoop = loadBetween(this.loopsAtSample, loops);
    this.loopsAtSample = loops;
  }

  private note(source: string, from: string, to: string, cause?: string): void {
    this.timeline.push({
      at: systemClock.now(),
      source,
      from,
      to,
      ...(cause === undefined ? {} : { cause }),
    });
    if (this.timeline.length > 1_000) this.timeline.shift();
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  private waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const deadline = Date.now() + timeoutMs;
      const check = (): void => {
        if (done()) resolve(true);
        else if (Date.now() >= deadline) resolve(false);
        else setTimeout(check, 20);
      };
      check();
    });
  }
}

/** `performance.eventLoopUtilization()` of the pipeline's thread and of the venues' thread. */
interface LoopReadings {
  readonly main: EventLoopUtilization;
  readonly exchange: EventLoopUtilization | undefined;
}

/** Utilisation (0 to 1) of each event loop between two readings. */
function loadBetween(
  from: LoopReadings,
  to: LoopReadings,
): { main: number; exchange: number | undefined } {
  return {
    main: utilisationBetween(from.main, to.main),
    exchange:
      from.exchange === undefined || to.exchange === undefined
        ? undefined
        : utilisationBetween(from.exchange, to.exchange),
  };
}

/** Event-loop utilisation between two readings of one thread (0 when no time passed). */
function utilisationBetween(from: EventLoopUtilization, to: EventLoopUtilization): number {
  const active = to.active - from.active;
  const idle = to.idle - from.idle;
  return active + idle > 0 ? active / (active + idle) : 0;
}
