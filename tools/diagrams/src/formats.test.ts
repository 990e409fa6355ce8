import {
  circuitBreakerMachine,
  halfOpenPermitsMachine,
  killSwitchMachine,
  listTransitions,
} from '@tripwire/models';
import { describe, expect, it } from 'vitest';
import { assign, createMachine, setup, type AnyStateMachine } from 'xstate';
import { edgeLabel, machineGraph } from './machineGraph.js';
import { toDot } from './toDot.js';
import { toMermaid } from './toMermaid.js';
import { toStatelyJson } from './toStatelyJson.js';

const tiny = setup({
  types: { context: {} as { n: number }, events: {} as { type: 'GO' } | { type: 'TICK' } },
  guards: { ready: () => true },
  actions: { count: assign(({ context }) => ({ n: context.n + 1 })) },
}).createMachine({
  id: 'tiny',
  context: { n: 0 },
  initial: 'idle',
  on: { TICK: { actions: 'count' } },
  states: {
    idle: {
      description: 'waiting',
      on: {
        GO: {
          guard: 'ready',
          target: 'running-now',
          actions: [{ type: 'count', params: { by: 1 } }],
        },
        TICK: { actions: [() => undefined] },
      },
    },
    'running-now': { always: { guard: ({ context }) => context.n > 5, target: 'done' } },
    done: { type: 'final' },
  },
});

describe('machineGraph', () => {
  it('reads states, edges, machine-level edges, inline guards and actions', () => {
    const g = machineGraph(tiny);
    expect(g).toMatchObject({ id: 'tiny', initial: 'idle' });
    expect(g.states).toEqual([
      { key: 'idle', final: false, description: 'waiting' },
      { key: 'running-now', final: false, description: undefined },
      { key: 'done', final: true, description: undefined },
    ]);
    expect(g.edges).toEqual([
      { source: 'idle', target: 'running-now', event: 'GO', guard: 'ready', actions: ['count'] },
      { source: 'idle', target: undefined, event: 'TICK', guard: undefined, actions: ['inline'] },
      { source: 'running-now', target: 'done', event: '', guard: 'inline', actions: [] },
    ]);
    expect(g.machineEdges).toEqual([
      { source: undefined, target: undefined, event: 'TICK', guard: undefined, actions: ['count'] },
    ]);
  });
});

describe('edgeLabel', () => {
  it('names an unguarded eventless transition "always"', () => {
    const edge = { source: 'a', target: 'b', guard: undefined, actions: [] };
    expect(edgeLabel({ ...edge, event: '' })).toBe('always');
    expect(edgeLabel({ ...edge, event: 'GO' })).toBe('GO');
    expect(edgeLabel({ ...edge, event: '', guard: 'g' })).toBe('[g]');
  });
});

describe('toMermaid', () => {
  it('writes stateDiagram-v2 with aliases for keys Mermaid cannot use, final states and a note', () => {
    expect(toMermaid(tiny)).toBe(
      [
        '---',
        'title: tiny',
        '---',
        'stateDiagram-v2',
        '  direction LR',
        '  state "running-now" as running_now',
        '  [*] --> idle',
        '  idle --> running_now : GO [ready]',
        '  running_now --> done : [inline]',
        '  idle --> idle : TICK',
        '  done --> [*]',
        '  note left of idle',
        '    in every state: TICK',
        '  end note',
        '',
      ].join('\n'),
    );
  });

  it('draws every state-changing transition of the breaker', () => {
    const text = toMermaid(circuitBreakerMachine);
    expect(text).toContain('closed --> open : FAILURE [consecutiveFailuresReached]');
    expect(text).toContain('isolated --> half_open : DISPOSE [isLastHold]');
    expect(text).toContain('open --> half_open : ACQUIRE [openElapsed]');
  });
});

describe('toDot', () => {
  it('marks final states, dashes eventless edges and lists targetless events in the node', () => {
    const dot = toDot(tiny, { active: 'idle' });
    expect(dot).toContain('"done" [label=<<b>done</b>>, peripheries=2];');
    expect(dot).toContain('"running-now" -> "done" [label="[inline]", style=dashed];');
    expect(dot).toContain('<font point-size="8" color="#555555">TICK</font>');
    expect(dot).toContain('fillcolor="#ffcc80"');
    expect(dot).toContain('in every state:\\nTICK');
  });
});

describe('toStatelyJson', () => {
  function roundTrip(machine: AnyStateMachine): AnyStateMachine {
    return createMachine(
      JSON.parse(toStatelyJson(machine)) as never,
      machine.implementations as never,
    ) as AnyStateMachine;
  }

  it.each([
    ['circuitBreakerMachine', circuitBreakerMachine],
    ['killSwitchMachine', killSwitchMachine],
    ['halfOpenPermitsMachine', halfOpenPermitsMachine],
  ])('%s: the JSON, loaded as a machine config, has the same transitions', (_, machine) => {
    const labels = (m: AnyStateMachine) => listTransitions(m).map((t) => `${t.id} ${t.label}`);
    expect(labels(roundTrip(machine))).toEqual(labels(machine));
  });

  it('keeps guard and action params and inline functions by name', () => {
    const json = JSON.parse(toStatelyJson(tiny)) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: 'tiny',
      initial: 'idle',
      on: { TICK: [{ actions: [{ type: 'count' }] }] },
      states: {
        idle: {
          description: 'waiting',
          on: {
            GO: [
              {
                target: '#tiny.running-now',
                guard: 'ready',
                actions: [{ type: 'count', params: { by: 1 } }],
              },
            ],
            TICK: [{ actions: [{ type: 'inline' }] }],
          },
        },
        'running-now': { always: [{ target: '#tiny.done', guard: 'inline' }] },
        done: { type: 'final' },
      },
    });
    const withParams = setup({ guards: { g: (_, p: { x: number }) => p.x > 0 } }).createMachine({
      id: 'p',
      initial: 'a',
      states: { a: { on: { E: { guard: { type: 'g', params: { x: 1 } }, target: 'a' } } } },
    });
    expect(toStatelyJson(withParams)).toContain('"guard": {\n');
    expect(machineGraph(withParams).edges[0]?.guard).toBe('g');
  });
});
