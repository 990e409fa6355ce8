import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleAll,
  SamplingBreaker,
} from 'cockatiel';
import { do_not_optimize } from 'mitata';
import CircuitBreakerOpossum from 'opossum';
import type { BenchScenario } from '../model/Scenario.js';

/** Longest timer Node accepts: keeps an opened peer breaker open for the whole run. */
const FOREVER_MS = 2 ** 31 - 1;

/** Names of the peer scenarios. */
export const PEER = {
  opossumFire: 'opossum fire (closed, default options)',
  cockatielConsecutive: 'cockatiel execute (closed, ConsecutiveBreaker)',
  cockatielSampling: 'cockatiel execute (closed, SamplingBreaker)',
  opossumOpen: 'opossum fire (open: rejects with an Error)',
  cockatielOpen: 'cockatiel execute (open: rejects with BrokenCircuitError)',
} as const;

/** Which of our scenarios each peer competes with (ratio = peer / ours). */
export interface PeerVersus {
  readonly closed?: string;
  readonly open?: string;
}

/** The peer scenarios, and a `dispose` that stops opossum's timers so the process can exit. */
export interface BreakerPeers {
  readonly closed: BenchScenario[];
  readonly open: BenchScenario[];
  dispose(): void;
}

const action = (): Promise<number> => Promise.resolve(1);
const failing = (): Promise<number> => Promise.reject(new Error('boom'));
const swallow = (): void => {};

/**
 * opossum 9 and cockatiel 3 breakers around the same resolved-promise action our `execute`
 * benchmarks use, closed and open. Every call is awaited, as a caller would.
 *
 * @param group - names of the closed and open groups.
 * @param versus - our scenarios the peers are compared with, when present in the suite.
 * @param baseline - the baseline scenario (an awaited resolved promise) of the closed peers.
 * @returns the scenarios and a dispose function to call after `runSuite`.
 */
export async function breakerPeers(
  group: { closed: string; open: string },
  versus: PeerVersus = {},
  baseline?: string,
): Promise<BreakerPeers> {
  const opossum = new CircuitBreakerOpossum(action, { resetTimeout: FOREVER_MS });
  const consecutive = circuitBreaker(handleAll, {
    halfOpenAfter: FOREVER_MS,
    breaker: new ConsecutiveBreaker(5),
  });
  const sampling = circuitBreaker(handleAll, {
    halfOpenAfter: FOREVER_MS,
    breaker: new SamplingBreaker({ threshold: 0.5, duration: 10_000 }),
  });

  const opossumOpen = new CircuitBreakerOpossum(action, { resetTimeout: FOREVER_MS });
  opossumOpen.open();
  const cockatielOpen = circuitBreaker(handleAll, {
    halfOpenAfter: FOREVER_MS,
    breaker: new ConsecutiveBreaker(5),
  });
  for (let i = 0; i < 5; i++) await cockatielOpen.execute(failing).catch(swallow);
  if (cockatielOpen.state !== CircuitState.Open) {
    throw new Error(`cockatiel breaker did not open (state ${String(cockatielOpen.state)})`);
  }

  const closedInfo = {
    group: group.closed,
    kind: 'peer' as const,
    ...(versus.closed === undefined ? {} : { versus: versus.closed }),
    ...(baseline === undefined ? {} : { baseline }),
  };
  const openInfo = {
    group: group.open,
    kind: 'peer' as const,
    ...(versus.open === undefined ? {} : { versus: versus.open }),
  };
  return {
    closed: [
      {
        ...closedInfo,
        name: PEER.opossumFire,
        bench: async () => do_not_optimize(await opossum.fire()),
      },
      {
        ...closedInfo,
        name: PEER.cockatielConsecutive,
        bench: async () => do_not_optimize(await consecutive.execute(action)),
      },
      {
        ...closedInfo,
        name: PEER.cockatielSampling,
        bench: async () => do_not_optimize(await sampling.execute(action)),
      },
    ],
    open: [
      {
        ...openInfo,
        name: PEER.opossumOpen,
        bench: async () => do_not_optimize(await opossumOpen.fire().catch((e: unknown) => e)),
      },
      {
        ...openInfo,
        name: PEER.cockatielOpen,
        bench: async () =>
          do_not_optimize(await cockatielOpen.execute(action).catch((e: unknown) => e)),
      },
    ],
    dispose(): void {
      opossum.shutdown();
      opossumOpen.shutdown();
    },
  };
}
