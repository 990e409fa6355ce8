import { systemClock } from '@tripwire/clock';
import { FAULT } from '../exchange/faults.js';
import type { RiskDemo } from '../app/RiskDemo.js';
import { summarize, type LatencySummary } from '../app/dashboardState.js';

/** Options of {@link runOutageScenario}. */
export interface OutageScenarioOptions {
  /** Whole scenario length in seconds (flow running). */
  readonly seconds: number;
  /** Venue index that goes down. @defaultValue 0 */
  readonly venue?: number;
  /** Max wait for outstanding orders after the flow stops. @defaultValue 5_000 */
  readonly drainMs?: number;
  /**
   * Max wait, after the flow stopped, for the venue breaker to close if it has not yet (its
   * health probes go on without orders), so a short scenario still measures recovery.
   * @defaultValue 10_000
   */
  readonly recoveryWaitMs?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** The outcome of the outage scenario. */
export interface OutageReport {
  readonly seconds: number;
  readonly venue: string;
  readonly sent: number;
  readonly accepted: number;
  readonly denied: number;
  readonly deniedByCode: Record<string, number>;
  readonly filled: number;
  readonly cancelled: number;
  readonly rejected: number;
  readonly notSent: number;
  readonly reconciled: number;
  /** Accepted orders without a final outcome after the drain: must be 0. */
  readonly lost: number;
  readonly ordersPerSec: number;
  /** Outage start to the venue breaker opening (ms); -1 if it never opened. */
  readonly detectMs: number;
  /** The venue's return to its breaker closing again (ms); -1 if it never closed. */
  readonly recoveryMs: number;
  readonly outageMs: number;
  /**
   * Orders filled on the other venues while this one was out of trading: from the outage until
   * its breaker closed again (or the flow stopped).
   */
  readonly otherVenuesFilledDuringOutage: number;
  readonly check: LatencySummary;
  readonly e2e: LatencySummary;
  /**
   * Mean event-loop utilisation (0 to 1) while the flow ran: the pipeline's thread and the
   * venues' thread (`undefined` when the venues run in the pipeline's thread).
   */
  readonly eventLoop: { readonly main: number; readonly exchange: number | undefined };
  readonly implementations: Record<string, string>;
  /** Kill switch and global breaker changes, and the kill switch's audit of holds and trips. */
  readonly events: readonly string[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the scripted outage on a started demo: warm-up (30 % of the time), an outage of one
 * venue (25 %), then trading on until the end; stops the flow, drains, and measures detection,
 * recovery and loss from the demo's timeline and counters.
 */
export async function runOutageScenario(
  demo: RiskDemo,
  options: OutageScenarioOptions,
): Promise<OutageReport> {
  const log = options.log ?? (() => undefined);
  const venue = options.venue ?? 0;
  const name = demo.config.venues[venue] ?? `venue ${venue}`;
  const totalMs = options.seconds * 1000;
  const warmupMs = Math.max(1_000, Math.round(totalMs * 0.3));
  const outageMs = Math.max(1_000, Math.round(totalMs * 0.25));
  const started = systemClock.now();
  await demo.startFlow();
  log(`order flow started; outage of ${name} at +${warmupMs} ms for ${outageMs} ms`);
  await sleep(warmupMs);
  const othersFilled = (): number =>
    demo.venues.reduce((n, v, k) => (k === venue ? n : n + v.filled), 0);
  const outageAt = systemClock.now();
  const returnAt = outageAt + outageMs;
  // Detection and recovery are taken from the venue breaker's own events, not from the
  // dashboard's timeline: that keeps only the last 1,000 events, and a run with many transitions
  // would push these two out of it.
  let openedAt: number | undefined;
  let closedAt: number | undefined;
  const unsubscribe = demo.primitives.breakers[venue]!.subscribe((e) => {
    if (openedAt === undefined && e.to === 'open' && e.at >= outageAt) openedAt = e.at;
    if (closedAt === undefined && e.to === 'closed' && e.at >= returnAt) closedAt = e.at;
  });
  const filledBefore = othersFilled();
  demo.injectFault(venue, { kind: FAULT.outage, durationMs: outageMs });
  await sleep(outageMs);
  const closedAfterReturn = () => closedAt;
  let othersAtRecovery: number | undefined;
  log(`${name} is back; trading on until +${totalMs} ms`);
  while (systemClock.now() < started + totalMs) {
    await sleep(Math.min(20, Math.max(0, started + totalMs - systemClock.now())));
    if (othersAtRecovery === undefined && closedAfterReturn() !== undefined) {
      othersAtRecovery = othersFilled();
    }
  }
  const otherVenuesFilledDuringOutage = (othersAtRecovery ?? othersFilled()) - filledBefore;
  const eventLoop = demo.eventLoopSinceFlowStart() ?? { main: 0, exchange: undefined };
  await demo.stopFlow();
  const flowMs = systemClock.now() - started;
  log('order flow stopped; draining outstanding orders');
  await demo.drain(options.drainMs ?? 5_000);
  const waitUntil = Date.now() + (options.recoveryWaitMs ?? 10_000);
  while (closedAfterReturn() === undefined && Date.now() < waitUntil) await sleep(20);
  unsubscribe();
  const s = demo.stats;
  return {
    seconds: options.seconds,
    venue: name,
    sent: s.sent,
    accepted: s.accepted,
    denied: s.denied,
    deniedByCode: s.deniedObject(),
    filled: s.filled,
    cancelled: s.cancelled,
    rejected: s.rejected,
    notSent: s.notSent,
    reconciled: s.reconciled,
    lost: s.accepted - s.settled,
    ordersPerSec: Math.round(s.sent / (flowMs / 1000)),
    detectMs: openedAt === undefined ? -1 : Math.round(openedAt - outageAt),
    recoveryMs: closedAt === undefined ? -1 : Math.round(closedAt - returnAt),
    outageMs,
    otherVenuesFilledDuringOutage,
    check: summarize(demo.checkLatency),
    e2e: summarize(demo.e2eLatency),
    eventLoop,
    implementations: demo.snapshot().implementations,
    events: demo.timeline
      .filter(
        (e) =>
          e.source === 'kill switch' ||
          e.source === 'global breaker' ||
          (demo.config.venues.includes(e.source) && e.to === 'open'),
      )
      .map(
        (e) =>
          `+${Math.round(e.at - started)} ms ${e.source}: ${e.from} -> ${e.to}${e.cause === undefined ? '' : ` (${e.cause})`}`,
      )
      .concat(
        demo.primitives.killSwitch
          .audit()
          .map((a) => describeAudit(a, started))
          .filter((line) => line !== ''),
      ),
  };
}

function describeAudit(entry: unknown, started: number): string {
  if (typeof entry !== 'object' || entry === null) return '';
  const e = entry as Record<string, unknown>;
  const at = typeof e['at'] === 'number' ? `+${Math.round(e['at'] - started)} ms ` : '';
  return `${at}kill switch audit: ${String(e['action'])} by ${String(e['actor'])} (${String(e['reason'])}) ${String(e['from'])} -> ${String(e['to'])}`;
}
