import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import {
  ModelDriver,
  circuitBreakerMachine,
  halfOpenPermitsMachine,
  modelPermit,
  resolveBreakerModelOptions,
  type HalfOpenPermitsEvent,
  type HalfOpenPermitsOutput,
} from '@tripwire/models';

/*
 * halfOpenPermitsMachine on its own and circuitBreakerMachine's half-open state must agree on
 * every return value, on halfOpenInFlight, and on how the generation ends.
 */

const options = resolveBreakerModelOptions({
  window: { type: 'count', size: 4 },
  minimumCalls: 4,
  openMs: 100,
  openBackoff: undefined,
  halfOpen: { permits: 3, successesToClose: 2, leaseMs: 50 },
});

type Command =
  | { type: 'ACQUIRE' | 'SNAPSHOT'; dt: number }
  | { type: 'SUCCESS' | 'FAILURE' | 'RELEASE'; slot: number; dt: number };

const dt = fc.constantFrom(0, 0, 10, 25, 60);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constantFrom('ACQUIRE' as const, 'SNAPSHOT' as const), dt }),
  fc.record({
    type: fc.constantFrom('SUCCESS' as const, 'FAILURE' as const, 'RELEASE' as const),
    slot: fc.integer({ min: 0, max: 5 }),
    dt,
  }),
);

/** Runs both machines on `commands`; returns the first disagreement, or undefined. */
function disagreement(permits: AnyStateMachine, commands: readonly Command[]): string | undefined {
  const breaker = new ModelDriver(circuitBreakerMachine, { options, now: 0 });
  for (let i = 0; i < 4; i++) {
    const p = breaker.send({ type: 'ACQUIRE', now: 0 }).context.lastResult as number;
    breaker.send({ type: 'FAILURE', permit: p, now: 0 });
  }
  breaker.send({ type: 'ACQUIRE', now: 100 });
  const generation = breaker.context.generation;
  const probe = new ModelDriver(permits, { halfOpen: options.halfOpen, generation, now: 100 });
  probe.send({ type: 'ACQUIRE', now: 100 });
  let now = 100;
  for (const c of commands) {
    now += c.dt;
    const event: HalfOpenPermitsEvent =
      'slot' in c
        ? { type: c.type, permit: modelPermit(generation, c.slot), now }
        : { type: c.type, now };
    const b = breaker.send(event).context;
    const h = probe.send(event) as {
      status: string;
      output?: HalfOpenPermitsOutput;
      context: { lastResult: unknown; halfOpenInFlight: number };
    };
    if (b.lastResult !== h.context.lastResult)
      return `lastResult ${String(b.lastResult)} vs ${String(h.context.lastResult)}`;
    if (b.halfOpenInFlight !== h.context.halfOpenInFlight)
      return `halfOpenInFlight ${b.halfOpenInFlight} vs ${h.context.halfOpenInFlight}`;
    if (breaker.value !== 'half-open' || h.status === 'done') {
      const t = b.lastTransition;
      if (h.status !== 'done' || t === undefined)
        return `ended ${String(breaker.value)} vs ${h.status}`;
      if (t.to !== h.output?.to || t.cause !== h.output.cause)
        return `ending ${t.to}/${t.cause} vs ${JSON.stringify(h.output)}`;
      return undefined;
    }
  }
  return undefined;
}

const property = (permits: AnyStateMachine) =>
  fc.property(fc.array(command, { maxLength: 30, size: 'max' }), (commands) => {
    const d = disagreement(permits, commands);
    if (d !== undefined) throw new Error(d);
  });

describe('halfOpenPermitsMachine agrees with the breaker half-open state', () => {
  it('same results, in-flight counts and ending for any sequence', () => {
    fc.assert(property(halfOpenPermitsMachine), { numRuns: 300, seed: 4_2024 });
  });

  it('the property finds a broken budget that accepts a second release (fixture)', () => {
    const broken = halfOpenPermitsMachine.provide({ guards: { isDuplicate: () => false } });
    const result = fc.check(property(broken), { numRuns: 300, seed: 4_2024 });
    expect(result.failed).toBe(true);
    expect(String(result.errorInstance)).toMatch(/lastResult|halfOpenInFlight/);
  });
});
