import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '@tripwire/circuit-breaker';
import { GenerationBlindBreaker } from '../fixtures/GenerationBlindBreaker.js';
import { breakerModelProperty } from './breakerModelProperty.js';

/** `npm run soak` multiplies the number of command sequences. */
const SOAK = Number(process.env['TRIPWIRE_SOAK'] ?? 1);

describe('CircuitBreaker vs circuitBreakerMachine (model-based)', () => {
  it(
    'agrees with the model on results, state, generation and counters after every command',
    () => {
      // 1,000 command sequences; a failure prints seed, path and the commands' replayPath.
      fc.assert(
        breakerModelProperty((o) => new CircuitBreaker(o)),
        { numRuns: 1_000 * SOAK, seed: SOAK === 1 ? 20261124 : Date.now(), verbose: 1 },
      );
    },
    60_000 * SOAK,
  );

  it('finds the bug in a breaker that applies stale results to the current generation (fixture)', () => {
    const details = fc.check(
      breakerModelProperty((o) => new GenerationBlindBreaker(o)),
      { numRuns: 1_000, seed: 20261124 },
    );
    expect(details.failed).toBe(true);
    expect(String(details.errorInstance)).toMatch(/implementation .*, model /);
  }, 60_000);
});
