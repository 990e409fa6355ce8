import { describe, expect, it } from 'vitest';
import { initialTransition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import {
  circuitBreakerMachine,
  exploreTransitionCoverage,
  globalBreakerMachine,
  halfOpenPermitsMachine,
  killSwitchMachine,
  replayWitness,
} from '@tripwire/models';
import * as T from './traversals.js';

interface Case {
  name: string;
  machine: AnyStateMachine;
  input: unknown;
  events: (s: never) => unknown[];
  serializeState: (s: never) => string;
}

const cases: Case[] = [
  {
    name: 'circuitBreakerMachine',
    machine: circuitBreakerMachine,
    input: T.breakerInput,
    events: T.breakerEvents,
    serializeState: T.serializeBreaker,
  },
  {
    name: 'killSwitchMachine',
    machine: killSwitchMachine,
    input: T.killSwitchInput,
    events: T.killSwitchEvents,
    serializeState: T.serializeKillSwitch,
  },
  {
    name: 'halfOpenPermitsMachine',
    machine: halfOpenPermitsMachine,
    input: T.halfOpenPermitsInput,
    events: T.halfOpenPermitsEvents,
    serializeState: T.serializeHalfOpenPermits,
  },
  {
    name: 'globalBreakerMachine',
    machine: globalBreakerMachine,
    input: T.globalBreakerInput,
    events: T.globalBreakerEvents,
    serializeState: T.serializeGlobalBreaker,
  },
];

function explore(c: Case, machine: AnyStateMachine = c.machine) {
  return exploreTransitionCoverage(machine, {
    input: c.input,
    events: c.events as never,
    serializeState: c.serializeState as never,
  });
}

describe.each(cases)('$name: every state and every transition is reached (xstate/graph)', (c) => {
  const coverage = explore(c);

  it('reaches every state', () => {
    expect(coverage.unreachedStates).toEqual([]);
  });

  it('takes every transition of the definition (100 % edge coverage)', () => {
    expect(coverage.uncovered.map((t) => `${t.id}  ${t.label}`)).toEqual([]);
    expect(coverage.witnesses.length).toBe(coverage.transitions.length);
  });

  it('each witness path, replayed with transition(), takes its transition', () => {
    const initial = (
      initialTransition(c.machine as never, c.input as never) as unknown[]
    )[0] as AnyMachineSnapshot;
    const failed = coverage.witnesses.filter((w) => !replayWitness(c.machine, initial, w));
    expect(failed.map((w) => w.transition.label)).toEqual([]);
  });
});
