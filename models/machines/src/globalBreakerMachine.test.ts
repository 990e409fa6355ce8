import { describe, expect, it } from 'vitest';
import { globalBreakerMachine } from './globalBreakerMachine.js';
import { ModelDriver } from './testing/ModelDriver.js';

describe('globalBreakerMachine', () => {
  it('follows deriveGlobalState as components change, and recovers with them', () => {
    const g = new ModelDriver(globalBreakerMachine, { components: 3 });
    expect(g.value).toBe('closed');
    g.send({ type: 'COMPONENT', index: 0, state: 'open' });
    expect(g.value).toBe('closed');
    g.send({ type: 'COMPONENT', index: 1, state: 'isolated' });
    expect(g.value).toBe('open');
    g.send({ type: 'COMPONENT', index: 1, state: 'half-open' });
    expect(g.value).toBe('half-open');
    g.send({ type: 'COMPONENT', index: 0, state: 'closed' });
    g.send({ type: 'COMPONENT', index: 1, state: 'closed' });
    expect(g.value).toBe('closed');
  });

  it('ignores unknown components', () => {
    const g = new ModelDriver(globalBreakerMachine, { components: 3, minComponents: 1 });
    g.send({ type: 'COMPONENT', index: 3, state: 'open' });
    g.send({ type: 'COMPONENT', index: -1, state: 'open' });
    expect(g.context.componentStates).toEqual(['closed', 'closed', 'closed']);
  });
});
