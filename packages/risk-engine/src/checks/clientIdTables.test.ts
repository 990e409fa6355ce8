import { afterEach, describe, expect, it, vi } from 'vitest';
import { LAYOUT, RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);
const message = (d: RiskDecision) => (d.ok ? 'OK' : d.message);

function engine(overrides: Parameters<typeof rig>[0] = {}): RiskEngine {
  const e = new RiskEngine(
    rig({
      strategies: [
        { name: 's', maxOpenOrders: 100, maxNotional: 1e7, rate: { perSec: 1e3, burst: 1e3 } },
      ],
      ...overrides,
    }).options,
  );
  e.updatePrice(0, 50_000);
  return e;
}

/** Checks a fresh valid order with `clientId` and cancels it when it passes. */
function checkId(e: RiskEngine, clientId: number): RiskDecision {
  const d = e.check(order({ clientId, qty: 0.0001 }));
  if (d.ok) e.onCancel(d.reservation);
  return d;
}

describe('client-id sessions (rollClientIds)', () => {
  it('after a roll an id of the previous session is still a duplicate', () => {
    const e = engine();
    expect(code(checkId(e, 7))).toBe('OK');
    expect(e.rollClientIds()).toBe(true);
    const d = checkId(e, 7);
    expect(code(d)).toBe('DUPLICATE_ORDER');
    expect(message(d)).toContain('client id seen before (previous session)');
    // ... and a repeat of it claims nothing in the new session's table.
    expect(e.snapshot().clientIds).toEqual({ current: 0, capacity: 1 << 12, rolls: 1 });
  });

  it('after two rolls an id is accepted again (forgotten), once', () => {
    const e = engine();
    expect(code(checkId(e, 7))).toBe('OK');
    e.rollClientIds();
    e.rollClientIds();
    expect(code(checkId(e, 7))).toBe('OK');
    const again = message(checkId(e, 7));
    expect(again).toContain('client id seen before');
    expect(again).not.toContain('previous session');
  });

  it('an id of the current session is a duplicate before and after one roll', () => {
    const e = engine();
    e.rollClientIds();
    expect(code(checkId(e, 9))).toBe('OK');
    expect(code(checkId(e, 9))).toBe('DUPLICATE_ORDER');
    e.rollClientIds();
    expect(code(checkId(e, 9))).toBe('DUPLICATE_ORDER');
    e.rollClientIds();
    expect(code(checkId(e, 9))).toBe('OK');
  });

  it('the table-full denial is cleared by rolls', () => {
    const e = engine({ clientIdCapacity: 16 });
    let k = 0;
    while (code(checkId(e, 100 + k)) === 'OK') k++;
    expect(k).toBeLessThanOrEqual(16);
    expect(message(checkId(e, 5_000))).toContain('client id set is full');
    expect(e.snapshot().clientIds.current).toBe(k);
    // One roll: the full table becomes the previous one, the new current table is empty.
    e.rollClientIds();
    expect(code(checkId(e, 5_000))).toBe('OK');
    expect(message(checkId(e, 100))).toContain('client id seen before (previous session)');
    // A second roll empties the table that was full: its ids are accepted again.
    e.rollClientIds();
    expect(code(checkId(e, 100))).toBe('OK');
    expect(e.snapshot().clientIds).toEqual({ current: 1, capacity: 16, rolls: 2 });
  });

  it('explain claims nothing, and reports ids of either session', () => {
    const e = engine();
    expect(e.explain(order({ clientId: 11, qty: 0.0001 }))).toEqual([]);
    expect(e.explain(order({ clientId: 11, qty: 0.0001 }))).toEqual([]);
    expect(e.snapshot().clientIds.current).toBe(0);
    expect(code(checkId(e, 11))).toBe('OK');
    e.rollClientIds();
    const after = e.explain(order({ clientId: 11, qty: 0.0001 }));
    expect(after).toHaveLength(1);
    expect(after[0]!.message).toContain('client id seen before (previous session)');
    expect(e.explain(order({ clientId: 12, qty: 0.0001 }))).toEqual([]);
    expect(code(checkId(e, 12))).toBe('OK');
  });

  it('rolls are shared by attached engines, and a roll while another is in progress does nothing', () => {
    const r = rig();
    const a = new RiskEngine(r.options);
    const b = RiskEngine.attach(a.share(), r.options);
    a.updatePrice(0, 50_000);
    expect(code(checkId(a, 3))).toBe('OK');
    expect(b.rollClientIds()).toBe(true);
    expect(a.snapshot().clientIds.rolls).toBe(1);
    expect(code(checkId(a, 3))).toBe('DUPLICATE_ORDER');
    // Another roller holds the word odd (clearing): refused, nothing changes.
    const i32 = new Int32Array(a.share().buffer);
    Atomics.store(i32, LAYOUT.header.idRoll, 3);
    expect(a.rollClientIds()).toBe(false);
    expect(Atomics.load(i32, LAYOUT.header.idRoll)).toBe(3);
  });
});

// The races, deterministically: the scheduling hook (set before the engine's modules load) runs
// another "thread's" work right before the checker's claiming CAS.
describe('client-id claim racing a roll (scheduling hook)', () => {
  afterEach(() => {
    delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
    vi.resetModules();
  });

  async function hooked(): Promise<{
    Engine: typeof RiskEngine;
    beforeNextCas: (fn: () => void) => void;
  }> {
    let pending: (() => void) | undefined;
    (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__ = (
      op: string,
    ) => {
      if (op !== 'cas' || pending === undefined) return;
      const fn = pending;
      pending = undefined;
      fn();
    };
    vi.resetModules();
    const { RiskEngine: Engine } = await import('../RiskEngine.js');
    return { Engine, beforeNextCas: (fn) => (pending = fn) };
  }

  it('a claim in the old table and one in the new table: the re-read of the other table denies (both may be denied, never both pass)', async () => {
    const { Engine, beforeNextCas } = await hooked();
    const r = rig();
    const a = new Engine(r.options);
    const b = Engine.attach(a.share(), r.options);
    a.updatePrice(0, 50_000);
    let other: RiskDecision | undefined;
    // a has read the session word and missed 21 in both tables; before its CAS, a roll and b's
    // whole check of 21 (which claims in the new table) run.
    beforeNextCas(() => {
      expect(b.rollClientIds()).toBe(true);
      other = b.check(order({ clientId: 21, qty: 0.0001 }));
      expect(code(other)).toBe('OK');
    });
    const d = a.check(order({ clientId: 21, qty: 0.0001 }));
    expect(other).toBeDefined();
    expect(message(d)).toContain('client id claimed concurrently across a session roll');
  });

  it('a check that two rolls overlap is denied (precondition enforced, fail closed)', async () => {
    const { Engine, beforeNextCas } = await hooked();
    const r = rig();
    const a = new Engine(r.options);
    a.updatePrice(0, 50_000);
    beforeNextCas(() => {
      a.rollClientIds();
      a.rollClientIds();
    });
    const d = a.check(order({ clientId: 31, qty: 0.0001 }));
    expect(message(d)).toContain('client-id session rolled twice during the check');
    expect(a.snapshot().clientIds.rolls).toBe(2);
  });
});
