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
    // Per session table; RiskDemo rolls the session (config.clientIds).
    clientIdCapacity: config.clientIds.capacity,
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
