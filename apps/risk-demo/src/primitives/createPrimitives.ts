import { CircuitBreaker, GlobalBreaker } from '@tripwire/circuit-breaker';
import type { Clock } from '@tripwire/clock';
import { KillSwitch } from '@tripwire/kill-switch';
import { LatencyHistogram } from '@tripwire/latency';
import { RiskEngine } from '@tripwire/risk-engine';
import type { DemoConfig } from '../config/demoConfig.js';
import type {
  BreakerPort,
  GlobalBreakerPort,
  HistogramPort,
  KillSwitchPort,
  RiskEnginePort,
} from './ports.js';

/** Which implementation backs each seam; shown on the dashboard and in the report. */
export interface Implementations {
  readonly breaker: string;
  readonly killSwitch: string;
  readonly histogram: string;
  readonly riskEngine: string;
}

/** The primitives the demo wires together. */
export interface Primitives {
  readonly implementations: Implementations;
  readonly breakers: readonly BreakerPort[];
  readonly globalBreaker: GlobalBreakerPort;
  readonly killSwitch: KillSwitchPort;
  readonly engine: RiskEnginePort;
  /** Creates an empty latency histogram (ns). */
  histogram(): HistogramPort;
}

/**
 * Client ids the engine remembers for duplicate detection (a power of two, full at 3/4, then
 * every order is denied: fail closed). 2^24 covers ~12.5 million orders, about eight minutes
 * of the demo's default flow.
 */
export const CLIENT_ID_CAPACITY = 2 ** 24;

/**
 * Builds the tripwire primitives from the demo configuration: one `CircuitBreaker` per venue,
 * a `GlobalBreaker` over them, a `KillSwitch` whose reset checks the operator token, and the
 * `RiskEngine` wired to all three.
 *
 * @param config - the demo book and settings.
 * @param clock - the time base for every primitive.
 * @param operatorToken - the secret the kill switch's reset checks.
 */
export function createPrimitives(
  config: DemoConfig,
  clock: Clock,
  operatorToken: string,
): Primitives {
  const breakers = config.venues.map(() => new CircuitBreaker({ clock, ...config.breaker }));
  const globalBreaker = new GlobalBreaker(breakers, config.global);
  const killSwitch = new KillSwitch({
    clock,
    secret: operatorToken,
    resetCooldownMs: config.resetCooldownMs,
  });
  const engine = new RiskEngine({
    clock,
    killSwitch,
    globalBreaker,
    venues: config.venues.map((name, k) => ({ name, breaker: breakers[k]! })),
    instruments: config.instruments,
    strategies: config.strategies,
    clusters: config.clusters,
    loss: config.loss,
    maxWorkingOrders: 65_536,
    clientIdCapacity: CLIENT_ID_CAPACITY,
  });
  return {
    implementations: {
      breaker: '@tripwire/circuit-breaker',
      killSwitch: '@tripwire/kill-switch',
      histogram: '@tripwire/latency',
      riskEngine: '@tripwire/risk-engine',
    },
    breakers,
    globalBreaker,
    killSwitch,
    engine,
    histogram: () => new LatencyHistogram(),
  };
}
