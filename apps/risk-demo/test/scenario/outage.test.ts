import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskDemo, formatReport, runOutageScenario, type OutageReport } from '@tripwire/risk-demo';

// The scripted outage, shortened: 6 s of order flow with venue-a down for 1.5 s in the middle.
// Outcomes are asserted (the breaker opened, it closed again after the venue returned, nothing
// accepted was lost), never how long anything took.
describe('outage scenario', () => {
  let demo: RiskDemo;
  let report: OutageReport;

  beforeAll(async () => {
    demo = await RiskDemo.start({ ratePerSec: 8_000 });
    report = await runOutageScenario(demo, { seconds: 6 });
  }, 40_000);

  afterAll(async () => {
    await demo.close();
  });

  it('detects the outage: the venue breaker opened after the venue went down', () => {
    expect(report.detectMs, formatReport(report)).toBeGreaterThanOrEqual(0);
    expect(report.deniedByCode['VENUE_UNAVAILABLE']).toBeGreaterThan(0);
  });

  it('recovers: the venue breaker closed again after the venue returned', () => {
    expect(report.recoveryMs, formatReport(report)).toBeGreaterThanOrEqual(0);
    expect(demo.primitives.breakers[0]!.state).toBe('closed');
  });

  it('loses no accepted order: each one is filled, cancelled or rejected', () => {
    expect(report.accepted).toBeGreaterThan(0);
    expect(report.lost).toBe(0);
    expect(report.filled + report.cancelled + report.rejected).toBe(report.accepted);
    expect(demo.outstanding).toBe(0);
  });

  it('checks every order: sent = accepted + denied', () => {
    expect(report.sent).toBe(report.accepted + report.denied);
    expect(report.check.count).toBe(report.sent);
  });

  it('keeps trading on the other venues during the outage', () => {
    expect(report.otherVenuesFilledDuringOutage, formatReport(report)).toBeGreaterThan(0);
  });

  it('measures how busy the pipeline thread and the venues thread were while the flow ran', () => {
    // Both threads worked (orders were checked, sent, executed and reported), neither can be
    // more than fully busy; the venues run in a worker of their own by default.
    expect(report.eventLoop.main).toBeGreaterThan(0);
    expect(report.eventLoop.main).toBeLessThanOrEqual(1);
    expect(report.eventLoop.exchange).toBeGreaterThan(0);
    expect(report.eventLoop.exchange).toBeLessThanOrEqual(1);
    expect(formatReport(report)).toContain('event loops busy while the flow ran: pipeline ');
    expect(demo.snapshot().eventLoop.exchange).not.toBeNull();
  });

  it('prints the report with one JSON object on the last line', () => {
    const lines = formatReport(report).split('\n');
    const json = JSON.parse(lines.at(-1)!) as Record<string, number>;
    expect(Object.keys(json)).toEqual([
      'sent',
      'accepted',
      'denied',
      'lost',
      'ordersPerSec',
      'detectMs',
      'recoveryMs',
      'p50CheckNs',
      'p99CheckNs',
    ]);
    expect(json['lost']).toBe(0);
    expect(json['sent']).toBe(report.sent);
  });
});
