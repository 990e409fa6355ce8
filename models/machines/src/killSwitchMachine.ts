import { assign, setup } from 'xstate';
import { effectiveLevel } from './killSwitch/effectiveLevel.js';
import {
  KILL_SWITCH_LEVEL,
  type AuditAction,
  type KillSwitchContext,
  type KillSwitchEvent,
  type KillSwitchHold,
  type KillSwitchInput,
  type WatchdogRecord,
  type ResetRefusalCode,
} from './killSwitch/killSwitchTypes.js';

/*
 * The kill switch of DESIGN.md §4. The state value is the effective level; every event updates
 * the context at the machine's root, then the eventless `always` transitions move to the level
 * `effectiveLevel(context)` names. Time is the `now` of each event (no timers).
 */

type Changes = Partial<Omit<KillSwitchContext, 'audit'>>;

/** Applies `changes` and appends one audit entry whose from/to are the effective levels. */
function audited(
  context: KillSwitchContext,
  changes: Changes,
  action: AuditAction,
  actor: string,
  reason: string,
): Partial<KillSwitchContext> {
  const next = { ...context, ...changes };
  const entry = {
    at: context.now,
    action,
    actor,
    reason,
    from: effectiveLevel(context),
    to: effectiveLevel(next),
  };
  return { ...changes, audit: [...context.audit, entry] };
}

function isDue(w: { lastBeat: number; timeoutMs: number; expired: boolean }, now: number): boolean {
  return !w.expired && now - w.lastBeat >= w.timeoutMs;
}

/** Narrows `event` in an action or guard that only `type`'s transitions name. */
function as<T extends KillSwitchEvent['type']>(
  event: KillSwitchEvent,
  _type: T,
): Extract<KillSwitchEvent, { type: T }> {
  return event as Extract<KillSwitchEvent, { type: T }>;
}

function watchdogIdOf(event: KillSwitchEvent): number {
  return as(event, 'BEAT').watchdogId; // BEAT and WATCHDOG_DISPOSE both carry it
}

/**
 * The executable specification of `KillSwitch` (DESIGN §4): latched trips, counted holds,
 * authorized reset with cooldown, watchdog holds, and an audit entry for every trip, hold,
 * release, reset and refused reset.
 *
 * @example
 * ```ts
 * let [s] = initialTransition(killSwitchMachine, { resetCooldownMs: 60_000, now: 0 });
 * [s] = transition(killSwitchMachine, s, { type: 'TRIP', level: 'halted', source: 'ops', reason: 'x', now: 1 });
 * s.value; // 'halted'
 * ```
 */
export const killSwitchMachine = setup({
  types: {
    context: {} as KillSwitchContext,
    events: {} as KillSwitchEvent,
    input: {} as KillSwitchInput,
  },
  guards: {
    /** A trip only ever raises the latched level. */
    tripRaisesLatched: ({ context, event }) =>
      event.type === 'TRIP' && KILL_SWITCH_LEVEL[event.level] > KILL_SWITCH_LEVEL[context.latched],
    isLiveHold: ({ context, event }) =>
      event.type === 'DISPOSE' && context.holds.some((h) => h.id === event.holdId),
    /** Reset checks, in order: authorization, something to reset, cooldown since the last trip. */
    resetUnauthorized: ({ event }) => event.type === 'RESET' && !event.authorized,
    notTripped: ({ context }) => context.latched === 'active',
    inResetCooldown: ({ context, event }) =>
      event.now - (context.lastTripAt as number) < context.resetCooldownMs, // tripped: lastTripAt set
    isExpiredWatchdog: ({ context, event }) =>
      context.watchdogs.some((w) => w.id === watchdogIdOf(event) && w.expired),
    isLiveWatchdog: ({ context, event }) =>
      context.watchdogs.some((w) => w.id === watchdogIdOf(event)),
    /** A watchdog expires when `now - lastBeat >= timeoutMs`. */
    watchdogDue: ({ context, event }) => context.watchdogs.some((w) => isDue(w, event.now)),
    levelIsActive: ({ context }) => effectiveLevel(context) === 'active',
    levelIsReducing: ({ context }) => effectiveLevel(context) === 'reducing',
    levelIsHalted: ({ context }) => effectiveLevel(context) === 'halted',
  },
  actions: {
    beginStep: assign(({ event }) => ({ now: event.now, lastResult: undefined })),
    raiseLatched: assign(({ context, event }) => {
      const e = as(event, 'TRIP');
      return audited(
        context,
        { latched: e.level, lastTripAt: context.now },
        'trip',
        e.source,
        e.reason,
      );
    }),
    /** A trip at or below the latched level is recorded and changes nothing. */
    auditIgnoredTrip: assign(({ context, event }) => {
      const e = as(event, 'TRIP');
      return audited(context, {}, 'trip', e.source, e.reason);
    }),
    addHold: assign(({ context, event }) => {
      const e = as(event, 'HOLD');
      const hold = { id: context.nextHoldId, level: e.level, source: e.source };
      return audited(
        context,
        { holds: [...context.holds, hold], nextHoldId: hold.id + 1, lastResult: hold.id },
        'hold',
        e.source,
        e.level,
      );
    }),
    /** Only after `isLiveHold`: the hold exists. */
    releaseHold: assign(({ context, event }) => {
      const id = as(event, 'DISPOSE').holdId;
      const hold = context.holds.find((h) => h.id === id) as KillSwitchHold;
      const holds = context.holds.filter((h) => h !== hold);
      return audited(context, { holds }, 'release', hold.source, hold.level);
    }),
    refuseReset: assign(({ context, event }, params: { code: ResetRefusalCode }) => {
      const e = as(event, 'RESET');
      const lastResult = { ok: false, code: params.code } as const;
      return audited(context, { lastResult }, 'reset-refused', e.operator, e.reason);
    }),
    /** Clears the latched level only; holds and watchdogs stay. */
    clearLatched: assign(({ context, event }) => {
      const e = as(event, 'RESET');
      const changes = { latched: 'active', lastResult: { ok: true } } as const;
      return audited(context, changes, 'reset', e.operator, e.reason);
    }),
    addWatchdog: assign(({ context, event }) => {
      const e = as(event, 'WATCHDOG');
      const id = context.nextWatchdogId;
      const watchdog = {
        id,
        name: e.name,
        lastBeat: context.now,
        timeoutMs: e.timeoutMs,
        expired: false,
      };
      return {
        watchdogs: [...context.watchdogs, watchdog],
        nextWatchdogId: id + 1,
        lastResult: id,
      };
    }),
    beat: assign(({ context, event }) => ({
      watchdogs: context.watchdogs.map((w) =>
        w.id === watchdogIdOf(event) ? { ...w, lastBeat: context.now } : w,
      ),
    })),
    /** A beat of an expired watchdog releases its halted hold. */
    recoverWatchdog: assign(({ context, event }) => {
      const id = watchdogIdOf(event);
      const name = (context.watchdogs.find((w) => w.id === id) as WatchdogRecord).name;
      const watchdogs = context.watchdogs.map((w) =>
        w.id === id ? { ...w, lastBeat: context.now, expired: false } : w,
      );
      return audited(context, { watchdogs }, 'watchdog-recovered', name, 'beat');
    }),
    removeWatchdog: assign(({ context, event }) => ({
      watchdogs: context.watchdogs.filter((w) => w.id !== watchdogIdOf(event)),
    })),
    /** Disposing an expired watchdog releases its halted hold. */
    releaseExpiredWatchdog: assign(({ context, event }) => {
      const id = watchdogIdOf(event);
      const name = (context.watchdogs.find((w) => w.id === id) as WatchdogRecord).name;
      const watchdogs = context.watchdogs.filter((w) => w.id !== id);
      return audited(context, { watchdogs }, 'release', name, 'watchdog disposed');
    }),
    /** Every due watchdog expires, one audit entry each, in creation order. */
    expireWatchdogs: assign(({ context }) => {
      let next = context;
      for (const w of context.watchdogs) {
        if (!isDue(w, context.now)) continue;
        const watchdogs = next.watchdogs.map((x) => (x.id === w.id ? { ...x, expired: true } : x));
        next = {
          ...next,
          ...audited(
            next,
            { watchdogs },
            'watchdog-expired',
            w.name,
            `no beat for ${w.timeoutMs} ms`,
          ),
        };
      }
      return { watchdogs: next.watchdogs, audit: next.audit };
    }),
  },
}).createMachine({
  id: 'killSwitch',
  context: ({ input }) => ({
    resetCooldownMs: input.resetCooldownMs,
    now: input.now,
    latched: 'active',
    holds: [],
    watchdogs: [],
    lastTripAt: undefined,
    audit: [],
    lastResult: undefined,
    nextHoldId: 1,
    nextWatchdogId: 1,
  }),
  initial: 'active',
  on: {
    TRIP: [
      { guard: 'tripRaisesLatched', actions: ['beginStep', 'raiseLatched'] },
      { actions: ['beginStep', 'auditIgnoredTrip'] },
    ],
    HOLD: { actions: ['beginStep', 'addHold'] },
    DISPOSE: [
      { guard: 'isLiveHold', actions: ['beginStep', 'releaseHold'] },
      { actions: ['beginStep'] },
    ],
    RESET: [
      {
        guard: 'resetUnauthorized',
        actions: ['beginStep', { type: 'refuseReset', params: { code: 'UNAUTHORIZED' } }],
      },
      {
        guard: 'notTripped',
        actions: ['beginStep', { type: 'refuseReset', params: { code: 'NOT_TRIPPED' } }],
      },
      {
        guard: 'inResetCooldown',
        actions: ['beginStep', { type: 'refuseReset', params: { code: 'COOLDOWN' } }],
      },
      { actions: ['beginStep', 'clearLatched'] },
    ],
    WATCHDOG: { actions: ['beginStep', 'addWatchdog'] },
    BEAT: [
      { guard: 'isExpiredWatchdog', actions: ['beginStep', 'recoverWatchdog'] },
      { guard: 'isLiveWatchdog', actions: ['beginStep', 'beat'] },
      { actions: ['beginStep'] },
    ],
    WATCHDOG_DISPOSE: [
      { guard: 'isExpiredWatchdog', actions: ['beginStep', 'releaseExpiredWatchdog'] },
      { guard: 'isLiveWatchdog', actions: ['beginStep', 'removeWatchdog'] },
      { actions: ['beginStep'] },
    ],
    CHECK: [
      { guard: 'watchdogDue', actions: ['beginStep', 'expireWatchdogs'] },
      { actions: ['beginStep'] },
    ],
  },
  states: {
    active: {
      always: [
        { guard: 'levelIsReducing', target: 'reducing' },
        { guard: 'levelIsHalted', target: 'halted' },
      ],
    },
    reducing: {
      always: [
        { guard: 'levelIsActive', target: 'active' },
        { guard: 'levelIsHalted', target: 'halted' },
      ],
    },
    halted: {
      always: [
        { guard: 'levelIsActive', target: 'active' },
        { guard: 'levelIsReducing', target: 'reducing' },
      ],
    },
  },
});
