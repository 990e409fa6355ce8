import { describe, expect, it } from 'vitest';
import { isCustomScenario } from './Scenario.js';

describe('isCustomScenario', () => {
  it('tells custom measurements from mitata scenarios', () => {
    expect(isCustomScenario({ name: 'a', bench: () => 1 })).toBe(false);
    expect(
      isCustomScenario({
        name: 'b',
        measure: () =>
          Promise.resolve({ meanNs: 1, p50Ns: 1, p99Ns: 1, minNs: 1, maxNs: 1, samples: 1 }),
      }),
    ).toBe(true);
  });
});
