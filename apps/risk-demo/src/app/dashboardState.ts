import { systemClock } from '@tripwire/clock';
import type { HistogramPort } from '../primitives/ports.js';
import type { OperatorAuditEntry, RiskDemo, TimelineEvent } from './RiskDemo.js';

/** Percentiles of one latency histogram, in ns. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly p9999: number;
  readonly max: number;
}

/** What the dashboard receives on every push (and `GET /api/state` returns). */
export interface DashboardState {
  readonly at: number;
  readonly uptimeMs: number;
  readonly flowing: boolean;
  readonly implementations: Record<string, string>;
  readonly throughput: { ordersPerSec: number; acceptedPerSec: number; filledPerSec: number };
  /**
   * Event-loop utilisation (0 to 1) over the last full second of the pipeline's thread and of
   * the venues' thread (`null` when the venues run in the pipeline's thread).
   */
  readonly eventLoop: { main: number; exchange: number | null };
  readonly counts: {
    sent: number;
    accepted: number;
    denied: number;
    filled: number;
    cancelled: number;
    rejected: number;
    notSent: number;
    reconciled: number;
    outstanding: number;
    lost: number;
  };
  readonly deniedByCode: Record<string, number>;
  readonly latency: { check: LatencySummary; e2e: LatencySummary };
  readonly venues: readonly {
    name: string;
    breaker: string;
    connected: boolean;
    feedAgeMs: number;
    outstanding: number;
  }[];
  readonly globalBreaker: string;
  readonly killSwitch: string;
  readonly diagrams: Record<string, { state: string; svg: string }>;
  readonly positions: readonly {
    symbol: string;
    venue: string;
    position: number;
    maxPosition: number;
    utilisation: number;
    price: number;
    pnl: number;
  }[];
  readonly pnl: number;
  readonly drawdown: number;
  readonly timeline: readonly TimelineEvent[];
  readonly killSwitchAudit: readonly unknown[];
  readonly operatorAudit: readonly OperatorAuditEntry[];
}

/** Percentile summary of a histogram. */
export function summarize(h: HistogramPort): LatencySummary {
  return {
    count: h.count,
    p50: h.percentile(50),
    p90: h.percentile(90),
    p99: h.percentile(99),
    p999: h.percentile(99.9),
    p9999: h.percentile(99.99),
    max: h.percentile(100),
  };
}

/** Builds the dashboard state from the running demo. */
export function buildDashboardState(demo: RiskDemo): DashboardState {
  const now = systemClock.now();
  const { primitives, config, stats, ledger } = demo;
  const outstanding = demo.outstanding;
  const diagrams: Record<string, { state: string; svg: string }> = {};
  demo.venues.forEach((v, k) => {
    const state = primitives.breakers[k]!.state;
    diagrams[v.name] = { state, svg: demo.diagrams.render('breaker', state) };
  });
  const g = primitives.globalBreaker.state;
  diagrams['global'] = { state: g, svg: demo.diagrams.render('global', g) };
  const level = primitives.killSwitch.level;
  diagrams['kill-switch'] = { state: level, svg: demo.diagrams.render('kill-switch', level) };
  const { pnl, drawdown } = ledger.pnl();
  return {
    at: now,
    uptimeMs: now - demo.startedAt,
    flowing: demo.isFlowing,
    implementations: {
      ...primitives.implementations,
      diagrams: demo.diagrams.implementation,
    },
    throughput: {
      ordersPerSec: demo.ordersPerSec,
      acceptedPerSec: demo.acceptedPerSec,
      filledPerSec: demo.filledPerSec,
    },
    eventLoop: { main: demo.eventLoop.main, exchange: demo.eventLoop.exchange ?? null },
    counts: {
      sent: stats.sent,
      accepted: stats.accepted,
      denied: stats.denied,
      filled: stats.filled,
      cancelled: stats.cancelled,
      rejected: stats.rejected,
      notSent: stats.notSent,
      reconciled: stats.reconciled,
      outstanding,
      lost: stats.accepted - stats.settled - outstanding,
    },
    deniedByCode: stats.deniedObject(),
    latency: { check: summarize(demo.checkLatency), e2e: summarize(demo.e2eLatency) },
    venues: demo.venues.map((v, k) => ({
      name: v.name,
      breaker: primitives.breakers[k]!.state,
      connected: v.isConnected,
      feedAgeMs: v.lastPriceAt === 0 ? -1 : now - v.lastPriceAt,
      outstanding: v.outstanding,
    })),
    globalBreaker: g,
    killSwitch: level,
    diagrams,
    positions: config.instruments.map((inst, i) => {
      const position = ledger.position[i] ?? 0;
      return {
        symbol: inst.symbol,
        venue: config.venues[inst.venue] ?? '',
        position,
        maxPosition: inst.maxPosition,
        utilisation: Math.abs(position) / inst.maxPosition,
        price: ledger.price[i] ?? 0,
        pnl: ledger.pnlOf(i),
      };
    }),
    pnl,
    drawdown,
    timeline: demo.timeline.slice(-30),
    killSwitchAudit: primitives.killSwitch.audit().slice(-15),
    operatorAudit: demo.operatorAudit.slice(-15),
  };
}
