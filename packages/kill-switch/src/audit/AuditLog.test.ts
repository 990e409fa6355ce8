import { ManualClock } from '@tripwire/clock';
import { describe, expect, it } from 'vitest';
import { KillSwitch } from '../KillSwitch.js';
import { KILL_SWITCH_LAYOUT as L, killSwitchOffsets } from '../layout.js';

describe('audit', () => {
  it('records time, actor, reason, from and to; strings round-trip as UTF-8', () => {
    const clock = new ManualClock(12.5);
    const ks = new KillSwitch({ clock, secret: 's', resetCooldownMs: 0 });
    ks.trip({ level: 'halted', source: 'risk-ü', reason: 'Verlust > 20 000 € ✓' });
    clock.advance(1);
    ks.reset({ operator: 'ops-日本', token: 's', reason: 'x'.repeat(L.maxReasonBytes) });
    expect(ks.audit()).toEqual([
      {
        at: 12.5,
        action: 'trip',
        actor: 'risk-ü',
        reason: 'Verlust > 20 000 € ✓',
        from: 'active',
        to: 'halted',
      },
      {
        at: 13.5,
        action: 'reset',
        actor: 'ops-日本',
        reason: 'x'.repeat(256),
        from: 'halted',
        to: 'active',
      },
    ]);
  });

  it('a refused reset carries its code; no other record has a code field', () => {
    const clock = new ManualClock(0);
    const ks = new KillSwitch({ clock, secret: 's', resetCooldownMs: 10 });
    ks.reset({ operator: 'o', token: 'bad', reason: '' });
    ks.reset({ operator: 'o', token: 's', reason: '' });
    ks.trip({ level: 'halted', source: 't', reason: '' });
    ks.reset({ operator: 'o', token: 's', reason: '' });
    ks.hold('h', 'reducing').dispose();
    clock.advance(10);
    ks.reset({ operator: 'o', token: 's', reason: '' });
    const entries = ks.audit();
    expect(entries.map((e) => [e.action, e.code])).toEqual([
      ['reset-refused', 'UNAUTHORIZED'],
      ['reset-refused', 'NOT_TRIPPED'],
      ['trip', undefined],
      ['reset-refused', 'COOLDOWN'],
      ['hold', undefined],
      ['release', undefined],
      ['reset', undefined],
    ]);
    for (const e of entries) expect('code' in e).toBe(e.action === 'reset-refused');
  });

  it('text at the ASCII boundary (U+007F, U+0080) round-trips and counts UTF-8 bytes', () => {
    const ks = new KillSwitch({ clock: new ManualClock(0), secret: 's' });
    ks.trip({ level: 'active', source: '\u007f\u0080', reason: '\u0080'.repeat(128) });
    expect(ks.audit()[0]).toMatchObject({ actor: '\u007f\u0080', reason: '\u0080'.repeat(128) });
    expect(() =>
      ks.trip({ level: 'active', source: 's', reason: 'a' + '\u0080'.repeat(128) }),
    ).toThrow(expect.objectContaining({ field: 'reason' }));
  });

  it('is bounded: the oldest records are overwritten and counted in auditDropped', () => {
    const ks = new KillSwitch({ clock: new ManualClock(0), secret: 's', auditCapacity: 4 });
    for (let i = 0; i < 10; i++) ks.trip({ level: 'active', source: `s${i}`, reason: '' });
    expect(ks.audit().map((e) => e.actor)).toEqual(['s6', 's7', 's8', 's9']);
    expect(ks.auditDropped).toBe(6);
  });

  it('nothing is dropped below capacity', () => {
    const ks = new KillSwitch({ clock: new ManualClock(0), secret: 's', auditCapacity: 4 });
    for (let i = 0; i < 4; i++) ks.hold(`h${i}`, 'reducing');
    expect(ks.audit()).toHaveLength(4);
    expect(ks.auditDropped).toBe(0);
  });

  it('skips a record still being written and one a writer a lap ahead has claimed', () => {
    const ks = new KillSwitch({ clock: new ManualClock(0), secret: 's', auditCapacity: 2 });
    ks.trip({ level: 'active', source: 'a', reason: '' });
    ks.trip({ level: 'active', source: 'b', reason: '' });
    const { buffer, options } = ks.share();
    const o = killSwitchOffsets(options.stride, options.auditCapacity, options.maxWatchdogs);
    const words = new Int32Array(buffer);
    const seq0 = o.auditBase >> 2;
    Atomics.store(words, seq0, -1); // record 0 "being written"
    expect(ks.audit().map((e) => e.actor)).toEqual(['b']);
    Atomics.store(words, seq0, 3); // slot 0 now owned by record 2, which is not reserved yet
    expect(ks.audit().map((e) => e.actor)).toEqual(['b']);
    // The writer of record 2 finds the slot claimed by a newer record (4): it gives way.
    Atomics.store(words, seq0, 5);
    ks.trip({ level: 'active', source: 'c', reason: '' });
    expect(ks.audit().map((e) => e.actor)).toEqual(['b']);
    expect(ks.auditDropped).toBe(1);
  });
});
