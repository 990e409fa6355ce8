import { assign, setup } from 'xstate';
import type { HalfOpenModelOptions } from './breaker/BreakerModelOptions.js';
import type { BreakerCause } from './breaker/breakerTypes.js';
import {
  EMPTY_HALF_OPEN_BUDGET,
  admitLease,
  budgetInFlight,
  findLease,
  hasExpiredLease,
  settleLease,
  type HalfOpenBudget,
} from './breaker/halfOpenBudget.js';
import { PERMIT_STRIDE, REJECTED, decodeModelPermit, modelPermit } from './breaker/modelPermit.js';

/** Input of {@link halfOpenPermitsMachine}: the half-open options and the generation probed. */
export interface HalfOpenPermitsInput {
  readonly halfOpen: HalfOpenModelOptions;
  readonly generation: number;
  readonly now: number;
}

/** Events of {@link halfOpenPermitsMachine}: the breaker's events that half-open handles. */
export type HalfOpenPermitsEvent =
  | { type: 'ACQUIRE'; now: number }
  | { type: 'SUCCESS'; permit: number; now: number }
  | { type: 'FAILURE'; permit: number; now: number }
  | { type: 'RELEASE'; permit: number; now: number }
  | { type: 'SNAPSHOT'; now: number };

/** Context of {@link halfOpenPermitsMachine}. */
export interface HalfOpenPermitsContext {
  readonly halfOpen: HalfOpenModelOptions;
  readonly generation: number;
  readonly now: number;
  readonly budget: HalfOpenBudget;
  readonly halfOpenInFlight: number;
  /** A permit, a rejection, or `'recorded' | 'stale' | 'duplicate'`, as the breaker returns. */
  readonly lastResult: number | 'recorded' | 'stale' | 'duplicate' | undefined;
  /** How the generation ended, once it has. */
  readonly outcome: HalfOpenPermitsOutput | undefined;
}

/** How a half-open generation ended: the cause of the breaker's next transition. */
export interface HalfOpenPermitsOutput {
  readonly to: 'closed' | 'open';
  readonly cause: Extract<
    BreakerCause,
    'half-open-success' | 'half-open-failure' | 'lease-expired'
  >;
}

/** The permit a result or release reports (only called for those events). */
function permitOf(event: HalfOpenPermitsEvent): number {
  return (event as { permit: number }).permit;
}

/** The slot of a permit that passed the stale check. */
function slotOf(event: HalfOpenPermitsEvent): number {
  return permitOf(event) % PERMIT_STRIDE;
}

/** A probe result or release: lease expiry first, then stale, then duplicate (DESIGN §3 5-7). */
const expiredThenStaleThenDuplicate = [
  {
    guard: 'leaseExpired',
    target: 'reopened',
    actions: [
      'beginStep',
      { type: 'report', params: { outcome: 'stale' } },
      { type: 'finish', params: { cause: 'lease-expired' } },
    ],
  },
  {
    guard: 'isStalePermit',
    actions: ['beginStep', { type: 'report', params: { outcome: 'stale' } }],
  },
  {
    guard: 'isDuplicate',
    actions: ['beginStep', { type: 'report', params: { outcome: 'duplicate' } }],
  },
] as const;

const probeResults = {
  SUCCESS: [
    ...expiredThenStaleThenDuplicate,
    {
      guard: 'closesHalfOpen',
      target: 'closed',
      actions: [
        'beginStep',
        { type: 'settle', params: { status: 'succeeded' } },
        { type: 'finish', params: { cause: 'half-open-success' } },
      ],
    },
    { actions: ['beginStep', { type: 'settle', params: { status: 'succeeded' } }] },
  ],
  FAILURE: [
    ...expiredThenStaleThenDuplicate,
    {
      target: 'reopened',
      actions: [
        'beginStep',
        { type: 'settle', params: { status: 'failed' } },
        { type: 'finish', params: { cause: 'half-open-failure' } },
      ],
    },
  ],
  SNAPSHOT: [
    {
      guard: 'leaseExpired',
      target: 'reopened',
      actions: ['beginStep', { type: 'finish', params: { cause: 'lease-expired' } }],
    },
    { actions: ['beginStep'] },
  ],
} as const;

const expiredAcquire = {
  guard: 'leaseExpired',
  target: 'reopened',
  actions: [
    'beginStep',
    { type: 'reject', params: { code: REJECTED.open } },
    { type: 'finish', params: { cause: 'lease-expired' } },
  ],
} as const;

/**
 * The permit budget of one half-open generation (DESIGN §3 items 4-7) on its own: at most
 * `permits` admissions minus releases, leases with deadlines, release once, duplicate and stale
 * results. It ends in `closed` after `successesToClose` successes or in `reopened` at the first
 * failure or expired lease. `circuitBreakerMachine`'s half-open state uses the same functions
 * (`breaker/halfOpenBudget.ts`); a property test drives both with the same events.
 */
export const halfOpenPermitsMachine = setup({
  types: {
    context: {} as HalfOpenPermitsContext,
    events: {} as HalfOpenPermitsEvent,
    input: {} as HalfOpenPermitsInput,
    output: {} as HalfOpenPermitsOutput,
  },
  guards: {
    leaseExpired: ({ context, event }) =>
      hasExpiredLease(context.budget, context.halfOpen.leaseMs, event.now),
    /** This admission takes the last permit of the budget. */
    takesLastPermit: ({ context }) =>
      context.budget.leases.filter((l) => l.status !== 'released').length + 1 >=
      context.halfOpen.permits,
    isStalePermit: ({ context, event }) => {
      const p = decodeModelPermit(permitOf(event));
      return (
        p === undefined ||
        p.generation !== context.generation ||
        findLease(context.budget, p.slot) === undefined
      );
    },
    isDuplicate: ({ context, event }) =>
      findLease(context.budget, slotOf(event))?.status !== 'leased',
    closesHalfOpen: ({ context }) =>
      context.budget.successes + 1 >= context.halfOpen.successesToClose,
  },
  actions: {
    beginStep: assign(({ event }) => ({ now: event.now, lastResult: undefined })),
    admit: assign(({ context }) => {
      const budget = admitLease(context.budget, context.now);
      return {
        budget,
        halfOpenInFlight: budgetInFlight(budget),
        lastResult: modelPermit(context.generation, budget.leases.length),
      };
    }),
    reject: assign((_, params: { code: number }) => ({ lastResult: params.code })),
    report: assign((_, params: { outcome: 'stale' | 'duplicate' }) => ({
      lastResult: params.outcome,
    })),
    settle: assign(
      ({ context, event }, params: { status: 'succeeded' | 'failed' | 'released' }) => {
        const budget = settleLease(context.budget, slotOf(event), params.status);
        return {
          budget,
          halfOpenInFlight: budgetInFlight(budget),
          lastResult: 'recorded' as const,
        };
      },
    ),
    /** The generation is over: every lease left is void. */
    finish: assign((_, params: { cause: HalfOpenPermitsOutput['cause'] }) => ({
      halfOpenInFlight: 0,
      outcome: {
        to: params.cause === 'half-open-success' ? ('closed' as const) : ('open' as const),
        cause: params.cause,
      },
    })),
  },
}).createMachine({
  id: 'halfOpenPermits',
  context: ({ input }) => ({
    halfOpen: input.halfOpen,
    generation: input.generation,
    now: input.now,
    budget: EMPTY_HALF_OPEN_BUDGET,
    halfOpenInFlight: 0,
    lastResult: undefined,
    outcome: undefined,
  }),
  initial: 'available',
  states: {
    available: {
      on: {
        ACQUIRE: [
          expiredAcquire,
          { guard: 'takesLastPermit', target: 'full', actions: ['beginStep', 'admit'] },
          { actions: ['beginStep', 'admit'] },
        ],
        ...probeResults,
        RELEASE: [
          ...expiredThenStaleThenDuplicate,
          { actions: ['beginStep', { type: 'settle', params: { status: 'released' } }] },
        ],
      },
    },
    full: {
      on: {
        ACQUIRE: [
          expiredAcquire,
          { actions: ['beginStep', { type: 'reject', params: { code: REJECTED.halfOpenFull } }] },
        ],
        ...probeResults,
        RELEASE: [
          ...expiredThenStaleThenDuplicate,
          {
            target: 'available',
            actions: ['beginStep', { type: 'settle', params: { status: 'released' } }],
          },
        ],
      },
    },
    closed: { type: 'final' },
    reopened: { type: 'final' },
  },
  // Final states are entered only through `finish`, which sets the outcome.
  output: ({ context }) => context.outcome as HalfOpenPermitsOutput,
});
