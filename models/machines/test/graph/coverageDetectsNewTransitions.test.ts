import { describe, expect, it } from 'vitest';
import { createMachine, type AnyStateMachine } from 'xstate';
import {
  circuitBreakerMachine,
  exploreTransitionCoverage,
  killSwitchMachine,
} from '@tripwire/models';
import * as T from './traversals.js';

/*
 * The edge-coverage check must fail when someone adds a transition no explored path takes. These
 * variants add one to the real machines (same implementations, config extended) and show the
 * check names it.
 */

interface StateConfig {
  on?: Record<string, unknown>;
  always?: unknown;
}
interface Config {
  on?: Record<string, unknown>;
  states: Record<string, StateConfig>;
}

/** A copy of the machine's config deep enough to edit `on` maps, with the same implementations. */
function variant(machine: AnyStateMachine, edit: (config: Config) => Config): AnyStateMachine {
  const original = machine.config as unknown as Config;
  const states: Record<string, StateConfig> = {};
  for (const [k, v] of Object.entries(original.states)) states[k] = { ...v, on: { ...v.on } };
  const config: Config = { ...original, on: { ...original.on }, states };
  return createMachine(edit(config) as never, machine.implementations as never) as AnyStateMachine;
}

describe('edge coverage reports a transition that no path reaches', () => {
  it('a new guarded transition on the breaker (closed SNAPSHOT [leaseExpired] -> open) is uncovered', () => {
    const m = variant(circuitBreakerMachine, (c) => {
      const closed = c.states['closed']!;
      const existing = closed.on!['SNAPSHOT'];
      closed.on!['SNAPSHOT'] = [
        { guard: 'leaseExpired', target: 'open', actions: ['beginStep'] },
        existing,
      ];
      return c;
    });
    const coverage = exploreTransitionCoverage(m, {
      input: T.breakerInput,
      events: T.breakerEvents as never,
      serializeState: T.serializeBreaker as never,
    });
    expect(coverage.uncovered.map((t) => t.label)).toEqual([
      'closed --SNAPSHOT [leaseExpired]--> open',
    ]);
    expect(coverage.unreachedStates).toEqual([]);
  });

  it('a new state reached by no transition is reported unreached', () => {
    const m = variant(circuitBreakerMachine, (c) => {
      c.states['forced-open'] = { on: { RESET: { target: 'closed', actions: ['beginStep'] } } };
      return c;
    });
    const coverage = exploreTransitionCoverage(m, {
      input: T.breakerInput,
      events: T.breakerEvents as never,
      serializeState: T.serializeBreaker as never,
    });
    expect(coverage.unreachedStates).toEqual(['circuitBreaker.forced-open']);
    expect(coverage.uncovered.map((t) => t.label)).toEqual(['forced-open --RESET--> closed']);
  });

  it('a new transition on the kill switch root is uncovered', () => {
    const m = variant(killSwitchMachine, (c) => {
      c.on!['CHECK'] = [
        { guard: 'resetUnauthorized', actions: ['beginStep'] },
        ...(c.on!['CHECK'] as unknown[]),
      ];
      return c;
    });
    const coverage = exploreTransitionCoverage(m, {
      input: T.killSwitchInput,
      events: T.killSwitchEvents as never,
      serializeState: T.serializeKillSwitch as never,
    });
    expect(coverage.uncovered.map((t) => t.label)).toEqual([
      '(machine) --CHECK [resetUnauthorized]--> (self)',
    ]);
  });
});
