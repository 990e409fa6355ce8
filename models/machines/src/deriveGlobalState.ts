import type { BreakerState } from './breaker/breakerTypes.js';

/** Options of {@link deriveGlobalState} (DESIGN §3 "Global breaker"). */
export interface GlobalBreakerModelOptions {
  /**
   * Open when more than this fraction of the components are open or isolated (strict `>`).
   * @defaultValue 0.5
   */
  readonly openFraction?: number;
  /**
   * Below this many components the global breaker is always closed.
   * @defaultValue 3
   */
  readonly minComponents?: number;
}

/** The state of a global breaker. */
export type GlobalBreakerState = 'closed' | 'open' | 'half-open';

/**
 * The global breaker's state, derived on read from its components, so it recovers exactly when
 * they do: below `minComponents` -> closed; `(open + isolated) / n > openFraction` -> open; else
 * half-open when any component is half-open; else closed.
 *
 * @param componentStates - the state of every component breaker
 * @param options - `openFraction` (0.5) and `minComponents` (3)
 * @returns the derived global state
 * @example
 * ```ts
 * deriveGlobalState(['open', 'open', 'closed']); // 'open' (2/3 > 0.5)
 * deriveGlobalState(['open', 'half-open', 'closed', 'closed']); // 'half-open' (1/4 <= 0.5)
 * ```
 */
export function deriveGlobalState(
  componentStates: readonly BreakerState[],
  { openFraction = 0.5, minComponents = 3 }: GlobalBreakerModelOptions = {},
): GlobalBreakerState {
  const n = componentStates.length;
  if (n < minComponents) return 'closed';
  let down = 0;
  let halfOpen = false;
  for (const s of componentStates) {
    if (s === 'open' || s === 'isolated') down += 1;
    else if (s === 'half-open') halfOpen = true;
  }
  if (down / n > openFraction) return 'open';
  return halfOpen ? 'half-open' : 'closed';
}
