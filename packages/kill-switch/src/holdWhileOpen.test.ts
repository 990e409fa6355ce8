import { ManualClock } from '@tripwire/clock';
import { describe, expect, it } from 'vitest';
import { holdWhileOpen, type BreakerStateSource } from './holdWhileOpen.js';
import { KillSwitch } from './KillSwitch.js';

class FakeGlobalBreaker implements BreakerStateSource {
  state: 'closed' | 'open' | 'half-open' = 'closed';
}

describe('holdWhileOpen', () => {
  it('holds while the breaker is open and releases when it recovers, with no reset', () => {
    const ks = new KillSwitch({ clock: new ManualClock(0), secret: 's' });
    const breaker = new FakeGlobalBreaker();
    const bridge = holdWhileOpen(breaker, ks, 'reducing');
    expect([bridge.holding, ks.level]).toEqual([false, 'active']);
    breaker.state = 'open';
    expect(ks.level).toBe('active'); // derived on read: nothing happens until update()
    expect(bridge.update()).toBe(true);
    expect(bridge.update()).toBe(true); // no second hold
    expect(bridge.holding).toBe(true);
    expect(ks.snapshot().holds.reducing).toBe(1);
    expect(ks.allows('increase')).toBe(false);
    breaker.state = 'half-open';
    expect(bridge.update()).toBe(false);
    expect(ks.level).toBe('active');
    breaker.state = 'open';
    bridge.update();
    breaker.state = 'closed';
    bridge.update();
    expect(ks.audit().map((e) => [e.action, e.actor])).toEqual([
      ['hold', 'global-breaker'],
      ['release', 'global-breaker'],
      ['hold', 'global-breaker'],
      ['release', 'global-breaker'],
    ]);
  });

  it('takes the hold at once when created open; dispose releases and stops updates', () => {
    const ks = new KillSwitch({ clock: new ManualClock(0), secret: 's' });
    const breaker = new FakeGlobalBreaker();
    breaker.state = 'open';
    const bridge = holdWhileOpen(breaker, ks, 'halted', { source: 'venues' });
    expect(ks.level).toBe('halted');
    bridge.dispose();
    bridge.dispose();
    expect(ks.level).toBe('active');
    expect(bridge.update()).toBe(false);
    expect(bridge.holding).toBe(false);
    expect(ks.audit()[0]?.actor).toBe('venues');
  });

  it('a latched trip is unaffected by the bridge', () => {
    const ks = new KillSwitch({ clock: new ManualClock(0), secret: 's' });
    const breaker = new FakeGlobalBreaker();
    const bridge = holdWhileOpen(breaker, ks, 'reducing');
    ks.trip({ level: 'halted', source: 'ops', reason: '' });
    breaker.state = 'open';
    bridge.update();
    breaker.state = 'closed';
    bridge.update();
    expect(ks.level).toBe('halted');
  });

  it('rejects bad arguments naming them', () => {
    const ks = new KillSwitch({ clock: new ManualClock(0), secret: 's' });
    expect(() => holdWhileOpen(null as never, ks, 'halted')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'breaker' }),
    );
    expect(() => holdWhileOpen(new FakeGlobalBreaker(), ks, 'x' as never)).toThrow(
      expect.objectContaining({ field: 'level', value: 'x' }),
    );
    expect(() => holdWhileOpen(new FakeGlobalBreaker(), ks, 'halted', { source: '' })).toThrow(
      expect.objectContaining({ field: 'options.source' }),
    );
  });
});
