// Integration with the real sibling packages (DESIGN §3, §4): the structural types the engine
// declares (KillSwitchLike, VenueBreakerLike, GlobalBreakerLike) accept the real classes.
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, GlobalBreaker } from '@tripwire/circuit-breaker';
import { ManualClock } from '@tripwire/clock';
import { KillSwitch } from '@tripwire/kill-switch';
import { LatencyHistogram } from '@tripwire/latency';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);

function real() {
  const clock = new ManualClock(1_000);
  const killSwitch = new KillSwitch({ clock, secret: 'ops-secret' });
  const venues = [0, 1, 2].map(() => new CircuitBreaker({ clock }));
  const globalBreaker = new GlobalBreaker(venues, { openFraction: 0.5, minComponents: 3 });
  const base = rig().options;
  const engine = new RiskEngine({
    ...base,
    clock,
    killSwitch,
    globalBreaker,
    venues: venues.map((breaker, i) => ({ name: `venue-${i}`, breaker })),
  });
  engine.updatePrice(0, 50_000);
  engine.updatePrice(1, 2_500);
  return { clock, killSwitch, venues, globalBreaker, engine };
}

describe('RiskEngine with the real KillSwitch, CircuitBreaker and GlobalBreaker', () => {
  it('a pass carries a real venue permit that the breaker accepts', () => {
    const { engine, venues } = real();
    const d = engine.check(order({ qty: 1 }));
    expect(d.ok).toBe(true);
    if (d.ok) expect(venues[0]!.onSuccess(d.permit)).toBe('recorded');
  });

  it('an isolated venue breaker gives VENUE_UNAVAILABLE and no reservation is left behind', () => {
    const { engine, venues } = real();
    const hold = venues[0]!.isolate();
    expect(code(engine.check(order({ qty: 1 })))).toBe('VENUE_UNAVAILABLE');
    expect(engine.snapshot().workingOrders).toBe(0);
    hold.dispose();
  });

  it('the global breaker open (2 of 3 venues isolated) gives GLOBAL_BREAKER_OPEN', () => {
    const { engine, venues } = real();
    venues[1]!.isolate();
    venues[2]!.isolate();
    expect(code(engine.check(order({ qty: 1 })))).toBe('GLOBAL_BREAKER_OPEN');
  });

  it('a loss trips the real kill switch: soft -> reducing, hard -> halted, source loss, latched', () => {
    const { engine, killSwitch } = real();
    const d = engine.check(order({ qty: 5 }));
    if (d.ok) engine.onFill(d.reservation, 5, 50_000);
    engine.updatePrice(0, 46_800); // loss 16,000 = 0.8 x 20,000
    expect(killSwitch.level).toBe('reducing');
    expect(code(engine.check(order({ instrument: 1, qty: 1, price: 2_500 })))).toBe('REDUCE_ONLY');
    expect(code(engine.check(order({ side: 'sell', qty: 1, price: 46_800 })))).toBe('OK'); // exit allowed
    engine.updatePrice(0, 46_000); // loss 20,000
    expect(killSwitch.level).toBe('halted');
    expect(code(engine.check(order({ side: 'sell', qty: 1, price: 46_000 })))).toBe('KILL_SWITCH');
    const trips = killSwitch.audit().filter((e) => e.actor === 'loss');
    expect(trips.map((e) => [e.action, e.from, e.to])).toEqual([
      ['trip', 'active', 'reducing'],
      ['trip', 'reducing', 'halted'],
    ]);
  });
});

describe('check latency into the real LatencyHistogram', () => {
  it('records one value per check (pass or denial)', () => {
    const histogram = new LatencyHistogram();
    const r = rig({ checkLatency: histogram });
    const engine = new RiskEngine(r.options);
    engine.updatePrice(0, 50_000);
    engine.check(order({ qty: 1 }));
    engine.check(order({ qty: Number.NaN }));
    expect(histogram.count).toBe(2);
  });
});
