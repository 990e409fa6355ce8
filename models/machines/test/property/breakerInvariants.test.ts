import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import {
  ModelDriver,
  circuitBreakerMachine,
  resolveBreakerModelOptions,
  type BreakerContext,
  type BreakerEvent,
} from '@tripwire/models';

/*
 * Invariants of the breaker specification itself, over random event sequences: generation and
 * transition records move together, the half-open budget is never exceeded, isolated exactly
 * while holds live, the window is frozen outside closed, rejections only add up.
 */

const options = resolveBreakerModelOptions({
  window: { type: 'count', size: 5 },
  minimumCalls: 3,
  consecutiveFailures: 3,
  slowCallMs: 10,
  slowCallRateThreshold: 0.6,
  openMs: 20,
  openBackoff: { factor: 2, maxMs: 50 },
  halfOpen: { permits: 2, successesToClose: 2, leaseMs: 15 },
});

type Command = { kind: string; pick: number; dt: number; slow: boolean };
const commandArb: fc.Arbitrary<Command> = fc.record({
  kind: fc.constantFrom(
    ...['ACQUIRE', 'ACQUIRE', 'ACQUIRE', 'ACQUIRE', 'FAILURE', 'FAILURE', 'FAILURE', 'SUCCESS'],
    ...['SUCCESS', 'RELEASE', 'SNAPSHOT', 'ISOLATE', 'DISPOSE', 'RESET'],
  ),
  pick: fc.nat(20),
  dt: fc.constantFrom(0, 0, 0, 0, 1, 5, 25, 60),
  slow: fc.boolean(),
});

function toEvent(
  c: Command,
  now: number,
  permits: readonly number[],
  holds: readonly number[],
): BreakerEvent {
  // Mostly one of the last three permits (live ones), sometimes any earlier one (stale).
  const back = c.pick < 16 ? c.pick % 3 : c.pick;
  const permit =
    permits.length === 0 ? c.pick : (permits[Math.max(0, permits.length - 1 - back)] as number);
  switch (c.kind) {
    case 'SUCCESS':
    case 'FAILURE':
      return { type: c.kind, permit, now, durationMs: c.slow ? 11 : 1 };
    case 'RELEASE':
      return { type: 'RELEASE', permit, now };
    case 'DISPOSE':
      return {
        type: 'DISPOSE',
        holdId: holds.length === 0 ? c.pick : (holds[c.pick % holds.length] as number),
        now,
      };
    default:
      return { type: c.kind as 'ACQUIRE' | 'SNAPSHOT' | 'ISOLATE' | 'RESET', now };
  }
}

function check(
  before: { value: unknown; context: BreakerContext },
  after: { value: unknown; context: BreakerContext },
  event: BreakerEvent,
): void {
  const a = after.context;
  const b = before.context;
  const changed = a.generation - b.generation;
  if (changed !== 0 && changed !== 1) throw new Error(`generation jumped by ${changed}`);
  if ((changed === 1) !== (a.lastTransition !== undefined))
    throw new Error('transition record without generation change or vice versa');
  if (
    a.lastTransition !== undefined &&
    (a.lastTransition.generation !== a.generation ||
      a.lastTransition.to !== after.value ||
      a.lastTransition.from !== before.value)
  ) {
    throw new Error(`bad transition record ${JSON.stringify(a.lastTransition)}`);
  }
  if (a.halfOpenInFlight < 0 || a.halfOpenInFlight > options.halfOpen.permits)
    throw new Error(`halfOpenInFlight ${a.halfOpenInFlight}`);
  if (after.value !== 'half-open' && a.halfOpenInFlight !== 0)
    throw new Error('in-flight probes outside half-open');
  if ((after.value === 'isolated') !== a.isolationHolds.length > 0)
    throw new Error('isolated iff holds live');
  if (a.notPermitted < b.notPermitted) throw new Error('notPermitted went down');
  if (a.failures > a.calls || a.slowCalls > a.calls || a.calls > 5)
    throw new Error(`window ${a.calls}/${a.failures}/${a.slowCalls}`);
  if (
    before.value !== 'closed' &&
    after.value !== 'closed' &&
    event.type !== 'RESET' &&
    (a.calls !== b.calls || a.failures !== b.failures)
  ) {
    throw new Error('window changed outside closed');
  }
}

const property = (machine: AnyStateMachine) =>
  fc.property(fc.array(commandArb, { maxLength: 60, size: 'max' }), (commands) => {
    const m = new ModelDriver(machine, { options, now: 0 });
    const permits: number[] = [];
    let now = 0;
    for (const c of commands) {
      now += c.dt;
      const before = m.snapshot as { value: unknown; context: BreakerContext };
      const event = toEvent(c, now, permits, before.context.isolationHolds);
      const after = m.send(event) as { value: unknown; context: BreakerContext };
      check(before, after, event);
      if (
        event.type === 'ACQUIRE' &&
        typeof after.context.lastResult === 'number' &&
        after.context.lastResult >= 0
      ) {
        permits.push(after.context.lastResult);
      }
    }
  });

describe('circuitBreakerMachine invariants', () => {
  it('hold for any sequence of events', () => {
    fc.assert(property(circuitBreakerMachine), { numRuns: 300, seed: 20_261_124 });
  });

  it('find a breaker whose half-open budget is never full (fixture)', () => {
    const broken = circuitBreakerMachine.provide({ guards: { halfOpenFull: () => false } });
    const result = fc.check(property(broken), { numRuns: 300, seed: 20_261_124 });
    expect(result.failed).toBe(true);
    expect(String(result.errorInstance)).toContain('halfOpenInFlight 3');
  });
});
