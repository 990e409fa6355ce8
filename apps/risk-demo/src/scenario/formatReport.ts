import type { OutageReport } from './runOutageScenario.js';

const ns = (v: number): string =>
  v >= 1e6
    ? `${(v / 1e6).toFixed(2)} ms`
    : v >= 1e3
      ? `${(v / 1e3).toFixed(2)} µs`
      : `${Math.round(v)} ns`;

const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

/**
 * The outage report as printed by `npm start -- --scenario outage`: readable lines, then one
 * JSON object on the last line.
 */
export function formatReport(r: OutageReport): string {
  const lines = [
    `outage scenario: ${r.seconds} s, ${r.venue} down for ${r.outageMs} ms`,
    `orders sent ${r.sent}, accepted ${r.accepted}, denied ${r.denied} (${r.ordersPerSec} orders/s)`,
    `denied by code: ${
      Object.entries(r.deniedByCode)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
    `accepted orders: filled ${r.filled}, cancelled ${r.cancelled} (of which not sent while the venue was down ${r.notSent}), rejected ${r.rejected}; settled by reconciliation ${r.reconciled}`,
    `accepted orders lost: ${r.lost}`,
    `orders filled on the other venues while ${r.venue} was out: ${r.otherVenuesFilledDuringOutage}`,
    `check latency: p50 ${ns(r.check.p50)}, p99 ${ns(r.check.p99)}, p99.9 ${ns(r.check.p999)} (${r.check.count} checks)`,
    `end-to-end latency: p50 ${ns(r.e2e.p50)}, p99 ${ns(r.e2e.p99)}, p99.9 ${ns(r.e2e.p999)}`,
    `event loops busy while the flow ran: pipeline ${pct(r.eventLoop.main)}, venues ${
      r.eventLoop.exchange === undefined ? 'in the pipeline thread' : pct(r.eventLoop.exchange)
    }`,
    `time to detect the outage (breaker open): ${r.detectMs} ms`,
    `time from the venue's return to trading again (breaker closed): ${r.recoveryMs} ms (target < 5000 ms)`,
    ...r.events.slice(0, 20),
    ...Object.entries(r.implementations)
      .filter(([, v]) => v.startsWith('stand-in'))
      .map(([k, v]) => `note: ${k} is a ${v}`),
    JSON.stringify({
      sent: r.sent,
      accepted: r.accepted,
      denied: r.denied,
      lost: r.lost,
      ordersPerSec: r.ordersPerSec,
      detectMs: r.detectMs,
      recoveryMs: r.recoveryMs,
      p50CheckNs: Math.round(r.check.p50),
      p99CheckNs: Math.round(r.check.p99),
    }),
  ];
  return lines.join('\n');
}
