import { afterEach, describe, expect, it, vi } from 'vitest';
import { RiskEngine, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../../test/fixtures/fakes.js';
import { MAX_PROBES, PROBE, probe } from './clientIdTables.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);
const message = (d: RiskDecision) => (d.ok ? 'OK' : d.message);

describe('probe', () => {
  it('a table counts as full after exactly MAX_PROBES taken slots from the home slot', () => {
    const N = 256;
    const mask = N - 1;
    const key = 12_345;
    const i32 = new Int32Array(2 * N);
    expect(probe(i32, 0, mask, key, true)).toBe(PROBE.free);
    const home = i32.indexOf(key) / 2;
    i32.fill(0);
    for (let n = 0; n < MAX_PROBES - 1; n++) i32[2 * ((home + n) & mask)] = 999_999;
    expect(probe(i32, 0, mask, key, false)).toBe(PROBE.free);
    i32[2 * ((home + MAX_PROBES - 1) & mask)] = 999_999;
    expect(probe(i32, 0, mask, key, false)).toBe(PROBE.full);
    expect(probe(i32, 0, mask, key, true)).toBe(PROBE.full);
    expect(i32.indexOf(key)).toBe(-1);
  });
});

describe('client-id sessions in the second table', () => {
  function engine(): RiskEngine {
    const e = new RiskEngine(
      rig({
        clientIdCapacity: 16,
        strategies: [
          { name: 's', maxOpenOrders: 100, maxNotional: 1e7, rate: { perSec: 1e3, burst: 1e3 } },
        ],
      }).options,
    );
    e.updatePrice(0, 50_000);
    return e;
  }
  function checkId(e: RiskEngine, clientId: number): RiskDecision {
    const d = e.check(order({ clientId, qty: 0.0001, price: 50_000 + (clientId % 100) / 100 }));
    if (d.ok) e.onCancel(d.reservation);
    return d;
  }

  it('every slot of table 1 is counted, and cleared by the roll that forgets its session', () => {
    const e = engine();
    e.rollClientIds(); // current table: 1
    const ids: number[] = [];
    for (let id = 1_000; code(checkId(e, id)) === 'OK'; id++) ids.push(id);
    expect(ids).toHaveLength(16);
    expect(e.snapshot().clientIds).toEqual({ current: 16, capacity: 16, rolls: 1 });
    e.rollClientIds(); // current 0, table 1 is the previous session
    e.rollClientIds(); // clears table 1: its ids are forgotten
    expect(ids.map((id) => code(checkId(e, id)))).toEqual(Array(16).fill('OK'));
    expect(e.snapshot().clientIds.current).toBe(16);
  });
});

describe('client-id claim racing a second roll (scheduling hook)', () => {
  afterEach(() => {
    delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
    vi.resetModules();
  });

  it('a check during which one roll ended and the next began is denied (fail closed)', async () => {
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
    const { LAYOUT } = await import('../layout.js');
    const a = new Engine(rig().options);
    a.updatePrice(0, 50_000);
    const i32 = new Int32Array(a.share().buffer);
    pending = () => {
      expect(a.rollClientIds()).toBe(true);
      Atomics.add(i32, LAYOUT.header.idRoll, 1); // a second roll has begun clearing
    };
    const d = a.check(order({ clientId: 41, qty: 0.0001 }));
    expect(message(d)).toContain('client-id session rolled twice during the check');
  });
});
