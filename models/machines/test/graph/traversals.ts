import {
  modelPermit,
  openDurationMs,
  resolveBreakerModelOptions,
  type BreakerContext,
  type BreakerEvent,
  type BreakerInput,
  type HalfOpenPermitsContext,
  type HalfOpenPermitsEvent,
  type HalfOpenPermitsInput,
  type KillSwitchContext,
  type KillSwitchEvent,
  type KillSwitchInput,
  type GlobalBreakerContext,
  type GlobalBreakerEvent,
  type GlobalBreakerInput,
} from '@tripwire/models';

/*
 * Traversal set-ups for xstate/graph: for each machine, a small input, the events worth trying
 * from a snapshot (times relative to the last event's `now`), and an abstraction of the context
 * (no generation, ids or absolute times) that keeps the explored state space finite.
 */

interface Snap<C> {
  readonly value: unknown;
  readonly context: C;
}

/**
 * Breaker options under which every rule can fire on its own: rate rules need 4 calls, 3
 * consecutive failures open before that, a slow call is > 10 ms.
 */
export const breakerInput: BreakerInput = {
  now: 0,
  options: resolveBreakerModelOptions({
    window: { type: 'count', size: 4 },
    minimumCalls: 4,
    failureRateThreshold: 0.5,
    consecutiveFailures: 3,
    slowCallMs: 10,
    slowCallRateThreshold: 0.5,
    openMs: 100,
    openBackoff: undefined,
    halfOpen: { permits: 2, successesToClose: 2, leaseMs: 50 },
  }),
};

export function breakerEvents(s: Snap<BreakerContext>): BreakerEvent[] {
  const c = s.context;
  const now = c.now;
  const token = modelPermit(c.generation, 0);
  const stale = modelPermit(Math.max(0, c.generation - 1), 0) + (c.generation === 0 ? 7 : 0);
  const events: BreakerEvent[] = [
    // Bounded: a fourth half-open admission shows nothing three do not.
    ...(c.halfOpen.leases.length < 3 ? [{ type: 'ACQUIRE', now } as const] : []),
    { type: 'SNAPSHOT', now },
    { type: 'RESET', now },
    { type: 'DISPOSE', holdId: c.nextHoldId, now },
    ...c.isolationHolds.map((holdId): BreakerEvent => ({ type: 'DISPOSE', holdId, now })),
    { type: 'SUCCESS', permit: stale, now },
    { type: 'FAILURE', permit: stale, now },
    { type: 'RELEASE', permit: stale, now },
  ];
  if (c.isolationHolds.length < 2) events.push({ type: 'ISOLATE', now });
  if (s.value === 'closed') {
    events.push(
      { type: 'SUCCESS', permit: token, now, durationMs: 1 },
      { type: 'SUCCESS', permit: token, now, durationMs: 11 },
      { type: 'FAILURE', permit: token, now, durationMs: 1 },
      { type: 'FAILURE', permit: token, now, durationMs: 11 },
      { type: 'RELEASE', permit: token, now },
    );
  }
  if (s.value === 'open') {
    events.push({
      type: 'ACQUIRE',
      now: (c.openedAt ?? 0) + openDurationMs(c.options, c.openCount),
    });
  }
  if (s.value === 'half-open') {
    const late = now + c.options.halfOpen.leaseMs;
    events.push({ type: 'SNAPSHOT', now: late });
    if (c.halfOpen.leases.length < 3) events.push({ type: 'ACQUIRE', now: late });
    for (const lease of c.halfOpen.leases) {
      const permit = modelPermit(c.generation, lease.slot);
      for (const t of [now, late]) {
        events.push(
          { type: 'SUCCESS', permit, now: t },
          { type: 'FAILURE', permit, now: t },
          { type: 'RELEASE', permit, now: t },
        );
      }
    }
  }
  return events;
}

export function serializeBreaker(s: Snap<BreakerContext>): string {
  const c = s.context;
  // Outside closed the window is frozen and cleared on the way back: it changes nothing there.
  const closed = s.value === 'closed';
  return JSON.stringify([
    s.value,
    closed ? c.window.map((e) => (e.failure ? 'F' : 'S') + (e.slow ? '!' : '')).join('') : '',
    closed ? c.consecutiveFailures : 0,
    c.halfOpen.leases.map((l) =>
      l.status === 'leased' ? c.now >= l.acquiredAt + c.options.halfOpen.leaseMs : l.status,
    ),
    c.isolationHolds.length,
    s.value === 'open' && c.openedAt !== undefined ? c.now - c.openedAt : '-',
  ]);
}

export const killSwitchInput: KillSwitchInput = { resetCooldownMs: 10, now: 0 };

export function killSwitchEvents(s: Snap<KillSwitchContext>): KillSwitchEvent[] {
  const c = s.context;
  const now = c.now;
  const events: KillSwitchEvent[] = [
    { type: 'TRIP', level: 'reducing', source: 'risk', reason: 'soft loss', now },
    { type: 'TRIP', level: 'halted', source: 'risk', reason: 'hard loss', now },
    { type: 'RESET', operator: 'ops', authorized: false, reason: 'r', now },
    { type: 'RESET', operator: 'ops', authorized: true, reason: 'r', now },
    { type: 'RESET', operator: 'ops', authorized: true, reason: 'r', now: now + c.resetCooldownMs },
    { type: 'CHECK', now },
    { type: 'DISPOSE', holdId: c.nextHoldId, now },
    { type: 'BEAT', watchdogId: c.nextWatchdogId, now },
    { type: 'WATCHDOG_DISPOSE', watchdogId: c.nextWatchdogId, now },
  ];
  if (c.holds.length < 2) {
    events.push(
      { type: 'HOLD', source: 'feed', level: 'reducing', now },
      { type: 'HOLD', source: 'feed', level: 'halted', now },
    );
  }
  for (const h of c.holds) events.push({ type: 'DISPOSE', holdId: h.id, now });
  if (c.watchdogs.length === 0) events.push({ type: 'WATCHDOG', name: 'feed', timeoutMs: 5, now });
  for (const w of c.watchdogs) {
    events.push(
      { type: 'BEAT', watchdogId: w.id, now },
      { type: 'WATCHDOG_DISPOSE', watchdogId: w.id, now },
      { type: 'CHECK', now: Math.max(now, w.lastBeat + w.timeoutMs) },
    );
  }
  return events;
}

export function serializeKillSwitch(s: Snap<KillSwitchContext>): string {
  const c = s.context;
  return JSON.stringify([
    s.value,
    c.latched,
    c.holds.map((h) => h.level).sort(),
    c.watchdogs.map((w) => [w.expired, c.now - w.lastBeat >= w.timeoutMs]),
    c.lastTripAt === undefined ? '-' : c.now - c.lastTripAt >= c.resetCooldownMs,
  ]);
}

export const halfOpenPermitsInput: HalfOpenPermitsInput = {
  halfOpen: { permits: 3, successesToClose: 2, leaseMs: 50 },
  generation: 3,
  now: 0,
};

export function halfOpenPermitsEvents(s: Snap<HalfOpenPermitsContext>): HalfOpenPermitsEvent[] {
  const c = s.context;
  const now = c.now;
  const late = now + c.halfOpen.leaseMs;
  const events: HalfOpenPermitsEvent[] = [
    // Bounded: a fourth admission shows nothing three do not.
    ...(c.budget.leases.length < 4
      ? [{ type: 'ACQUIRE', now } as const, { type: 'ACQUIRE', now: late } as const]
      : []),
    { type: 'SNAPSHOT', now },
    { type: 'SNAPSHOT', now: late },
    { type: 'SUCCESS', permit: modelPermit(c.generation - 1, 1), now },
    { type: 'FAILURE', permit: modelPermit(c.generation - 1, 1), now },
    { type: 'RELEASE', permit: modelPermit(c.generation - 1, 1), now },
  ];
  for (const lease of c.budget.leases) {
    const permit = modelPermit(c.generation, lease.slot);
    for (const t of [now, late]) {
      events.push(
        { type: 'SUCCESS', permit, now: t },
        { type: 'FAILURE', permit, now: t },
        { type: 'RELEASE', permit, now: t },
      );
    }
  }
  return events;
}

export function serializeHalfOpenPermits(s: Snap<HalfOpenPermitsContext>): string {
  const c = s.context;
  return JSON.stringify([
    s.value,
    c.budget.leases.map((l) =>
      l.status === 'leased' ? c.now >= l.acquiredAt + c.halfOpen.leaseMs : l.status,
    ),
  ]);
}

export const globalBreakerInput: GlobalBreakerInput = { components: 3 };

export function globalBreakerEvents(s: Snap<GlobalBreakerContext>): GlobalBreakerEvent[] {
  const states = ['closed', 'open', 'half-open', 'isolated'] as const;
  const events: GlobalBreakerEvent[] = [{ type: 'COMPONENT', index: 99, state: 'open' }];
  s.context.componentStates.forEach((_, index) => {
    for (const state of states) events.push({ type: 'COMPONENT', index, state });
  });
  return events;
}

export function serializeGlobalBreaker(s: Snap<GlobalBreakerContext>): string {
  return JSON.stringify([s.value, s.context.componentStates]);
}
