import { ManualClock } from '@tripwire/clock';
import { describe, expect, it } from 'vitest';
import { isKillSwitchError } from './errors/KillSwitchError.js';
import { KillSwitch, type LevelChangeEvent } from './KillSwitch.js';

const SECRET = 'correct horse battery staple';

function make(clock = new ManualClock(1_000), resetCooldownMs = 60_000) {
  const ks = new KillSwitch({ clock, secret: SECRET, resetCooldownMs });
  return { ks, clock };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('KillSwitch levels', () => {
  it('starts active and allows both intents', () => {
    const { ks } = make();
    expect(ks.level).toBe('active');
    expect(ks.allows('increase')).toBe(true);
    expect(ks.allows('reduce')).toBe(true);
  });

  it('reducing allows only reduce; halted allows nothing', () => {
    const { ks } = make();
    ks.trip({ level: 'reducing', source: 'loss', reason: 'soft limit' });
    expect(ks.level).toBe('reducing');
    expect([ks.allows('increase'), ks.allows('reduce')]).toEqual([false, true]);
    ks.trip({ level: 'halted', source: 'loss', reason: 'hard limit' });
    expect(ks.level).toBe('halted');
    expect([ks.allows('increase'), ks.allows('reduce')]).toEqual([false, false]);
  });
});

describe('trip is latched and only raises', () => {
  it('a lower or equal trip is audited and changes nothing, not even lastTripAt', () => {
    const { ks, clock } = make();
    ks.trip({ level: 'halted', source: 'ops', reason: 'manual' });
    clock.advance(10);
    ks.trip({ level: 'reducing', source: 'loss', reason: 'soft' });
    ks.trip({ level: 'halted', source: 'loss', reason: 'again' });
    expect(ks.level).toBe('halted');
    expect(ks.snapshot().lastTripAt).toBe(1_000);
    expect(ks.audit().map((e) => [e.action, e.actor, e.from, e.to, e.at])).toEqual([
      ['trip', 'ops', 'active', 'halted', 1_000],
      ['trip', 'loss', 'halted', 'halted', 1_010],
      ['trip', 'loss', 'halted', 'halted', 1_010],
    ]);
  });

  it('a trip at active changes nothing', () => {
    const { ks } = make();
    ks.trip({ level: 'active', source: 'x', reason: '' });
    expect(ks.snapshot()).toMatchObject({
      level: 'active',
      latched: 'active',
      lastTripAt: undefined,
    });
    expect(ks.audit()).toHaveLength(1);
  });
});

describe('holds are counted and not latched', () => {
  it('the effective level is the max of latched and live holds; the last dispose lowers it', () => {
    const { ks } = make();
    const a = ks.hold('feed', 'reducing');
    const b = ks.hold('breaker', 'halted');
    const c = ks.hold('breaker', 'halted');
    expect(ks.snapshot().holds).toEqual({ reducing: 1, halted: 2 });
    b.dispose();
    expect(ks.level).toBe('halted');
    c.dispose();
    expect(ks.level).toBe('reducing');
    a.dispose();
    expect(ks.level).toBe('active');
  });

  it('dispose is idempotent: holds never go negative', () => {
    const { ks } = make();
    const a = ks.hold('feed', 'reducing');
    const b = ks.hold('feed', 'reducing');
    a.dispose();
    a.dispose();
    a.dispose();
    expect(ks.snapshot().holds.reducing).toBe(1);
    expect(ks.level).toBe('reducing');
    b.dispose();
    expect(ks.snapshot().holds.reducing).toBe(0);
    expect(ks.audit().filter((e) => e.action === 'release')).toHaveLength(2);
  });

  it('a hold at active is audited and changes nothing', () => {
    const { ks } = make();
    const h = ks.hold('noop', 'active');
    h.dispose();
    expect(ks.level).toBe('active');
    expect(ks.audit().map((e) => [e.action, e.reason])).toEqual([
      ['hold', 'active'],
      ['release', 'active'],
    ]);
  });

  it('holds survive a reset, trips stay latched when holds go', () => {
    const { ks, clock } = make();
    const h = ks.hold('feed', 'reducing');
    ks.trip({ level: 'halted', source: 'ops', reason: '' });
    h.dispose();
    expect(ks.level).toBe('halted');
    const h2 = ks.hold('feed', 'reducing');
    clock.advance(60_000);
    expect(ks.reset({ operator: 'alice', token: SECRET, reason: 'ok' })).toEqual({ ok: true });
    expect(ks.level).toBe('reducing');
    h2.dispose();
    expect(ks.level).toBe('active');
  });

  it('refuses a 1024th live hold at one level with CAPACITY_EXCEEDED', () => {
    const { ks } = make();
    for (let i = 0; i < 1023; i++) ks.hold('h', 'halted');
    expect(() => ks.hold('h', 'halted')).toThrow(
      expect.objectContaining({ code: 'CAPACITY_EXCEEDED', field: 'level', value: 'halted' }),
    );
    expect(ks.snapshot().holds.halted).toBe(1023);
  });

  it('at the hold limit a release still works and frees room; the error says the limit', () => {
    const { ks } = make();
    const holds = Array.from({ length: 1023 }, () => ks.hold('h', 'reducing'));
    const e = thrown(() => ks.hold('h', 'reducing'));
    expect(e).toMatchObject({ code: 'CAPACITY_EXCEEDED', field: 'level', value: 'reducing' });
    expect((e as Error).message).toBe('more than 1023 live holds at reducing');
    holds[0]?.dispose(); // a release at the limit is never refused
    expect(ks.snapshot().holds.reducing).toBe(1022);
    const again = ks.hold('h', 'reducing');
    expect(ks.snapshot().holds.reducing).toBe(1023);
    again.dispose();
    for (const h of holds) h.dispose();
    expect(ks.snapshot()).toMatchObject({ level: 'active', holds: { reducing: 0, halted: 0 } });
  });
});

describe('reset', () => {
  it('checks authorization first, then NOT_TRIPPED, then COOLDOWN (boundary: >= cooldown passes)', () => {
    const { ks, clock } = make(new ManualClock(0), 1_000);
    expect(ks.reset({ operator: 'eve', token: 'wrong', reason: 'r' })).toEqual({
      ok: false,
      code: 'UNAUTHORIZED',
    });
    expect(ks.reset({ operator: 'alice', token: SECRET, reason: 'r' })).toEqual({
      ok: false,
      code: 'NOT_TRIPPED',
    });
    ks.trip({ level: 'halted', source: 'ops', reason: 'x' });
    expect(ks.reset({ operator: 'eve', token: '', reason: 'r' })).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    clock.advance(999);
    expect(ks.reset({ operator: 'alice', token: SECRET, reason: 'r' })).toMatchObject({
      code: 'COOLDOWN',
    });
    expect(ks.level).toBe('halted');
    clock.advance(1);
    expect(ks.reset({ operator: 'alice', token: SECRET, reason: 'all clear' })).toEqual({
      ok: true,
    });
    expect(ks.level).toBe('active');
    expect(ks.audit().map((e) => [e.action, e.actor, e.code, e.from, e.to])).toEqual([
      ['reset-refused', 'eve', 'UNAUTHORIZED', 'active', 'active'],
      ['reset-refused', 'alice', 'NOT_TRIPPED', 'active', 'active'],
      ['trip', 'ops', undefined, 'active', 'halted'],
      ['reset-refused', 'eve', 'UNAUTHORIZED', 'halted', 'halted'],
      ['reset-refused', 'alice', 'COOLDOWN', 'halted', 'halted'],
      ['reset', 'alice', undefined, 'halted', 'active'],
    ]);
  });

  it('cooldown runs from the last raising trip', () => {
    const { ks, clock } = make(new ManualClock(0), 100);
    ks.trip({ level: 'reducing', source: 'a', reason: '' });
    clock.advance(90);
    ks.trip({ level: 'halted', source: 'b', reason: '' });
    clock.advance(20); // 110 after the first trip, 20 after the second
    expect(ks.reset({ operator: 'o', token: SECRET, reason: '' })).toMatchObject({
      code: 'COOLDOWN',
    });
    clock.advance(80);
    expect(ks.reset({ operator: 'o', token: SECRET, reason: '' }).ok).toBe(true);
  });

  it('default cooldown is 60 s', () => {
    const clock = new ManualClock(0);
    const ks = new KillSwitch({ clock, secret: 's' });
    ks.trip({ level: 'halted', source: 'a', reason: '' });
    clock.set(59_999);
    expect(ks.reset({ operator: 'o', token: 's', reason: '' })).toMatchObject({ code: 'COOLDOWN' });
    clock.set(60_000);
    expect(ks.reset({ operator: 'o', token: 's', reason: '' }).ok).toBe(true);
  });

  it('a pluggable authorize decides with operator and token; no name is built in', () => {
    const calls: string[] = [];
    const ks = new KillSwitch({
      clock: new ManualClock(0),
      resetCooldownMs: 0,
      authorize: (operator, token) => {
        calls.push(`${operator}:${token}`);
        return operator === 'bob' && token === 't0k3n';
      },
    });
    ks.trip({ level: 'halted', source: 'a', reason: '' });
    expect(ks.reset({ operator: 'admin', token: 't0k3n', reason: '' })).toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(ks.reset({ operator: 'bob', token: 't0k3n', reason: '' }).ok).toBe(true);
    expect(calls).toEqual(['admin:t0k3n', 'bob:t0k3n']);
  });

  it('authorize must return exactly true', () => {
    const ks = new KillSwitch({
      clock: new ManualClock(0),
      resetCooldownMs: 0,
      authorize: () => 'yes' as unknown as boolean,
    });
    ks.trip({ level: 'halted', source: 'a', reason: '' });
    expect(ks.reset({ operator: 'a', token: 'b', reason: '' })).toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('secret compare accepts only the exact secret, whatever the token length', () => {
    const { ks } = make(new ManualClock(0), 0);
    ks.trip({ level: 'halted', source: 'a', reason: '' });
    for (const token of [
      '',
      SECRET.slice(0, -1),
      SECRET + ' ',
      SECRET.toUpperCase(),
      'x'.repeat(10_000),
    ]) {
      expect(ks.reset({ operator: 'o', token, reason: '' })).toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    expect(ks.reset({ operator: 'o', token: SECRET, reason: '' }).ok).toBe(true);
  });
});

describe('subscribe', () => {
  it('delivers one event per level change, none for no-ops; unsubscribe stops delivery', () => {
    const { ks, clock } = make(new ManualClock(0), 0);
    const events: LevelChangeEvent[] = [];
    const off = ks.subscribe((e) => events.push(e));
    const h = ks.hold('feed', 'reducing');
    ks.hold('feed', 'active');
    ks.trip({ level: 'reducing', source: 'loss', reason: '' });
    clock.advance(5);
    ks.trip({ level: 'halted', source: 'loss', reason: '' });
    ks.reset({ operator: 'o', token: SECRET, reason: '' });
    off();
    h.dispose();
    expect(events).toEqual([
      { from: 'active', to: 'reducing', at: 0, action: 'hold', actor: 'feed' },
      { from: 'reducing', to: 'halted', at: 5, action: 'trip', actor: 'loss' },
      { from: 'halted', to: 'reducing', at: 5, action: 'reset', actor: 'o' },
    ]);
  });

  it('a throwing listener does not stop the others; its error surfaces after the change', () => {
    const { ks } = make();
    const seen: string[] = [];
    ks.subscribe(() => {
      throw new Error('boom');
    });
    ks.subscribe((e) => seen.push(e.to));
    expect(() => ks.trip({ level: 'halted', source: 'a', reason: '' })).toThrow('boom');
    expect(seen).toEqual(['halted']);
    expect(ks.level).toBe('halted');
  });

  it("the error surfaced is the first throwing listener's own error object", () => {
    const { ks } = make();
    const first = new Error('first');
    ks.subscribe(() => {
      throw first;
    });
    ks.subscribe(() => {
      throw new Error('second');
    });
    expect(thrown(() => ks.hold('h', 'reducing'))).toBe(first);
    expect(ks.snapshot().holds.reducing).toBe(1);
  });
});

describe('bad input is a typed error naming the field and the value', () => {
  const { ks } = make();
  const cases: [string, () => unknown, string, unknown][] = [
    [
      'unknown level',
      () => ks.trip({ level: 'stopped' as never, source: 's', reason: '' }),
      'level',
      'stopped',
    ],
    ['hold level', () => ks.hold('s', 'HALTED' as never), 'level', 'HALTED'],
    ['empty source', () => ks.trip({ level: 'halted', source: '', reason: '' }), 'source', ''],
    ['hold source', () => ks.hold(42 as never, 'halted'), 'source', 42],
    ['empty hold source', () => ks.hold('', 'halted'), 'source', ''],
    ['level not a string', () => ks.hold('s', ['halted'] as never), 'level', ['halted']],
    ['level inherited key', () => ks.hold('s', 'toString' as never), 'level', 'toString'],
    [
      'reason type',
      () => ks.trip({ level: 'halted', source: 's', reason: undefined as never }),
      'reason',
      undefined,
    ],
    [
      'long reason',
      () => ks.trip({ level: 'halted', source: 's', reason: 'é'.repeat(129) }),
      'reason',
      'é'.repeat(129),
    ],
    ['long source', () => ks.hold('x'.repeat(65), 'halted'), 'source', 'x'.repeat(65)],
    ['trip request', () => ks.trip(null as never), 'request', null],
    ['empty operator', () => ks.reset({ operator: '', token: SECRET, reason: '' }), 'operator', ''],
    [
      'token type',
      () => ks.reset({ operator: 'o', token: 123 as never, reason: '' }),
      'token',
      'number',
    ],
    ['reset request', () => ks.reset('x' as never), 'request', 'x'],
    [
      'reset reason',
      () => ks.reset({ operator: 'o', token: SECRET, reason: 7 as never }),
      'reason',
      7,
    ],
    ['watchdog name', () => ks.watchdog('', 10), 'name', ''],
    ['watchdog timeout', () => ks.watchdog('w', 0), 'timeoutMs', 0],
    ['watchdog timeout NaN', () => ks.watchdog('w', Number.NaN), 'timeoutMs', Number.NaN],
    ['listener', () => ks.subscribe('x' as never), 'listener', 'x'],
  ];
  it.each(cases)('%s', (_name, fn, field, value) => {
    const e = thrown(fn);
    expect(isKillSwitchError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', field });
    expect((e as { value: unknown }).value).toEqual(value);
    expect((e as Error).message).toContain(field);
  });

  // The message says what the field must be and shows the value given (strings quoted).
  const messages: [() => unknown, string][] = [
    [
      () => ks.trip({ level: 'stopped' as never, source: 's', reason: '' }),
      `level must be one of 'active', 'reducing', 'halted', got "stopped"`,
    ],
    [() => ks.hold('s', 3 as never), `level must be one of 'active', 'reducing', 'halted', got 3`],
    [() => ks.hold(42 as never, 'halted'), 'source must be a string, got 42'],
    [() => ks.hold('', 'halted'), 'source must be a non-empty string, got ""'],
    [
      () => ks.trip({ level: 'halted', source: 's', reason: 'é'.repeat(129) }),
      `reason must be at most 256 UTF-8 bytes (it is 258), got "${'é'.repeat(129)}"`,
    ],
    [() => ks.watchdog('w', 0), 'timeoutMs must be a finite number > 0, got 0'],
    [() => ks.watchdog('w', -Infinity), 'timeoutMs must be a finite number > 0, got -Infinity'],
    [() => ks.subscribe('x' as never), 'listener must be a function, got "x"'],
    [() => ks.trip(null as never), 'request must be an object, got null'],
    [
      // A value whose String() throws is still shown.
      () => ks.hold('s', Object.create(null) as never),
      `level must be one of 'active', 'reducing', 'halted', got [object Object]`,
    ],
  ];
  it.each(messages)('message %#', (fn, message) => {
    const e = thrown(fn);
    expect(isKillSwitchError(e)).toBe(true);
    expect((e as Error).message).toBe(message);
  });

  it('nothing changed after the rejected calls', () => {
    expect(ks.snapshot()).toMatchObject({ level: 'active', holds: { reducing: 0, halted: 0 } });
    expect(ks.audit()).toEqual([]);
  });
});

describe('construction', () => {
  it('needs authorize or secret, and not both', () => {
    expect(thrown(() => new KillSwitch({}))).toMatchObject({
      code: 'NO_AUTHORIZATION',
      field: 'options.authorize',
    });
    expect(thrown(() => new KillSwitch({ secret: 'a', authorize: () => true }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'options.secret',
    });
  });

  const bad: [string, object, string, unknown][] = [
    ['empty secret', { secret: '' }, 'options.secret', 'string'],
    ['secret type', { secret: 5 }, 'options.secret', 'number'],
    ['authorize type', { authorize: 'yes' }, 'options.authorize', 'yes'],
    ['cooldown', { secret: 's', resetCooldownMs: -1 }, 'options.resetCooldownMs', -1],
    [
      'cooldown NaN',
      { secret: 's', resetCooldownMs: Number.NaN },
      'options.resetCooldownMs',
      Number.NaN,
    ],
    ['audit capacity', { secret: 's', auditCapacity: 0 }, 'options.auditCapacity', 0],
    ['audit capacity int', { secret: 's', auditCapacity: 1.5 }, 'options.auditCapacity', 1.5],
    ['watchdogs', { secret: 's', maxWatchdogs: 256 }, 'options.maxWatchdogs', 256],
    ['clock', { secret: 's', clock: {} }, 'options.clock', {}],
  ];
  it.each(bad)('%s', (_n, options, field, value) => {
    const e = thrown(() => new KillSwitch(options));
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', field });
    expect((e as { value: unknown }).value).toEqual(value);
  });

  it('construction errors explain themselves (and never echo the secret)', () => {
    const cases: [object, string, unknown, string][] = [
      [
        {},
        'options.authorize',
        undefined,
        'a kill switch needs options.authorize(operator, token) or options.secret to authorize resets',
      ],
      [
        { secret: 'hunter2', authorize: () => true },
        'options.secret',
        '<redacted>',
        'options.authorize and options.secret are exclusive: give exactly one',
      ],
      [
        { secret: '' },
        'options.secret',
        'string',
        'options.secret must be a non-empty string, got an empty string',
      ],
      [
        { secret: 5 },
        'options.secret',
        'number',
        'options.secret must be a non-empty string, got number',
      ],
      [
        { secret: 's', resetCooldownMs: -1 },
        'options.resetCooldownMs',
        -1,
        'options.resetCooldownMs must be a finite number >= 0, got -1',
      ],
      [
        { secret: 's', auditCapacity: 1.5 },
        'options.auditCapacity',
        1.5,
        'options.auditCapacity must be an integer in [1, 1048576], got 1.5',
      ],
      [
        { secret: 's', maxWatchdogs: 256 },
        'options.maxWatchdogs',
        256,
        'options.maxWatchdogs must be an integer in [1, 255], got 256',
      ],
      [
        { secret: 's', clock: 5 },
        'options.clock',
        5,
        'options.clock must be a Clock (an object with now()), got 5',
      ],
    ];
    for (const [options, field, value, message] of cases) {
      const e = thrown(() => new KillSwitch(options));
      expect(e).toMatchObject({ field, message });
      expect((e as { value: unknown }).value).toEqual(value);
    }
  });

  it('numeric options accept their bounds', () => {
    const clock = new ManualClock(0);
    const ks = new KillSwitch({ clock, secret: 's', resetCooldownMs: 0, maxWatchdogs: 255 });
    expect(ks.share().options).toMatchObject({ resetCooldownMs: 0, maxWatchdogs: 255 });
    for (let i = 0; i < 255; i++) ks.watchdog(`w${i}`, 10);
    expect(() => ks.watchdog('one-too-many', 10)).toThrow(
      expect.objectContaining({ code: 'CAPACITY_EXCEEDED' }),
    );
    expect(new KillSwitch({ secret: 's', auditCapacity: 1 }).share().options.auditCapacity).toBe(1);
  });

  it('options must be an object', () => {
    expect(thrown(() => new KillSwitch(undefined as never))).toMatchObject({ field: 'options' });
  });

  it('the secret is never put into an error', () => {
    const e = thrown(() => new KillSwitch({ secret: 'hunter2', authorize: () => true }));
    expect(JSON.stringify(e) + (e as Error).message).not.toContain('hunter2');
  });
});
