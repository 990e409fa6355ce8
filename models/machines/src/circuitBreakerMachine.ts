import { assign, setup } from 'xstate';
import { openDurationMs } from './breaker/BreakerModelOptions.js';
import type {
  BreakerCause,
  BreakerContext,
  BreakerEvent,
  BreakerInput,
  BreakerState,
} from './breaker/breakerTypes.js';
import {
  EMPTY_HALF_OPEN_BUDGET,
  admitLease,
  budgetFull,
  budgetInFlight,
  findLease,
  hasExpiredLease,
  settleLease,
} from './breaker/halfOpenBudget.js';
import { PERMIT_STRIDE, REJECTED, decodeModelPermit, modelPermit } from './breaker/modelPermit.js';
import { ageWindow, countWindow, recordInWindow } from './breaker/slidingWindow.js';

/*
 * The circuit breaker of DESIGN.md §3, item by item. Time is the `now` of each event (no `after`
 * timers), so a test steps the machine with `initialTransition` / `transition`.
 *
 * Every event's transition list starts with `beginStep` (records `now`, clears lastResult and
 * lastTransition); guards are tried in order, the first that holds wins.
 */

type ResultEvent = Extract<BreakerEvent, { type: 'SUCCESS' | 'FAILURE' }>;

/** Window counters after recording `event` in closed state (what the rules look at, item 1). */
function countersAfter(context: BreakerContext, event: ResultEvent) {
  const failure = event.type === 'FAILURE';
  const window = recordInWindow(
    context.options,
    context.window,
    event.now,
    failure,
    event.durationMs,
  );
  return {
    window,
    ...countWindow(window),
    consecutiveFailures: failure ? context.consecutiveFailures + 1 : 0,
  };
}

function asResult(event: BreakerEvent): ResultEvent {
  return event as ResultEvent;
}

/** The permit a result or release reports (only called for those events). */
function permitOf(event: BreakerEvent): number {
  return (event as { permit: number }).permit;
}

/** The bookkeeping of a generation change (DESIGN §3: generation +1 on every change and reset). */
function changeGeneration(
  context: BreakerContext,
  from: BreakerState,
  to: BreakerState,
  cause: BreakerCause,
) {
  const generation = context.generation + 1;
  return {
    generation,
    halfOpen: EMPTY_HALF_OPEN_BUDGET,
    halfOpenInFlight: 0,
    lastTransition: { from, to, generation, at: context.now, cause },
  };
}

/** Entering closed always starts a fresh window (item 8) and ends the backoff series. */
const FRESH_WINDOW = {
  window: [],
  calls: 0,
  failures: 0,
  slowCalls: 0,
  consecutiveFailures: 0,
  openCount: 0,
  openedAt: undefined,
} as const;

/**
 * The executable specification of `CircuitBreaker` (DESIGN §3).
 *
 * @example
 * ```ts
 * const options = resolveBreakerModelOptions({ window: { type: 'count', size: 4 } });
 * let [s] = initialTransition(circuitBreakerMachine, { options, now: 0 });
 * [s] = transition(circuitBreakerMachine, s, { type: 'ACQUIRE', now: 1 });
 * s.context.lastResult; // a permit
 * ```
 */
export const circuitBreakerMachine = setup({
  types: {
    context: {} as BreakerContext,
    events: {} as BreakerEvent,
    input: {} as BreakerInput,
  },
  guards: {
    /** Item 6: in closed, only the current generation's token is recorded. */
    isStaleToken: ({ context, event }) => permitOf(event) !== modelPermit(context.generation, 0),
    /** Item 1: failure rate `>=` threshold once `calls >= minimumCalls` (item 2). */
    failureRateReached: ({ context, event }) => {
      const c = countersAfter(context, asResult(event));
      return (
        c.calls >= context.options.minimumCalls &&
        c.failures / c.calls >= context.options.failureRateThreshold
      );
    },
    /** Item 1: consecutive failures `>=` n, regardless of minimumCalls (item 2). */
    consecutiveFailuresReached: ({ context, event }) =>
      countersAfter(context, asResult(event)).consecutiveFailures >=
      context.options.consecutiveFailures,
    /** Item 1: slow-call rate `>=` threshold; slow means `durationMs > slowCallMs` (item 2). */
    slowCallRateReached: ({ context, event }) => {
      const c = countersAfter(context, asResult(event));
      return (
        context.options.slowCallMs !== undefined &&
        c.calls >= context.options.minimumCalls &&
        c.slowCalls / c.calls >= context.options.slowCallRateThreshold
      );
    },
    /** Items 2, 3: the break is over when `now - openedAt >= openDuration` (with backoff). */
    openElapsed: ({ context, event }) =>
      event.now - (context.openedAt as number) >=
      openDurationMs(context.options, context.openCount),
    /** Item 5: a probe not reported within leaseMs is a failure of its generation. */
    leaseExpired: ({ context, event }) =>
      hasExpiredLease(context.halfOpen, context.options.halfOpen.leaseMs, event.now),
    /** Item 4: at most `permits` admissions per generation, minus releases. */
    halfOpenFull: ({ context }) => budgetFull(context.halfOpen, context.options.halfOpen.permits),
    /** Item 6: a permit of another generation, or a slot this generation never issued. */
    isStaleProbePermit: ({ context, event }) => {
      const p = decodeModelPermit(permitOf(event));
      return (
        p === undefined ||
        p.generation !== context.generation ||
        findLease(context.halfOpen, p.slot) === undefined
      );
    },
    /** Item 7: a probe already reported or released. */
    isDuplicateProbe: ({ context, event }) => {
      const p = decodeModelPermit(permitOf(event));
      return p !== undefined && findLease(context.halfOpen, p.slot)?.status !== 'leased';
    },
    /** Item 4: this success is the `successesToClose`-th of the generation. */
    closesHalfOpen: ({ context }) =>
      context.halfOpen.successes + 1 >= context.options.halfOpen.successesToClose,
    /** Item 9: disposing the last live isolation hold. */
    isLastHold: ({ context, event }) =>
      event.type === 'DISPOSE' &&
      context.isolationHolds.length === 1 &&
      context.isolationHolds[0] === event.holdId,
    /** Item 9: disposing a live hold that is not the last one. */
    isLiveHold: ({ context, event }) =>
      event.type === 'DISPOSE' && context.isolationHolds.includes(event.holdId),
  },
  actions: {
    beginStep: assign(({ event }) => ({
      now: event.now,
      lastResult: undefined,
      lastTransition: undefined,
    })),
    /** Item 8: expired buckets age out on any access while closed. */
    ageWindow: assign(({ context }) => {
      const window = ageWindow(context.options, context.window, context.now);
      return { window, ...countWindow(window) };
    }),
    /** Item 1: a result of the current generation goes into the window. */
    recordResult: assign(({ context, event }) => countersAfter(context, asResult(event))),
    admitToken: assign(({ context }) => ({ lastResult: modelPermit(context.generation, 0) })),
    reject: assign(({ context }, params: { code: (typeof REJECTED)[keyof typeof REJECTED] }) => ({
      notPermitted: context.notPermitted + 1,
      lastResult: params.code,
    })),
    reportRecorded: assign({ lastResult: 'recorded' }),
    reportStale: assign({ lastResult: 'stale' }),
    reportDuplicate: assign({ lastResult: 'duplicate' }),
    openBreaker: assign(({ context }, params: { from: BreakerState; cause: BreakerCause }) => ({
      ...changeGeneration(context, params.from, 'open', params.cause),
      openedAt: context.now,
      openCount: context.openCount + 1,
    })),
    enterHalfOpen: assign(({ context }, params: { from: BreakerState; cause: BreakerCause }) =>
      changeGeneration(context, params.from, 'half-open', params.cause),
    ),
    closeBreaker: assign(({ context }, params: { from: BreakerState; cause: BreakerCause }) => ({
      ...changeGeneration(context, params.from, 'closed', params.cause),
      ...FRESH_WINDOW,
    })),
    /** Item 9: isolation is a new generation; half-open permits become stale. */
    enterIsolation: assign(({ context }, params: { from: BreakerState }) =>
      changeGeneration(context, params.from, 'isolated', 'isolate'),
    ),
    /** Item 9 / contract: reset keeps the state isolated while holds remain, still a new generation. */
    resetIsolated: assign(({ context }) => ({
      ...changeGeneration(context, 'isolated', 'isolated', 'reset'),
      ...FRESH_WINDOW,
    })),
    admitProbe: assign(({ context }) => {
      const halfOpen = admitLease(context.halfOpen, context.now);
      return {
        halfOpen,
        halfOpenInFlight: budgetInFlight(halfOpen),
        lastResult: modelPermit(context.generation, halfOpen.leases.length),
      };
    }),
    settleProbe: assign(
      ({ context, event }, params: { status: 'succeeded' | 'failed' | 'released' }) => {
        const slot = permitOf(event) % PERMIT_STRIDE; // passed the stale check
        const halfOpen = settleLease(context.halfOpen, slot, params.status);
        return {
          halfOpen,
          halfOpenInFlight: budgetInFlight(halfOpen),
          lastResult: 'recorded' as const,
        };
      },
    ),
    addHold: assign(({ context }) => ({
      isolationHolds: [...context.isolationHolds, context.nextHoldId],
      nextHoldId: context.nextHoldId + 1,
      lastResult: context.nextHoldId,
    })),
    removeHold: assign(({ context, event }) => ({
      isolationHolds: context.isolationHolds.filter(
        (id) => event.type !== 'DISPOSE' || id !== event.holdId,
      ),
    })),
  },
}).createMachine({
  id: 'circuitBreaker',
  context: ({ input }) => ({
    generation: 0,
    calls: 0,
    failures: 0,
    slowCalls: 0,
    consecutiveFailures: 0,
    notPermitted: 0,
    halfOpenInFlight: 0,
    openedAt: undefined,
    openCount: 0,
    isolationHolds: [],
    lastResult: undefined,
    lastTransition: undefined,
    options: input.options,
    now: input.now,
    window: [],
    halfOpen: EMPTY_HALF_OPEN_BUDGET,
    nextHoldId: 1,
  }),
  initial: 'closed',
  // Events a state does not handle: a result for a permit that cannot be live there is stale
  // (item 6); SNAPSHOT and DISPOSE of an unknown hold change nothing.
  on: {
    SUCCESS: { actions: ['beginStep', 'reportStale'] },
    FAILURE: { actions: ['beginStep', 'reportStale'] },
    RELEASE: { actions: ['beginStep', 'reportStale'] },
    SNAPSHOT: { actions: ['beginStep'] },
    DISPOSE: { actions: ['beginStep'] },
  },
  states: {
    // Item 1: every acquire is admitted; current-generation results are recorded, then the rules
    // are checked in order: failure rate, consecutive failures, slow-call rate.
    closed: {
      on: {
        ACQUIRE: { actions: ['beginStep', 'ageWindow', 'admitToken'] },
        SUCCESS: [
          { guard: 'isStaleToken', actions: ['beginStep', 'ageWindow', 'reportStale'] },
          {
            guard: 'failureRateReached',
            target: 'open',
            actions: [
              'beginStep',
              'recordResult',
              'reportRecorded',
              { type: 'openBreaker', params: { from: 'closed', cause: 'failure-rate' } },
            ],
          },
          {
            guard: 'slowCallRateReached',
            target: 'open',
            actions: [
              'beginStep',
              'recordResult',
              'reportRecorded',
              { type: 'openBreaker', params: { from: 'closed', cause: 'slow-call-rate' } },
            ],
          },
          { actions: ['beginStep', 'recordResult', 'reportRecorded'] },
        ],
        FAILURE: [
          { guard: 'isStaleToken', actions: ['beginStep', 'ageWindow', 'reportStale'] },
          {
            guard: 'failureRateReached',
            target: 'open',
            actions: [
              'beginStep',
              'recordResult',
              'reportRecorded',
              { type: 'openBreaker', params: { from: 'closed', cause: 'failure-rate' } },
            ],
          },
          {
            guard: 'consecutiveFailuresReached',
            target: 'open',
            actions: [
              'beginStep',
              'recordResult',
              'reportRecorded',
              { type: 'openBreaker', params: { from: 'closed', cause: 'consecutive-failures' } },
            ],
          },
          {
            guard: 'slowCallRateReached',
            target: 'open',
            actions: [
              'beginStep',
              'recordResult',
              'reportRecorded',
              { type: 'openBreaker', params: { from: 'closed', cause: 'slow-call-rate' } },
            ],
          },
          { actions: ['beginStep', 'recordResult', 'reportRecorded'] },
        ],
        // Item 7: a closed permit is a generation token; releasing it changes nothing.
        RELEASE: [
          { guard: 'isStaleToken', actions: ['beginStep', 'ageWindow', 'reportStale'] },
          { actions: ['beginStep', 'ageWindow', 'reportRecorded'] },
        ],
        SNAPSHOT: { actions: ['beginStep', 'ageWindow'] },
        ISOLATE: {
          target: 'isolated',
          actions: [
            'beginStep',
            'ageWindow',
            { type: 'enterIsolation', params: { from: 'closed' } },
            'addHold',
          ],
        },
        RESET: {
          target: 'closed',
          actions: [
            'beginStep',
            { type: 'closeBreaker', params: { from: 'closed', cause: 'reset' } },
          ],
        },
      },
    },
    // Item 3: rejects until the break is over; the acquiring caller then moves the breaker to
    // half-open and gets its first permit. The window stays as it was when it opened (item 8).
    open: {
      on: {
        ACQUIRE: [
          {
            guard: 'openElapsed',
            target: 'half-open',
            actions: [
              'beginStep',
              { type: 'enterHalfOpen', params: { from: 'open', cause: 'open-elapsed' } },
              'admitProbe',
            ],
          },
          { actions: ['beginStep', { type: 'reject', params: { code: REJECTED.open } }] },
        ],
        ISOLATE: {
          target: 'isolated',
          actions: ['beginStep', { type: 'enterIsolation', params: { from: 'open' } }, 'addHold'],
        },
        RESET: {
          target: 'closed',
          actions: [
            'beginStep',
            { type: 'closeBreaker', params: { from: 'open', cause: 'reset' } },
          ],
        },
      },
    },
    // Items 4-7: a budget of `permits` per generation; expired leases are checked before the
    // event itself and re-open the breaker, after which the event is handled as in open.
    'half-open': {
      on: {
        ACQUIRE: [
          {
            guard: 'leaseExpired',
            target: 'open',
            actions: [
              'beginStep',
              { type: 'openBreaker', params: { from: 'half-open', cause: 'lease-expired' } },
              { type: 'reject', params: { code: REJECTED.open } },
            ],
          },
          {
            guard: 'halfOpenFull',
            actions: ['beginStep', { type: 'reject', params: { code: REJECTED.halfOpenFull } }],
          },
          { actions: ['beginStep', 'admitProbe'] },
        ],
        SUCCESS: [
          {
            guard: 'leaseExpired',
            target: 'open',
            actions: [
              'beginStep',
              { type: 'openBreaker', params: { from: 'half-open', cause: 'lease-expired' } },
              'reportStale',
            ],
          },
          { guard: 'isStaleProbePermit', actions: ['beginStep', 'reportStale'] },
          { guard: 'isDuplicateProbe', actions: ['beginStep', 'reportDuplicate'] },
          {
            guard: 'closesHalfOpen',
            target: 'closed',
            actions: [
              'beginStep',
              { type: 'settleProbe', params: { status: 'succeeded' } },
              { type: 'closeBreaker', params: { from: 'half-open', cause: 'half-open-success' } },
            ],
          },
          { actions: ['beginStep', { type: 'settleProbe', params: { status: 'succeeded' } }] },
        ],
        FAILURE: [
          {
            guard: 'leaseExpired',
            target: 'open',
            actions: [
              'beginStep',
              { type: 'openBreaker', params: { from: 'half-open', cause: 'lease-expired' } },
              'reportStale',
            ],
          },
          { guard: 'isStaleProbePermit', actions: ['beginStep', 'reportStale'] },
          { guard: 'isDuplicateProbe', actions: ['beginStep', 'reportDuplicate'] },
          {
            target: 'open',
            actions: [
              'beginStep',
              { type: 'settleProbe', params: { status: 'failed' } },
              { type: 'openBreaker', params: { from: 'half-open', cause: 'half-open-failure' } },
            ],
          },
        ],
        RELEASE: [
          {
            guard: 'leaseExpired',
            target: 'open',
            actions: [
              'beginStep',
              { type: 'openBreaker', params: { from: 'half-open', cause: 'lease-expired' } },
              'reportStale',
            ],
          },
          { guard: 'isStaleProbePermit', actions: ['beginStep', 'reportStale'] },
          { guard: 'isDuplicateProbe', actions: ['beginStep', 'reportDuplicate'] },
          { actions: ['beginStep', { type: 'settleProbe', params: { status: 'released' } }] },
        ],
        SNAPSHOT: {
          guard: 'leaseExpired',
          target: 'open',
          actions: [
            'beginStep',
            { type: 'openBreaker', params: { from: 'half-open', cause: 'lease-expired' } },
          ],
        },
        ISOLATE: {
          target: 'isolated',
          actions: [
            'beginStep',
            { type: 'enterIsolation', params: { from: 'half-open' } },
            'addHold',
          ],
        },
        RESET: {
          target: 'closed',
          actions: [
            'beginStep',
            { type: 'closeBreaker', params: { from: 'half-open', cause: 'reset' } },
          ],
        },
      },
    },
    // Item 9: counted holds; the last dispose moves to half-open (the component must prove
    // itself); reset stays isolated while holds remain.
    isolated: {
      on: {
        ACQUIRE: {
          actions: ['beginStep', { type: 'reject', params: { code: REJECTED.isolated } }],
        },
        ISOLATE: { actions: ['beginStep', 'addHold'] },
        DISPOSE: [
          {
            guard: 'isLastHold',
            target: 'half-open',
            actions: [
              'beginStep',
              'removeHold',
              { type: 'enterHalfOpen', params: { from: 'isolated', cause: 'dispose' } },
            ],
          },
          { guard: 'isLiveHold', actions: ['beginStep', 'removeHold'] },
        ],
        RESET: { target: 'isolated', actions: ['beginStep', 'resetIsolated'] },
      },
    },
  },
});
