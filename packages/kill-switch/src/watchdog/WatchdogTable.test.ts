import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock, systemClock } from '@tripwire/clock';
import { describe, expect, it } from 'vitest';
import { KillSwitch } from '../KillSwitch.js';

function make(clock = new ManualClock(0), maxWatchdogs = 4) {
  return { ks: new KillSwitch({ clock, secret: 's', resetCooldownMs: 0, maxWatchdogs }), clock };
}

describe('watchdog', () => {
  it('expires when now - lastBeat >= timeoutMs (boundary), evaluated by checkWatchdogs, never by allows', () => {
    const { ks, clock } = make();
    ks.watchdog('feed', 100);
    clock.advance(99);
    ks.checkWatchdogs();
    expect(ks.snapshot().level).toBe('active');
    clock.advance(1);
    expect(ks.allows('increase')).toBe(true); // allows does not evaluate watchdogs
    expect(ks.snapshot().expiredWatchdogs).toBe(0);
    ks.checkWatchdogs();
    expect(ks.snapshot()).toMatchObject({ level: 'halted', expiredWatchdogs: 1 });
    expect(ks.allows('reduce')).toBe(false);
  });

  it('a level read evaluates watchdogs', () => {
    const { ks, clock } = make();
    ks.watchdog('feed', 100);
    clock.advance(100);
    expect(ks.level).toBe('halted');
  });

  it('a beat releases the hold with no reset; regular beats keep it alive', () => {
    const { ks, clock } = make();
    const wd = ks.watchdog('feed', 100);
    for (let i = 0; i < 5; i++) {
      clock.advance(99);
      wd.beat();
      expect(ks.level).toBe('active');
    }
    clock.advance(150);
    expect(ks.level).toBe('halted');
    ks.checkWatchdogs(); // already expired: no second hold
    expect(ks.snapshot().expiredWatchdogs).toBe(1);
    wd.beat();
    expect(ks.level).toBe('active');
    expect(ks.audit().map((e) => [e.action, e.actor, e.reason, e.from, e.to])).toEqual([
      ['watchdog-expired', 'feed', 'no beat for 100 ms', 'active', 'halted'],
      ['watchdog-recovered', 'feed', 'beat', 'halted', 'active'],
    ]);
  });

  it('dispose releases an expired watchdog; dispose and beat after dispose do nothing', () => {
    const { ks, clock } = make();
    const a = ks.watchdog('a', 10);
    const b = ks.watchdog('b', 10);
    b.dispose();
    clock.advance(10);
    expect(ks.level).toBe('halted');
    a.dispose();
    a.dispose();
    a.beat();
    expect(ks.level).toBe('active');
    clock.advance(1_000);
    expect(ks.level).toBe('active');
    expect(ks.audit().map((e) => [e.action, e.reason])).toEqual([
      ['watchdog-expired', 'no beat for 10 ms'],
      ['release', 'watchdog disposed'],
    ]);
  });

  it('an expired watchdog does not stop a reset of latched trips; the hold stays', () => {
    const { ks, clock } = make();
    ks.trip({ level: 'reducing', source: 'x', reason: '' });
    ks.watchdog('w', 5);
    clock.advance(5);
    expect(ks.reset({ operator: 'o', token: 's', reason: '' }).ok).toBe(true);
    expect(ks.level).toBe('halted');
  });

  it('a stale handle is dead after dispose: it neither beats nor frees the slot reused by another', () => {
    const { ks, clock } = make(new ManualClock(0), 1);
    const stale = ks.watchdog('old', 10);
    stale.dispose();
    stale.beat();
    stale.dispose();
    const fresh = ks.watchdog('new', 10); // the only slot is free again and reused
    clock.advance(5);
    stale.beat(); // must not keep 'new' alive
    stale.dispose(); // must not free 'new'
    clock.advance(5);
    expect(ks.level).toBe('halted');
    expect(ks.audit().map((e) => [e.action, e.actor])).toEqual([['watchdog-expired', 'new']]);
    stale.beat(); // must not recover 'new' either
    expect(ks.level).toBe('halted');
    fresh.beat();
    expect(ks.level).toBe('active');
    fresh.dispose();
    expect(() => ks.watchdog('next', 10)).not.toThrow();
  });

  it('a level read with no watchdog ever created does not read the clock', () => {
    let reads = 0;
    const clock = {
      now: () => {
        reads++;
        return 0;
      },
    };
    const ks = new KillSwitch({ clock, secret: 's' });
    expect([ks.level, ks.level]).toEqual(['active', 'active']);
    ks.checkWatchdogs();
    expect(reads).toBe(0);
    ks.watchdog('w', 10).dispose();
    reads = 0;
    expect(ks.level).toBe('active'); // once one existed, the check reads the clock
    expect(reads).toBe(1);
  });

  it('a watchdog not yet due stays quiet, also among due ones, up to the exact boundary', () => {
    const { ks, clock } = make();
    ks.watchdog('slow', 100);
    const fast = ks.watchdog('fast', 10);
    clock.advance(10);
    ks.checkWatchdogs();
    expect(ks.audit().map((e) => e.actor)).toEqual(['fast']);
    fast.dispose();
    clock.set(99.999);
    expect(ks.level).toBe('active');
    clock.set(100);
    expect(ks.level).toBe('halted');
    expect(ks.audit().map((e) => [e.action, e.actor])).toEqual([
      ['watchdog-expired', 'fast'],
      ['release', 'fast'],
      ['watchdog-expired', 'slow'],
    ]);
  });

  it('with every slot in use, a check never reads past the last slot', () => {
    // The audit ring starts right after the last slot; its record words must never be taken for
    // a watchdog (record 1 in ring slot 0 has a word that looks like a live slot).
    const clock = new ManualClock(0);
    const ks = new KillSwitch({ clock, secret: 's', maxWatchdogs: 1, auditCapacity: 1 });
    ks.watchdog('only', 10);
    ks.trip({ level: 'active', source: 'a', reason: '' });
    ks.trip({ level: 'active', source: 'b', reason: '' });
    ks.checkWatchdogs();
    expect(ks.snapshot()).toMatchObject({ level: 'active', expiredWatchdogs: 0 });
    expect(ks.audit().map((e) => e.actor)).toEqual(['b']);
    clock.advance(10);
    expect(ks.level).toBe('halted');
    expect(ks.snapshot().expiredWatchdogs).toBe(1);
  });

  it('several due watchdogs expire in creation order, also when slots are reused', () => {
    const { ks, clock } = make();
    const first = ks.watchdog('first', 10);
    ks.watchdog('second', 10);
    first.dispose(); // frees slot 0
    ks.watchdog('third', 10); // reuses slot 0, created last
    clock.advance(10);
    ks.checkWatchdogs();
    expect(ks.audit().map((e) => e.actor)).toEqual(['second', 'third']);
    expect(ks.snapshot().expiredWatchdogs).toBe(2);
  });

  it('slots are bounded: CAPACITY_EXCEEDED, and a disposed slot is reusable', () => {
    const { ks } = make(new ManualClock(0), 2);
    const a = ks.watchdog('a', 10);
    ks.watchdog('b', 10);
    expect(() => ks.watchdog('c', 10)).toThrow(
      expect.objectContaining({
        code: 'CAPACITY_EXCEEDED',
        field: 'options.maxWatchdogs',
        value: 2,
        message: 'all 2 watchdog slots are in use (options.maxWatchdogs)',
      }),
    );
    a.dispose();
    expect(() => ks.watchdog('c', 10)).not.toThrow();
  });

  it('a beat while a checker is half-way through raising recovers right after (RAISING + BEAT)', () => {
    const { ks, clock } = make();
    const wd = ks.watchdog('w', 10);
    clock.advance(10);
    // The listener runs inside the checker, between raising the hold and marking the slot expired.
    const off = ks.subscribe((e) => {
      if (e.action === 'watchdog-expired') wd.beat();
    });
    ks.checkWatchdogs();
    off();
    expect(ks.snapshot().level).toBe('active');
    expect(ks.audit().map((e) => [e.action, e.reason, e.from, e.to])).toEqual([
      ['watchdog-expired', 'no beat for 10 ms', 'active', 'halted'],
      ['watchdog-recovered', 'beat', 'halted', 'active'],
    ]);
    clock.advance(9);
    expect(ks.level).toBe('active'); // the beat counted
    clock.advance(1);
    expect(ks.level).toBe('halted');
  });

  it('a dispose while a checker is half-way through raising is completed by the checker', () => {
    const { ks, clock } = make(new ManualClock(0), 1);
    const wd = ks.watchdog('w', 10);
    clock.advance(10);
    const off = ks.subscribe((e) => {
      if (e.action === 'watchdog-expired') wd.dispose();
    });
    ks.checkWatchdogs();
    off();
    expect(ks.snapshot()).toMatchObject({ level: 'active', expiredWatchdogs: 0 });
    expect(ks.audit().map((e) => [e.action, e.reason])).toEqual([
      ['watchdog-expired', 'no beat for 10 ms'],
      ['release', 'watchdog disposed'],
    ]);
    expect(() => ks.watchdog('again', 10)).not.toThrow(); // the slot was freed
  });

  it('a beat racing a second checker: two checkers raise one hold', () => {
    const clock = new ManualClock(0);
    const a = new KillSwitch({ clock, secret: 's' });
    const b = KillSwitch.attach(a.share(), { clock, secret: 's' });
    a.watchdog('w', 10);
    clock.advance(10);
    // b checks while a is half-way through raising: b sees RAISING and leaves it alone.
    a.subscribe(() => b.checkWatchdogs());
    a.checkWatchdogs();
    expect(a.snapshot().expiredWatchdogs).toBe(1);
  });

  it('works with systemClock', async () => {
    const ks = new KillSwitch({ secret: 's' });
    const wd = ks.watchdog('sys', 5);
    wd.beat();
    await sleep(20);
    expect(ks.level).toBe('halted');
    wd.beat();
    expect(ks.snapshot().level).toBe('active');
    expect(systemClock.now() - (ks.audit()[0]?.at ?? 0)).toBeGreaterThanOrEqual(0);
  });
});
