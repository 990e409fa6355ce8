import { describe, expect, it } from 'vitest';
import { assign, initialTransition, setup } from 'xstate';
import {
  exploreTransitionCoverage,
  listTransitions,
  replayWitness,
  transitionsTaken,
} from './transitionCoverage.js';

const counter = setup({
  types: { context: {} as { n: number }, events: {} as { type: 'INC' } | { type: 'NOOP' } },
  guards: { below: ({ context }, params: { max: number }) => context.n < params.max },
  actions: { inc: assign(({ context }) => ({ n: context.n + 1 })) },
}).createMachine({
  id: 'counter',
  context: { n: 0 },
  initial: 'low',
  states: {
    low: {
      on: { INC: { guard: { type: 'below', params: { max: 5 } }, actions: 'inc' } },
      always: [{ guard: ({ context }) => context.n >= 2, target: 'high' }, { target: undefined }],
    },
    high: { on: { NOOP: {} } },
  },
});

describe('transition coverage', () => {
  it('lists event and eventless transitions with guard names (parameterized and inline)', () => {
    expect(listTransitions(counter).map((t) => t.label)).toEqual([
      'low --INC [below]--> (self)',
      'low --always [inline]--> high',
      'low --always--> (self)',
      'high --NOOP--> (self)',
    ]);
  });

  it('explores with a fixed event list and reports what no step takes', () => {
    const c = exploreTransitionCoverage(counter, { events: [{ type: 'INC' }] });
    expect(c.exploredStates).toBe(3); // n = 0, 1 in low; n = 2 in high
    expect(c.uncovered.map((t) => t.label)).toEqual([
      'low --always--> (self)',
      'high --NOOP--> (self)',
    ]);
    const [initial] = initialTransition(counter);
    expect(c.witnesses.every((w) => replayWitness(counter, initial, w))).toBe(true);
    expect(
      replayWitness(counter, initial, { transition: c.witnesses[0]!.transition, events: [] }),
    ).toBe(false);
  });

  it('records the eventless transition a macrostep takes', () => {
    const [s0] = initialTransition(counter);
    const [s1] = [...initialTransition(counter)];
    expect(s1).toEqual(s0);
    const one = transitionsTaken(counter, s0, { type: 'INC' });
    expect(one.map((t) => t.eventType)).toEqual(['INC']);
  });
});
