import { checkLevel, checkObject, checkText } from './internal/validate.js';
import { KILL_SWITCH_LAYOUT as L } from './layout.js';
import type { Hold, KillSwitch } from './KillSwitch.js';
import type { KillSwitchLevel } from './levels.js';

/**
 * The part of a global breaker the bridge reads (structural, so this package does not depend on
 * `@tripwire/circuit-breaker`; a `GlobalBreaker` fits).
 */
export interface BreakerStateSource {
  readonly state: 'closed' | 'open' | 'half-open';
}

/** A bridge from a breaker's state to a kill-switch hold. */
export interface BreakerHoldBridge {
  /**
   * Reads the breaker state once: takes the hold when it is `'open'`, releases it when it is
   * not. Call it on a timer or before each order (the global breaker is derived on read and
   * emits no events).
   * @returns whether the bridge holds the kill switch after this call.
   */
  update(): boolean;
  /** Whether the bridge currently holds the kill switch. */
  readonly holding: boolean;
  /** Releases the hold if taken; later `update()` calls do nothing. Idempotent. */
  dispose(): void;
}

/** Options of {@link holdWhileOpen}. */
export interface HoldWhileOpenOptions {
  /** Audit source of the hold. @defaultValue `'global-breaker'` */
  readonly source?: string;
}

/**
 * Holds `killSwitch` at `level` while `breaker.state` is `'open'` and releases it when the
 * breaker recovers (half-open or closed), with no reset: an open breaker is a condition, not an
 * incident. Evaluates once immediately.
 *
 * @example
 * ```ts
 * const bridge = holdWhileOpen(globalBreaker, killSwitch, 'reducing');
 * setInterval(() => bridge.update(), 100);
 * ```
 * @throws KillSwitchError `'INVALID_ARGUMENT'` naming `breaker`, `level` or `options.source`.
 */
export function holdWhileOpen(
  breaker: BreakerStateSource,
  killSwitch: KillSwitch,
  level: KillSwitchLevel,
  options: HoldWhileOpenOptions = {},
): BreakerHoldBridge {
  checkObject('breaker', breaker);
  checkLevel('level', level);
  const source = options.source ?? 'global-breaker';
  checkText('options.source', source, L.maxActorBytes, true);
  let hold: Hold | undefined;
  let disposed = false;
  const bridge: BreakerHoldBridge = {
    update(): boolean {
      if (disposed) return false;
      const open = breaker.state === 'open';
      if (open && hold === undefined) hold = killSwitch.hold(source, level);
      else if (!open && hold !== undefined) {
        hold.dispose();
        hold = undefined;
      }
      return hold !== undefined;
    },
    get holding(): boolean {
      return hold !== undefined;
    },
    dispose(): void {
      disposed = true;
      hold?.dispose();
      hold = undefined;
    },
  };
  bridge.update();
  return bridge;
}
