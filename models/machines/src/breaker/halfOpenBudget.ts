/**
 * The permit budget of one half-open generation (DESIGN §3 items 4, 5, 7), as pure functions over
 * plain data. `circuitBreakerMachine` (its half-open state) and `halfOpenPermitsMachine` both use
 * these, so the two have the same semantics by construction.
 */

/** What became of a half-open admission. */
export type LeaseStatus = 'leased' | 'succeeded' | 'failed' | 'released';

/** One half-open admission: its slot (1, 2, ...), when it was acquired, and its status. */
export interface HalfOpenLease {
  readonly slot: number;
  readonly acquiredAt: number;
  readonly status: LeaseStatus;
}

/** The admissions of one generation and the successes reported so far. */
export interface HalfOpenBudget {
  readonly leases: readonly HalfOpenLease[];
  readonly successes: number;
}

/** A fresh budget: nothing admitted. */
export const EMPTY_HALF_OPEN_BUDGET: HalfOpenBudget = Object.freeze({
  leases: Object.freeze([]),
  successes: 0,
});

/** @returns admissions that still count against `permits`: admitted minus released. */
export function budgetInUse(budget: HalfOpenBudget): number {
  let n = 0;
  for (const l of budget.leases) if (l.status !== 'released') n += 1;
  return n;
}

/** @returns `halfOpenInFlight`: admitted - reported - released. */
export function budgetInFlight(budget: HalfOpenBudget): number {
  let n = 0;
  for (const l of budget.leases) if (l.status === 'leased') n += 1;
  return n;
}

/** @returns whether no admission is left (`admitted - released >= permits`). */
export function budgetFull(budget: HalfOpenBudget, permits: number): boolean {
  return budgetInUse(budget) >= permits;
}

/**
 * A lease acquired at `a` and not reported or released is expired when `now >= a + leaseMs`
 * (DESIGN §3 item 5).
 */
export function hasExpiredLease(budget: HalfOpenBudget, leaseMs: number, now: number): boolean {
  return budget.leases.some((l) => l.status === 'leased' && now >= l.acquiredAt + leaseMs);
}

/** @returns the budget with one more admission at `now`; its slot is `leases.length` after. */
export function admitLease(budget: HalfOpenBudget, now: number): HalfOpenBudget {
  const slot = budget.leases.length + 1;
  return { ...budget, leases: [...budget.leases, { slot, acquiredAt: now, status: 'leased' }] };
}

/** @returns the lease of `slot`, or `undefined` when that slot was never issued. */
export function findLease(budget: HalfOpenBudget, slot: number): HalfOpenLease | undefined {
  return slot >= 1 ? budget.leases[slot - 1] : undefined;
}

/** @returns the budget with the lease of `slot` settled (`slot` must be issued and leased). */
export function settleLease(
  budget: HalfOpenBudget,
  slot: number,
  status: Exclude<LeaseStatus, 'leased'>,
): HalfOpenBudget {
  return {
    leases: budget.leases.map((l) => (l.slot === slot ? { ...l, status } : l)),
    successes: budget.successes + (status === 'succeeded' ? 1 : 0),
  };
}
