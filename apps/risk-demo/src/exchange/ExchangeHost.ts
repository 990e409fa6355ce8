import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../workers/startTsWorker.js';
import type { FaultSpec } from './faults.js';
import { SimulatedExchange, type VenueInstrument, type VenueStatus } from './SimulatedExchange.js';

/** One venue to host. */
export interface HostedVenue {
  readonly name: string;
  readonly instruments: readonly VenueInstrument[];
  /** Venue processing time per report, ms. */
  readonly responseDelayMs?: number;
}

/** Where the simulated venues run: this thread or a worker thread of their own. */
export interface ExchangeHost {
  /** Starts every venue; resolves with their WebSocket URLs, in order. */
  start(): Promise<string[]>;
  inject(venue: number, fault: FaultSpec): void;
  status(): Promise<VenueStatus[]>;
  stop(): Promise<void>;
  /**
   * The venues' thread's event-loop utilisation so far (`performance.eventLoopUtilization()` of
   * that thread), or `undefined` when the venues share the caller's thread.
   */
  eventLoopUtilization(): EventLoopUtilization | undefined;
}

/** Messages to the exchange worker. */
export type ExchangeCommand =
  { t: 'fault'; venue: number; fault: FaultSpec } | { t: 'status'; id: number } | { t: 'stop' };
/** Messages from the exchange worker. */
export type ExchangeEvent =
  | { t: 'ready'; urls: string[] }
  | { t: 'status'; id: number; status: VenueStatus[] }
  | { t: 'stopped' };

/** Venues in the calling thread (tests). */
export class InProcessExchangeHost implements ExchangeHost {
  readonly exchanges: SimulatedExchange[];

  constructor(venues: readonly HostedVenue[]) {
    this.exchanges = venues.map((v) => new SimulatedExchange(v));
  }

  async start(): Promise<string[]> {
    await Promise.all(this.exchanges.map((e) => e.start()));
    return this.exchanges.map((e) => e.wsUrl);
  }

  inject(venue: number, fault: FaultSpec): void {
    this.exchanges[venue]?.inject(fault);
  }

  status(): Promise<VenueStatus[]> {
    return Promise.resolve(this.exchanges.map((e) => e.status()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.exchanges.map((e) => e.stop()));
  }

  eventLoopUtilization(): undefined {
    return undefined;
  }
}

/** Venues in a worker thread of their own, so the exchange does not share the pipeline's core. */
export class WorkerExchangeHost implements ExchangeHost {
  private worker: Worker | undefined;
  private readonly venues: readonly HostedVenue[];
  private nextId = 0;
  private readonly waiting = new Map<number, (s: VenueStatus[]) => void>();

  constructor(venues: readonly HostedVenue[]) {
    this.venues = venues;
  }

  start(): Promise<string[]> {
    const worker = startTsWorker(new URL('./exchangeWorker.ts', import.meta.url), {
      workerData: this.venues,
    });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: ExchangeEvent) => {
        if (m.t === 'ready') resolve(m.urls);
        else if (m.t === 'status') {
          this.waiting.get(m.id)?.(m.status);
          this.waiting.delete(m.id);
        }
      });
    });
  }

  inject(venue: number, fault: FaultSpec): void {
    this.post({ t: 'fault', venue, fault });
  }

  status(): Promise<VenueStatus[]> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.post({ t: 'status', id });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ t: 'stop' } satisfies ExchangeCommand);
    const timer = setTimeout(() => void worker.terminate(), 2_000);
    await exited;
    clearTimeout(timer);
  }

  eventLoopUtilization(): EventLoopUtilization | undefined {
    return this.worker?.performance.eventLoopUtilization();
  }

  private post(c: ExchangeCommand): void {
    this.worker?.postMessage(c);
  }
}
