import { describe, expect, it } from 'vitest';
import { killSwitchMachine } from './killSwitchMachine.js';
import { ModelDriver } from './testing/ModelDriver.js';

function killSwitch(resetCooldownMs = 1_000) {
  const m = new ModelDriver(killSwitchMachine, { resetCooldownMs, now: 0 });
  return {
    m,
    trip: (level: 'active' | 'reducing' | 'halted', now: number) =>
      m.send({ type: 'TRIP', level, source: 'risk', reason: `trip ${level}`, now }),
    hold: (level: 'active' | 'reducing' | 'halted', now: number) =>
      m.send({ type: 'HOLD', source: 'feed', level, now }).context.lastResult as number,
    reset: (now: number, authorized = true) =>
      m.send({ type: 'RESET', operator: 'alice', authorized, reason: 'ok', now }).context
        .lastResult,
    watchdog: (timeoutMs: number, now: number) =>
      m.send({ type: 'WATCHDOG', name: 'feed', timeoutMs, now }).context.lastResult as number,
  };
}

describe('killSwitchMachine: DESIGN §4 pinned semantics', () => {
  it('starts active with nothing audited', () => {
    const k = killSwitch();
    expect(k.m.value).toBe('active');
    expect(k.m.context.audit).toEqual([]);
  });

  it('trip is latched and audited', () => {
    const k = killSwitch();
    k.trip('reducing', 5);
    expect(k.m.value).toBe('reducing');
    expect(k.m.context.lastTripAt).toBe(5);
    expect(k.m.context.audit).toEqual([
      {
        at: 5,
        action: 'trip',
        actor: 'risk',
        reason: 'trip reducing',
        from: 'active',
        to: 'reducing',
      },
    ]);
  });

  it('lower trip is recorded but changes nothing', () => {
    const k = killSwitch();
    k.trip('halted', 5);
    k.trip('reducing', 6);
    k.trip('halted', 7);
    expect(k.m.value).toBe('halted');
    expect(k.m.context.lastTripAt).toBe(5);
    expect(k.m.context.audit.map((e) => [e.action, e.from, e.to])).toEqual([
      ['trip', 'active', 'halted'],
      ['trip', 'halted', 'halted'],
      ['trip', 'halted', 'halted'],
    ]);
  });

  it('effective level is the maximum of latched and holds; last dispose lowers it without reset', () => {
    const k = killSwitch();
    const h1 = k.hold('reducing', 1);
    const h2 = k.hold('halted', 2);
    expect(k.m.value).toBe('halted');
    k.m.send({ type: 'DISPOSE', holdId: h2, now: 3 });
    expect(k.m.value).toBe('reducing');
    k.m.send({ type: 'DISPOSE', holdId: h2, now: 3 }); // already disposed: nothing
    expect(k.m.context.audit).toHaveLength(3);
    k.m.send({ type: 'DISPOSE', holdId: h1, now: 4 });
    expect(k.m.value).toBe('active');
    expect(k.m.context.audit.map((e) => e.action)).toEqual(['hold', 'hold', 'release', 'release']);
  });

  it('unauthorized reset is refused first', () => {
    const k = killSwitch();
    expect(k.reset(1, false)).toEqual({ ok: false, code: 'UNAUTHORIZED' });
    expect(k.m.context.audit.at(-1)).toMatchObject({ action: 'reset-refused', actor: 'alice' });
  });

  it('reset of an untripped switch is NOT_TRIPPED, even while held', () => {
    const k = killSwitch();
    k.hold('halted', 1);
    expect(k.reset(5_000)).toEqual({ ok: false, code: 'NOT_TRIPPED' });
  });

  it('reset within the cooldown is refused; at exactly the cooldown it succeeds', () => {
    const k = killSwitch(1_000);
    k.trip('halted', 100);
    expect(k.reset(1_099)).toEqual({ ok: false, code: 'COOLDOWN' });
    expect(k.m.value).toBe('halted');
    expect(k.reset(1_100)).toEqual({ ok: true });
    expect(k.m.value).toBe('active');
    expect(k.m.context.audit.map((e) => e.action)).toEqual(['trip', 'reset-refused', 'reset']);
  });

  it('reset clears latched trips only; holds stay', () => {
    const k = killSwitch(0);
    k.hold('reducing', 0);
    k.trip('halted', 0);
    expect(k.reset(0)).toEqual({ ok: true });
    expect(k.m.value).toBe('reducing');
  });

  it('watchdog expires at exactly timeoutMs on CHECK and halts until the next beat', () => {
    const k = killSwitch();
    const w = k.watchdog(100, 10);
    k.m.send({ type: 'CHECK', now: 109 });
    expect(k.m.value).toBe('active');
    k.m.send({ type: 'BEAT', watchdogId: w, now: 50 });
    k.m.send({ type: 'CHECK', now: 149 });
    expect(k.m.value).toBe('active');
    k.m.send({ type: 'CHECK', now: 150 });
    expect(k.m.value).toBe('halted');
    k.m.send({ type: 'CHECK', now: 151 });
    k.m.send({ type: 'BEAT', watchdogId: w, now: 160 });
    expect(k.m.value).toBe('active');
    expect(k.m.context.audit.map((e) => [e.action, e.actor, e.from, e.to])).toEqual([
      ['watchdog-expired', 'feed', 'active', 'halted'],
      ['watchdog-recovered', 'feed', 'halted', 'active'],
    ]);
  });

  it('watchdog expiry is evaluated only on CHECK, not on other events', () => {
    const k = killSwitch();
    k.watchdog(100, 0);
    k.hold('reducing', 500);
    expect(k.m.value).toBe('reducing');
  });

  it('disposing an expired watchdog releases its hold; disposing a live one changes nothing', () => {
    const k = killSwitch();
    const w1 = k.watchdog(10, 0);
    const w2 = k.watchdog(1_000, 0);
    k.m.send({ type: 'CHECK', now: 10 });
    expect(k.m.value).toBe('halted');
    k.m.send({ type: 'WATCHDOG_DISPOSE', watchdogId: w1, now: 11 });
    expect(k.m.value).toBe('active');
    k.m.send({ type: 'WATCHDOG_DISPOSE', watchdogId: w2, now: 12 });
    k.m.send({ type: 'WATCHDOG_DISPOSE', watchdogId: w2, now: 12 });
    k.m.send({ type: 'BEAT', watchdogId: w2, now: 13 });
    expect(k.m.context.watchdogs).toEqual([]);
    expect(k.m.context.audit.map((e) => e.action)).toEqual(['watchdog-expired', 'release']);
  });

  it('audit entries of holds, releases and watchdogs (decision 0102)', () => {
    const k = killSwitch();
    const h = k.hold('reducing', 1);
    k.m.send({ type: 'DISPOSE', holdId: h, now: 2 });
    const w = k.watchdog(5, 2);
    k.m.send({ type: 'CHECK', now: 7 });
    k.m.send({ type: 'WATCHDOG_DISPOSE', watchdogId: w, now: 8 });
    expect(k.m.context.audit).toEqual([
      { at: 1, action: 'hold', actor: 'feed', reason: 'reducing', from: 'active', to: 'reducing' },
      {
        at: 2,
        action: 'release',
        actor: 'feed',
        reason: 'reducing',
        from: 'reducing',
        to: 'active',
      },
      {
        at: 7,
        action: 'watchdog-expired',
        actor: 'feed',
        reason: 'no beat for 5 ms',
        from: 'active',
        to: 'halted',
      },
      {
        at: 8,
        action: 'release',
        actor: 'feed',
        reason: 'watchdog disposed',
        from: 'halted',
        to: 'active',
      },
    ]);
  });

  it('hold and watchdog ids are returned and never reused', () => {
    const k = killSwitch();
    expect(k.hold('active', 0)).toBe(1);
    expect(k.hold('active', 0)).toBe(2);
    expect(k.watchdog(5, 0)).toBe(1);
    expect(k.watchdog(5, 0)).toBe(2);
  });
});

describe('killSwitchMachine: several watchdogs', () => {
  it('a beat or expiry touches only its own watchdog', () => {
    const m = new ModelDriver(killSwitchMachine, { resetCooldownMs: 0, now: 0 });
    const a = m.send({ type: 'WATCHDOG', name: 'a', timeoutMs: 10, now: 0 }).context
      .lastResult as number;
    const b = m.send({ type: 'WATCHDOG', name: 'b', timeoutMs: 100, now: 0 }).context
      .lastResult as number;
    m.send({ type: 'BEAT', watchdogId: b, now: 5 });
    m.send({ type: 'CHECK', now: 10 });
    expect(m.context.watchdogs.map((w) => [w.name, w.lastBeat, w.expired])).toEqual([
      ['a', 0, true],
      ['b', 5, false],
    ]);
    m.send({ type: 'BEAT', watchdogId: a, now: 11 });
    expect(m.value).toBe('active');
    expect(m.context.watchdogs.map((w) => w.lastBeat)).toEqual([11, 5]);
  });
});
