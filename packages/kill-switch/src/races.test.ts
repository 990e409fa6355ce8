/**
 * Deterministic races in one thread: a scheduling hook (the facade's test door, DESIGN §7) runs
 * an interfering operation exactly once, right before a chosen shared-memory access of the
 * operation under test. Each test pins what must happen when another thread's operation lands in
 * that window. (The exhaustive multi-worker exploration is in test/concurrency.)
 */
import { ManualClock } from '@tripwire/clock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as KillSwitchModule from './KillSwitch.js';
import { killSwitchOffsets } from './layout.js';
import { f64ToBits } from './internal/shared.js';

type Access = (op: string, array: ArrayLike<unknown>, index: number) => boolean;
let armed: { when: Access; then: () => void } | undefined;

function once(when: Access, then: () => void): void {
  armed = { when, then };
}

let KS: typeof KillSwitchModule.KillSwitch;

beforeAll(async () => {
  (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__ = (
    op: string,
    array: ArrayLike<unknown>,
    index: number,
  ) => {
    const a = armed;
    if (a !== undefined && a.when(op, array, index)) {
      armed = undefined; // disarm first: the interfering operation goes through the hook too
      a.then();
    }
  };
  vi.resetModules();
  KS = (await import('./KillSwitch.js')).KillSwitch;
});

afterAll(() => {
  delete (globalThis as { __tripwireSchedulingHook__?: unknown }).__tripwireSchedulingHook__;
  vi.resetModules();
});

function pair(cooldown = 100, maxWatchdogs = 4) {
  const clock = new ManualClock(0);
  const a = new KS({ clock, secret: 's', resetCooldownMs: cooldown, maxWatchdogs });
  const b = KS.attach(a.share(), { clock, secret: 's' });
  const { stride, auditCapacity } = a.share().options;
  const o = killSwitchOffsets(stride, auditCapacity, maxWatchdogs);
  const slotWord = (slot: number) => (o.watchdogBase + slot * 128) >> 2;
  return { a, b, clock, o, slotWord };
}

const isInt32 = (array: ArrayLike<unknown>) => array instanceof Int32Array;

describe('races on the state word', () => {
  it("a trip landing between a reset's check and its CAS is never silently undone", () => {
    const { a, b, clock, o } = pair(100);
    a.trip({ level: 'reducing', source: 'soft', reason: '' });
    clock.advance(100);
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === o.stateIndex,
      () => b.trip({ level: 'halted', source: 'hard', reason: '' }),
    );
    // The reset had checked 'reducing' and a passed cooldown; its CAS fails, it re-checks.
    expect(a.reset({ operator: 'o', token: 's', reason: '' })).toEqual({
      ok: false,
      code: 'COOLDOWN',
    });
    expect(a.level).toBe('halted');
    expect(a.audit().map((e) => [e.action, e.from, e.to])).toEqual([
      ['trip', 'active', 'reducing'],
      ['trip', 'reducing', 'halted'],
      ['reset-refused', 'halted', 'halted'],
    ]);
  });

  it('a trip whose CAS loses to a hold retries and still raises', () => {
    const { a, b, o } = pair();
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === o.stateIndex,
      () => b.hold('feed', 'reducing'),
    );
    a.trip({ level: 'halted', source: 'ops', reason: '' });
    expect(a.snapshot()).toMatchObject({
      level: 'halted',
      latched: 'halted',
      holds: { reducing: 1 },
    });
  });

  it('a trip that loses to a higher trip becomes a recorded no-op', () => {
    const { a, b, o } = pair();
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === o.stateIndex,
      () => b.trip({ level: 'halted', source: 'hard', reason: '' }),
    );
    a.trip({ level: 'reducing', source: 'soft', reason: '' });
    expect(a.snapshot().latched).toBe('halted');
    expect(a.audit().map((e) => [e.actor, e.from, e.to])).toEqual([
      ['hard', 'active', 'halted'],
      ['soft', 'halted', 'halted'],
    ]);
  });

  it('lastTripAt never moves backwards when a later trip time lands first', () => {
    const { a, clock, o } = pair();
    clock.set(10);
    once(
      (op, arr, i) => op === 'cas' && arr instanceof BigInt64Array && i === o.lastTripBigIndex,
      () => Atomics.store(new BigInt64Array(a.share().buffer), o.lastTripBigIndex, f64ToBits(12)),
    );
    a.trip({ level: 'halted', source: 'x', reason: '' });
    expect(a.snapshot().lastTripAt).toBe(12);
  });

  it('lastTripAt still moves forward when an earlier trip time lands first', () => {
    // Another thread read its clock earlier (8) but stored first; our trip at 10 must win, or the
    // reset cooldown would run from 8 and end 2 ms too early.
    const { a, b, clock, o } = pair(100);
    clock.set(10);
    once(
      (op, arr, i) => op === 'cas' && arr instanceof BigInt64Array && i === o.lastTripBigIndex,
      () => Atomics.store(new BigInt64Array(a.share().buffer), o.lastTripBigIndex, f64ToBits(8)),
    );
    a.trip({ level: 'halted', source: 'x', reason: '' });
    expect(a.snapshot().lastTripAt).toBe(10);
    clock.set(108);
    expect(b.reset({ operator: 'o', token: 's', reason: '' })).toMatchObject({ code: 'COOLDOWN' });
    clock.set(110);
    expect(b.reset({ operator: 'o', token: 's', reason: '' }).ok).toBe(true);
  });

  it('a hold and a dispose racing a trip: counts stay exact', () => {
    const { a, b, o } = pair();
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === o.stateIndex,
      () => b.trip({ level: 'reducing', source: 't', reason: '' }),
    );
    const h = a.hold('x', 'halted');
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === o.stateIndex,
      () => b.hold('y', 'halted'),
    );
    h.dispose();
    expect(a.snapshot()).toMatchObject({
      latched: 'reducing',
      holds: { halted: 1 },
      level: 'halted',
    });
  });
});

describe('races on watchdogs', () => {
  it('raising an expiry whose CAS loses to a hold retries', () => {
    const { a, b, clock, o } = pair();
    a.watchdog('w', 10);
    clock.advance(10);
    let casCount = 0;
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === o.stateIndex && ++casCount === 1,
      () => b.hold('x', 'reducing'),
    );
    a.checkWatchdogs();
    expect(a.snapshot()).toMatchObject({ expiredWatchdogs: 1, holds: { reducing: 1 } });
  });

  it('a beat between the due scan and the claim wins: no expiry', () => {
    const { a, clock, slotWord } = pair();
    const wd = a.watchdog('w', 10);
    clock.advance(10);
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === slotWord(0),
      () => wd.beat(),
    );
    a.checkWatchdogs();
    expect(a.snapshot().expiredWatchdogs).toBe(0);
    expect(a.audit()).toEqual([]);
  });

  it('a checker expiring the watchdog just before a beat lands: the beat recovers it', () => {
    const { a, b, clock, o } = pair();
    const wd = a.watchdog('w', 10);
    clock.advance(10);
    const lastBeat = (o.watchdogBase + 8) >> 3;
    once(
      (op, arr, i) => op === 'store' && arr instanceof BigInt64Array && i === lastBeat,
      () => b.checkWatchdogs(),
    );
    wd.beat();
    expect(a.snapshot().expiredWatchdogs).toBe(0);
    expect(a.audit().map((e) => e.action)).toEqual(['watchdog-expired', 'watchdog-recovered']);
  });

  it("a checker expiring the watchdog between a dispose's load and CAS: the dispose releases it", () => {
    const { a, b, clock, slotWord } = pair();
    const wd = a.watchdog('w', 10);
    clock.advance(10);
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === slotWord(0),
      () => b.checkWatchdogs(),
    );
    wd.dispose();
    expect(a.snapshot().expiredWatchdogs).toBe(0);
    expect(a.audit().map((e) => e.action)).toEqual(['watchdog-expired', 'release']);
  });

  it("a watchdog disposed or beaten by an earlier expiry's listener is re-checked before its claim", () => {
    const { a, clock } = pair();
    a.watchdog('first', 10);
    const second = a.watchdog('second', 10);
    const third = a.watchdog('third', 10);
    clock.advance(10);
    const off = a.subscribe(() => {
      second.dispose();
      third.beat();
    });
    a.checkWatchdogs();
    off();
    expect(a.audit().map((e) => e.actor)).toEqual(['first']);
  });

  it('two threads allocating at once take different slots; the high-water mark covers both', () => {
    const { a, b, o, clock } = pair();
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === o.watchdogCountIndex,
      () => b.watchdog('b', 10),
    );
    a.watchdog('a', 10);
    clock.advance(10);
    a.checkWatchdogs();
    expect(a.snapshot().expiredWatchdogs).toBe(2);
  });

  it('a beat between the due scan and the claim wins also for a watchdog beaten before', () => {
    // Every beat must change the slot word (the beat sequence), not only the first one: a checker
    // that read the word before this beat must lose its claim.
    const { a, clock, slotWord } = pair();
    const wd = a.watchdog('w', 10);
    clock.advance(5);
    wd.beat();
    clock.advance(10);
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === slotWord(0),
      () => wd.beat(),
    );
    a.checkWatchdogs();
    expect(a.snapshot().expiredWatchdogs).toBe(0);
    expect(a.audit()).toEqual([]);
  });

  it("an allocation whose high-water CAS loses to a lower slot's allocation retries", () => {
    const { a, clock, o, slotWord } = pair(100, 4);
    a.watchdog('long', 1_000); // slot 0, high-water mark 1
    const words = new Int32Array(a.share().buffer);
    // Another thread has claimed slot 1 (INIT) but not yet raised the high-water mark...
    Atomics.store(words, slotWord(1), 1);
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === o.watchdogCountIndex,
      // ...and raises it to 2 right before our CAS for slot 2 (1 -> 3), which therefore fails.
      () => Atomics.store(words, o.watchdogCountIndex, 2),
    );
    a.watchdog('mine', 10); // takes slot 2
    expect(Atomics.load(words, o.watchdogCountIndex)).toBe(3);
    clock.advance(10);
    a.checkWatchdogs(); // slot 2 is scanned: 'mine' expires
    expect(a.audit().map((e) => [e.action, e.actor])).toEqual([['watchdog-expired', 'mine']]);
  });
});

describe('races on the audit ring', () => {
  it('a record still being written is invisible to a reader', () => {
    const { a, o } = pair();
    a.hold('x', 'reducing'); // record 0
    const fieldOfRecord1 = ((o.auditBase + (1 % o.auditCapacity) * 384) >> 2) + 1;
    let seen: string[] | undefined;
    once(
      (op, arr, i) => op === 'store' && isInt32(arr) && i === fieldOfRecord1,
      () => {
        seen = a.audit().map((e) => e.action);
      },
    );
    a.hold('y', 'halted'); // record 1: the reader runs after its claim, before its fields
    expect(seen).toEqual(['hold']);
    expect(a.audit().map((e) => e.actor)).toEqual(['x', 'y']);
  });

  it('a claim whose CAS fails retries', () => {
    const { a, o } = pair();
    const seq0 = o.auditBase >> 2;
    const words = new Int32Array(a.share().buffer);
    once(
      (op, arr, i) => op === 'cas' && isInt32(arr) && i === seq0,
      () => Atomics.store(words, seq0, -1), // the previous lap's writer still marking the slot
    );
    a.hold('x', 'reducing');
    expect(a.audit().map((e) => e.action)).toEqual(['hold']);
  });

  it('a record overwritten while a reader copies it is skipped', () => {
    const { a, o } = pair();
    a.hold('x', 'reducing');
    const seq0 = o.auditBase >> 2;
    const words = new Int32Array(a.share().buffer);
    let loads = 0;
    once(
      (op, arr, i) => op === 'load' && isInt32(arr) && i === seq0 && ++loads === 2,
      () => Atomics.store(words, seq0, -(o.auditCapacity + 1)),
    );
    expect(a.audit()).toEqual([]);
  });
});
