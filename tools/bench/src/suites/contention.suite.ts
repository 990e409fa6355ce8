// Worker threads contending on shared memory: cache-line spacing against a packed layout, and
// one circuit breaker shared by 1, 2 and 4 workers.
import { CircuitBreaker } from '@tripwire/circuit-breaker';
import { runSuite } from '../suite/runSuite.js';
import { counterScenarios, sharedBreakerScenarios } from '../scenarios/contention.js';

await runSuite({
  name: 'contention',
  scenarios: [...counterScenarios(), ...sharedBreakerScenarios(() => new CircuitBreaker().share())],
  notes: [
    'Packed: every worker increments its own Int32 counter, the counters 4 bytes apart (one cache line: false sharing). Strided: the same counters one cache line apart (64 bytes on x64, 128 on arm64), the spacing every tripwire layout uses. Shared: every worker increments the same counter. The breaker has no packed mode, so the packed / strided comparison uses these counters.',
    'Shared breaker: each worker attaches to the same breaker and loops on tryAcquire + onSuccess (closed, count window of 20); compared with the same number of workers incrementing one shared counter.',
    'With 4 workers on a 2-core machine, workers time-share the cores: per-worker throughput falls for that reason too.',
  ],
});
