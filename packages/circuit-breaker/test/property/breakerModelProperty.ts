import fc from 'fast-check';
import { ManualClock } from '@tripwire/clock';
import type {
  CircuitBreaker,
  CircuitBreakerOptions,
  IsolationHold,
} from '@tripwire/circuit-breaker';
import {
  ModelDriver,
  circuitBreakerMachine,
  openDurationMs,
  resolveBreakerModelOptions,
  type PartialBreakerModelOptions,
} from '@tripwire/models';
import { breakerOptions } from './arbitraries.js';

/**
 * Model-based test (DESIGN §7): the implementation and `circuitBreakerMachine` get the same
 * commands and one ManualClock; results, state, generation and counters are compared after every
 * command. A failure prints the seed, the path and the commands' `replayPath`.
 */

type Driver = ModelDriver<typeof circuitBreakerMachine>;

interface World {
  readonly driver: Driver;
  readonly cb: CircuitBreaker;
  readonly clock: ManualClock;
  /** Every permit issued so far: the model's number and the implementation's. */
  readonly permits: { model: number; real: number }[];
  /** Every hold taken so far: the model's id and the implementation's hold. */
  readonly holds: { id: number; hold: IsolationHold }[];
}

function lastResult(w: World): unknown {
  return w.driver.context.lastResult;
}

function expiredLease(w: World): boolean {
  const c = w.driver.context;
  return (
    w.driver.value === 'half-open' &&
    c.halfOpen.leases.some(
      (l) => l.status === 'leased' && w.clock.now() >= l.acquiredAt + c.options.halfOpen.leaseMs,
    )
  );
}

/** A cheap `expect(actual).toBe(expected)` (Object.is) for the inner loop. */
function same(label: string, actual: unknown, expected: unknown): void {
  if (!Object.is(actual, expected)) {
    throw new Error(`${label}: implementation ${String(actual)}, model ${String(expected)}`);
  }
}

/** Compares the implementation with the model after a command. */
function compare(w: World, label: string): void {
  same(`${label}: state`, w.cb.state, w.driver.value);
  same(`${label}: generation`, w.cb.generation, w.driver.context.generation);
  // snapshot() evaluates lease expiry, as SNAPSHOT does in the model; when a lease has expired
  // that would be a transition of its own, which the next command (or a snapshot command)
  // exercises instead.
  if (expiredLease(w)) return;
  const s = w.cb.snapshot();
  // SNAPSHOT only changes the model here by aging a closed time window (no lease has expired);
  // skip the (costly) model step when it cannot change anything.
  const aging = w.driver.value === 'closed' && w.driver.context.options.window.type === 'time';
  const c = aging
    ? w.driver.send({ type: 'SNAPSHOT', now: w.clock.now() }).context
    : w.driver.context;
  const pairs: [string, unknown, unknown][] = [
    ['state', s.state, w.driver.value],
    ['generation', s.generation, c.generation],
    ['calls', s.calls, c.calls],
    ['failures', s.failures, c.failures],
    ['slowCalls', s.slowCalls, c.slowCalls],
    ['consecutiveFailures', s.consecutiveFailures, c.consecutiveFailures],
    ['notPermitted', s.notPermitted, c.notPermitted],
    ['halfOpenInFlight', s.halfOpenInFlight, c.halfOpenInFlight],
    ['openedAt', s.openedAt, c.openedAt],
  ];
  for (const [key, actual, expected] of pairs) same(`${label}: ${key}`, actual, expected);
  same(
    `${label}: failureRate`,
    s.failureRate,
    c.calls >= c.options.minimumCalls ? c.failures / c.calls : Number.NaN,
  );
  const expectedRetry =
    w.driver.value === 'open'
      ? Math.max(0, openDurationMs(c.options, c.openCount) - (w.clock.now() - (c.openedAt ?? 0)))
      : w.driver.value === 'isolated'
        ? Number.POSITIVE_INFINITY
        : 0;
  same(`${label}: retryAfterMs`, s.retryAfterMs, expectedRetry);
}

abstract class Step implements fc.Command<World, World> {
  check(): boolean {
    return true;
  }
  run(m: World): void {
    this.apply(m);
    compare(m, this.toString());
  }
  abstract apply(m: World): void;
  abstract toString(): string;
}

class Acquire extends Step {
  apply(m: World): void {
    const real = m.cb.tryAcquire();
    const model = m.driver.send({ type: 'ACQUIRE', now: m.clock.now() }).context
      .lastResult as number;
    same('acquire admitted', real >= 0, model >= 0);
    if (model >= 0) m.permits.push({ model, real });
    else same('rejection code', real, model);
  }
  toString(): string {
    return 'acquire';
  }
}

type ReportKind = 'success' | 'failure' | 'release';

class Report extends Step {
  readonly kind: ReportKind;
  readonly pick: number;
  readonly durationMs: number | undefined;
  constructor(kind: ReportKind, pick: number, durationMs: number | undefined) {
    super();
    this.kind = kind;
    this.pick = pick;
    this.durationMs = durationMs;
  }
  apply(m: World): void {
    if (m.permits.length === 0) return;
    const { model, real } = m.permits[this.pick % m.permits.length] as {
      model: number;
      real: number;
    };
    report(m, this.kind, model, real, this.durationMs);
  }
  toString(): string {
    return `${this.kind}(#${this.pick}${this.durationMs === undefined ? '' : `, ${this.durationMs} ms`})`;
  }
}

function report(
  m: World,
  kind: ReportKind,
  model: number,
  real: number,
  durationMs: number | undefined,
): void {
  const now = m.clock.now();
  let got: string;
  if (kind === 'release') {
    got = m.cb.release(real);
    m.driver.send({ type: 'RELEASE', permit: model, now });
  } else if (kind === 'success') {
    got = m.cb.onSuccess(real, durationMs);
    m.driver.send(
      durationMs === undefined
        ? { type: 'SUCCESS', permit: model, now }
        : { type: 'SUCCESS', permit: model, now, durationMs },
    );
  } else {
    got = m.cb.onFailure(real, durationMs);
    m.driver.send(
      durationMs === undefined
        ? { type: 'FAILURE', permit: model, now }
        : { type: 'FAILURE', permit: model, now, durationMs },
    );
  }
  same(`${kind} outcome`, got, lastResult(m));
}

/** Reports the last permit twice (the second time is a duplicate, or counted twice in closed). */
class DuplicateReport extends Step {
  readonly kind: ReportKind;
  constructor(kind: ReportKind) {
    super();
    this.kind = kind;
  }
  apply(m: World): void {
    const last = m.permits[m.permits.length - 1];
    if (last === undefined) return;
    report(m, this.kind, last.model, last.real, undefined);
    report(m, this.kind, last.model, last.real, undefined);
  }
  toString(): string {
    return `duplicate-${this.kind}`;
  }
}

/** Reports something that is not a current permit: a rejection code, a fraction, a huge number. */
class StaleReport extends Step {
  readonly value: number;
  constructor(value: number) {
    super();
    this.value = value;
  }
  apply(m: World): void {
    report(m, 'success', this.value, this.value, undefined);
    report(m, 'failure', this.value, this.value, undefined);
  }
  toString(): string {
    return `stale-report(${this.value})`;
  }
}

class Advance extends Step {
  readonly ms: number;
  constructor(ms: number) {
    super();
    this.ms = ms;
  }
  apply(m: World): void {
    m.clock.advance(this.ms);
  }
  toString(): string {
    return `advance(${this.ms})`;
  }
}

class Isolate extends Step {
  apply(m: World): void {
    const hold = m.cb.isolate();
    const id = m.driver.send({ type: 'ISOLATE', now: m.clock.now() }).context.lastResult as number;
    m.holds.push({ id, hold });
  }
  toString(): string {
    return 'isolate';
  }
}

class Dispose extends Step {
  readonly pick: number;
  constructor(pick: number) {
    super();
    this.pick = pick;
  }
  apply(m: World): void {
    if (m.holds.length === 0) return;
    const { id, hold } = m.holds[this.pick % m.holds.length] as { id: number; hold: IsolationHold };
    hold.dispose();
    m.driver.send({ type: 'DISPOSE', holdId: id, now: m.clock.now() });
  }
  toString(): string {
    return `dispose(#${this.pick})`;
  }
}

class Reset extends Step {
  apply(m: World): void {
    m.cb.reset();
    m.driver.send({ type: 'RESET', now: m.clock.now() });
  }
  toString(): string {
    return 'reset';
  }
}

/** An explicit snapshot: evaluates lease expiry on both sides (also when a lease expired). */
class Snapshot extends Step {
  apply(m: World): void {
    m.cb.snapshot();
    m.driver.send({ type: 'SNAPSHOT', now: m.clock.now() });
  }
  toString(): string {
    return 'snapshot';
  }
}

const pick = fc.nat({ max: 15 });
const duration = fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined });
const commands = [
  fc.constant(new Acquire()),
  fc.constant(new Acquire()),
  fc.constant(new Acquire()),
  pick.map((p) => new Report('success', p, undefined)),
  fc.tuple(pick, duration).map(([p, d]) => new Report('success', p, d)),
  fc.tuple(pick, duration).map(([p, d]) => new Report('failure', p, d)),
  fc.tuple(pick, duration).map(([p, d]) => new Report('failure', p, d)),
  pick.map((p) => new Report('release', p, undefined)),
  fc.constantFrom<ReportKind>('success', 'failure', 'release').map((k) => new DuplicateReport(k)),
  fc.constantFrom(-1, -3, 0.5, 2 ** 31, 2 ** 30 + 7, Number.NaN).map((v) => new StaleReport(v)),
  fc
    .oneof(fc.constantFrom(1, 5, 10, 30, 40, 60, 100, 150, 400), fc.constantFrom(0, 0.5, 2.25))
    .map((ms) => new Advance(ms)),
  fc.oneof(
    fc.constant<Step>(new Isolate()),
    pick.map((p) => new Dispose(p)),
  ),
  fc.oneof(
    fc.constant<Step>(new Reset()),
    pick.map((p) => new Dispose(p)),
  ),
  fc.constant(new Snapshot()),
];

/** Builds the implementation under test (the real breaker, or a broken fixture). */
export type MakeBreaker = (options: CircuitBreakerOptions) => CircuitBreaker;

function world(make: MakeBreaker, options: PartialBreakerModelOptions, start: number): World {
  const clock = new ManualClock(start);
  const cb = make({ ...(options as CircuitBreakerOptions), clock });
  const driver = new ModelDriver(circuitBreakerMachine, {
    options: resolveBreakerModelOptions(options),
    now: start,
  });
  return { driver, cb, clock, permits: [], holds: [] };
}

/** The model-based property over the breaker that `make` builds. */
export function breakerModelProperty(make: MakeBreaker) {
  return fc.property(
    breakerOptions,
    fc.integer({ min: 0, max: 1_000 }),
    fc.commands(commands, { maxCommands: 30, size: 'medium' }),
    (options, start, cmds) => {
      fc.modelRun(() => {
        const w = world(make, options, start);
        return { model: w, real: w };
      }, cmds);
    },
  );
}
