import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import {
  circuitBreakerMachine,
  globalBreakerMachine,
  halfOpenPermitsMachine,
  killSwitchMachine,
  listTransitions,
} from '@tripwire/models';

/** Every guard and action a transition uses is named and implemented in `setup()` (DESIGN §7). */
describe.each([
  ['circuitBreakerMachine', circuitBreakerMachine],
  ['killSwitchMachine', killSwitchMachine],
  ['halfOpenPermitsMachine', halfOpenPermitsMachine],
  ['globalBreakerMachine', globalBreakerMachine],
] as Array<[string, AnyStateMachine]>)('%s', (_, machine) => {
  it('uses only guards and actions named in setup()', () => {
    const guards = Object.keys(machine.implementations.guards);
    const actions = Object.keys(machine.implementations.actions);
    const unnamed: string[] = [];
    for (const { label, definition } of listTransitions(machine)) {
      const g = definition.guard as unknown;
      if (g !== undefined && !(typeof g === 'string' && guards.includes(g)))
        unnamed.push(`${label}: guard`);
      for (const a of definition.actions as unknown[]) {
        const type = typeof a === 'string' ? a : (a as { type?: unknown }).type;
        if (typeof type !== 'string' || !actions.includes(type)) unnamed.push(`${label}: action`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('implements no guard or action that no transition uses', () => {
    const used = new Set<string>();
    for (const { definition } of listTransitions(machine)) {
      if (typeof definition.guard === 'string') used.add(definition.guard);
      for (const a of definition.actions as unknown[])
        used.add(typeof a === 'string' ? a : String((a as { type: unknown }).type));
    }
    const implemented = [
      ...Object.keys(machine.implementations.guards),
      ...Object.keys(machine.implementations.actions),
    ];
    expect(implemented.filter((name) => !used.has(name))).toEqual([]);
  });
});
