// Model-based commands: every command runs on the implementation and on killSwitchMachine with
// the same `now`, then the whole observable state is compared (level, latched, holds, expired
// watchdogs, lastTripAt, allows, the reset outcome, and the full audit log).
import fc from 'fast-check';
import { expect } from 'vitest';
import { ManualClock } from '@tripwire/clock';
import {
  KillSwitch,
  type Hold,
  type KillSwitchLevel,
  type ResetResult,
  type Watchdog,
} from '@tripwire/kill-switch';
import { ModelDriver, killSwitchMachine } from '@tripwire/models';

export const SECRET = 'model-secret';
export const COOLDOWN_MS = 1_000;

/** The implementation side: a kill switch, its clock, and the handles the model knows by id. */
export interface Real {
  /** The instance the test created; `other` is attached to its buffer. */
  readonly ks: KillSwitch;
  readonly other: KillSwitch;
  /** Commands alternate between `ks` and `other`: one kill switch seen through two instances. */
  turn: number;
  readonly clock: ManualClock;
  readonly holds: Map<number, Hold>;
  readonly watchdogs: Map<number, Watchdog>;
}

/** The model side. */
export interface Model {
  readonly m: ModelDriver<typeof killSwitchMachine>;
  holdIds: number[];
  watchdogIds: number[];
}

type Cmd = fc.Command<Model, Real>;

/** The instance the next command acts through. */
function next(real: Real): KillSwitch {
  real.turn++;
  return (real.turn & 1) === 0 ? real.ks : real.other;
}

const LEVELS = ['active', 'reducing', 'halted'] as const;
const level = fc.constantFrom<KillSwitchLevel>(...LEVELS);
const actor = fc.constantFrom('ops', 'loss', 'feed', 'breaker', 'ü-日本');
const reason = fc.constantFrom('', 'limit', 'manual stop');

function compare(model: Model, real: Real): void {
  const c = model.m.context;
  const snap = real.ks.snapshot();
  const count = (l: KillSwitchLevel) => c.holds.filter((h) => h.level === l).length;
  expect(snap).toEqual({
    level: model.m.value,
    latched: c.latched,
    holds: { reducing: count('reducing'), halted: count('halted') },
    expiredWatchdogs: c.watchdogs.filter((w) => w.expired).length,
    lastTripAt: c.lastTripAt,
  });
  expect(real.ks.allows('increase')).toBe(model.m.value === 'active');
  expect(real.ks.allows('reduce')).toBe(model.m.value !== 'halted');
  const audit = real.ks.audit().map(({ at, action, actor, reason, from, to }) => ({
    at,
    action,
    actor,
    reason,
    from,
    to,
  }));
  expect(audit).toEqual(c.audit);
}

/** A command from a label, a precondition and a step (no classes: erasable syntax only). */
function command(
  label: string,
  run: (model: Model, real: Real) => void,
  check: (model: Readonly<Model>) => boolean = () => true,
): Cmd {
  return { check, run, toString: () => label };
}

const pickId = (ids: readonly number[], pick: number) => ids[pick % ids.length] as number;

function trip(l: KillSwitchLevel, source: string, why: string): Cmd {
  return command(`trip(${l},${source})`, (model, real) => {
    const now = real.clock.now();
    model.m.send({ type: 'TRIP', level: l, source, reason: why, now });
    next(real).trip({ level: l, source, reason: why });
    compare(model, real);
  });
}

function hold(source: string, l: KillSwitchLevel): Cmd {
  return command(`hold(${source},${l})`, (model, real) => {
    model.m.send({ type: 'HOLD', source, level: l, now: real.clock.now() });
    const id = model.m.context.lastResult as number;
    model.holdIds.push(id);
    real.holds.set(id, next(real).hold(source, l));
    compare(model, real);
  });
}

function dispose(pick: number): Cmd {
  return command(
    `dispose(#${pick})`,
    (model, real) => {
      const id = pickId(model.holdIds, pick);
      model.m.send({ type: 'DISPOSE', holdId: id, now: real.clock.now() });
      real.holds.get(id)?.dispose(); // a second dispose of the same hold is a no-op on both sides
      compare(model, real);
    },
    (model) => model.holdIds.length > 0,
  );
}

function reset(operator: string, good: boolean, why: string): Cmd {
  return command(`reset(${operator},${good ? 'good' : 'bad'})`, (model, real) => {
    const now = real.clock.now();
    model.m.send({ type: 'RESET', operator, authorized: good, reason: why, now });
    const result: ResetResult = next(real).reset({
      operator,
      token: good ? SECRET : 'wrong',
      reason: why,
    });
    expect(result).toEqual(model.m.context.lastResult);
    compare(model, real);
  });
}

function advance(ms: number): Cmd {
  return command(`advance(${ms})`, (_model, real) => {
    real.clock.advance(ms);
  });
}

function watchdog(name: string, timeoutMs: number): Cmd {
  return command(
    `watchdog(${name},${timeoutMs})`,
    (model, real) => {
      model.m.send({ type: 'WATCHDOG', name, timeoutMs, now: real.clock.now() });
      const id = model.m.context.lastResult as number;
      model.watchdogIds.push(id);
      real.watchdogs.set(id, next(real).watchdog(name, timeoutMs));
      compare(model, real);
    },
    // The implementation's slot budget in these runs (maxWatchdogs: 8).
    (model) => model.m.context.watchdogs.length < 8,
  );
}

function beat(pick: number): Cmd {
  return command(
    `beat(#${pick})`,
    (model, real) => {
      const id = pickId(model.watchdogIds, pick);
      model.m.send({ type: 'BEAT', watchdogId: id, now: real.clock.now() });
      real.watchdogs.get(id)?.beat();
      compare(model, real);
    },
    (model) => model.watchdogIds.length > 0,
  );
}

function watchdogDispose(pick: number): Cmd {
  return command(
    `watchdogDispose(#${pick})`,
    (model, real) => {
      const id = pickId(model.watchdogIds, pick);
      model.m.send({ type: 'WATCHDOG_DISPOSE', watchdogId: id, now: real.clock.now() });
      real.watchdogs.get(id)?.dispose();
      compare(model, real);
    },
    (model) => model.watchdogIds.length > 0,
  );
}

function check(via: 'checkWatchdogs' | 'level'): Cmd {
  return command(`check(${via})`, (model, real) => {
    model.m.send({ type: 'CHECK', now: real.clock.now() });
    if (via === 'level') expect(next(real).level).toBe(model.m.value);
    else next(real).checkWatchdogs();
    compare(model, real);
  });
}

/** Arbitrary command sequences over every operation of DESIGN §4. */
export function killSwitchCommands(maxCommands: number) {
  return fc.commands<Model, Real>(
    [
      fc.tuple(level, actor, reason).map(([l, a, r]) => trip(l, a, r)),
      fc.tuple(actor, level).map(([a, l]) => hold(a, l)),
      fc.nat(20).map((p) => dispose(p)),
      fc
        .tuple(fc.constantFrom('alice', 'bob'), fc.boolean(), reason)
        .map(([o, g, r]) => reset(o, g, r)),
      fc.constantFrom(1, 10, 99, 100, 500, 999, 1_000, 5_000).map((ms) => advance(ms)),
      fc
        .tuple(fc.constantFrom('feed', 'strategy', 'gateway'), fc.constantFrom(50, 100, 1_000))
        .map(([n, t]) => watchdog(n, t)),
      fc.nat(20).map((p) => beat(p)),
      fc.nat(20).map((p) => watchdogDispose(p)),
      fc.constantFrom('checkWatchdogs' as const, 'level' as const).map((v) => check(v)),
    ],
    { maxCommands },
  );
}

/** Fresh model and implementation for one sequence. */
export function setupRun(make: (clock: ManualClock) => KillSwitch) {
  return () => {
    const clock = new ManualClock(0);
    const model: Model = {
      m: new ModelDriver(killSwitchMachine, { resetCooldownMs: COOLDOWN_MS, now: 0 }),
      holdIds: [],
      watchdogIds: [],
    };
    const ks = make(clock);
    const other = KillSwitch.attach(ks.share(), { clock, secret: SECRET });
    const real: Real = { ks, other, turn: 0, clock, holds: new Map(), watchdogs: new Map() };
    return { model, real };
  };
}
