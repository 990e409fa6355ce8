import { assign, setup } from 'xstate';
import type { BreakerState } from './breaker/breakerTypes.js';
import { deriveGlobalState, type GlobalBreakerModelOptions } from './deriveGlobalState.js';

/** Input of {@link globalBreakerMachine}: the component count and the derivation options. */
export interface GlobalBreakerInput extends GlobalBreakerModelOptions {
  /** Number of component breakers; all start closed. */
  readonly components: number;
}

/** Context of {@link globalBreakerMachine}. */
export interface GlobalBreakerContext {
  readonly componentStates: readonly BreakerState[];
  readonly openFraction: number;
  readonly minComponents: number;
}

/** A component breaker changed state. */
export interface GlobalBreakerEvent {
  readonly type: 'COMPONENT';
  readonly index: number;
  readonly state: BreakerState;
}

function derived(context: GlobalBreakerContext) {
  return deriveGlobalState(context.componentStates, context);
}

/**
 * {@link deriveGlobalState} as a machine, for diagrams and for stepping alongside component
 * breakers: each `COMPONENT` event updates one component, then the eventless transitions move
 * to the derived state (DESIGN §3 "Global breaker"; `tryAcquire` rejects with -4 while open).
 */
export const globalBreakerMachine = setup({
  types: {
    context: {} as GlobalBreakerContext,
    events: {} as GlobalBreakerEvent,
    input: {} as GlobalBreakerInput,
  },
  guards: {
    /** More than openFraction of at least minComponents components are open or isolated. */
    derivesOpen: ({ context }) => derived(context) === 'open',
    /** Not open, and some component is half-open. */
    derivesHalfOpen: ({ context }) => derived(context) === 'half-open',
    derivesClosed: ({ context }) => derived(context) === 'closed',
    isKnownComponent: ({ context, event }) =>
      Number.isInteger(event.index) &&
      event.index >= 0 &&
      event.index < context.componentStates.length,
  },
  actions: {
    updateComponent: assign(({ context, event }) => ({
      componentStates: context.componentStates.map((s, i) => (i === event.index ? event.state : s)),
    })),
  },
}).createMachine({
  id: 'globalBreaker',
  context: ({ input }) => ({
    componentStates: Array.from({ length: input.components }, () => 'closed' as const),
    openFraction: input.openFraction ?? 0.5,
    minComponents: input.minComponents ?? 3,
  }),
  initial: 'closed',
  on: { COMPONENT: { guard: 'isKnownComponent', actions: 'updateComponent' } },
  states: {
    closed: {
      always: [
        { guard: 'derivesOpen', target: 'open' },
        { guard: 'derivesHalfOpen', target: 'half-open' },
      ],
    },
    open: {
      always: [
        { guard: 'derivesHalfOpen', target: 'half-open' },
        { guard: 'derivesClosed', target: 'closed' },
      ],
    },
    'half-open': {
      always: [
        { guard: 'derivesOpen', target: 'open' },
        { guard: 'derivesClosed', target: 'closed' },
      ],
    },
  },
});
