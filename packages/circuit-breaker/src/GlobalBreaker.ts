import { InvalidBreakerOptionsError } from './errors/InvalidBreakerOptionsError.js';
import type { CircuitBreaker } from './CircuitBreaker.js';
import { REJECTED } from './state/permit.js';

/** Options of {@link GlobalBreaker}. */
export interface GlobalBreakerOptions {
  /** Open when more than this fraction of components are open or isolated (strict `>`), in [0, 1]. @defaultValue 0.5 */
  readonly openFraction?: number;
  /** Below this many components the global breaker is closed. @defaultValue 3 */
  readonly minComponents?: number;
}

/** The derived global state. */
export type GlobalBreakerState = 'closed' | 'open' | 'half-open';

/**
 * A breaker over component breakers (e.g. one per venue), derived on read from their states, so
 * it recovers exactly when they do (DESIGN §3). It stores nothing of its own.
 *
 * @example
 * ```ts
 * const global = new GlobalBreaker([venueA, venueB, venueC], { openFraction: 0.5 });
 * const p = global.tryAcquire(1); // REJECTED.globalOpen (-4) while 2 of 3 venues are down
 * ```
 */
export class GlobalBreaker {
  readonly #components: readonly CircuitBreaker[];
  readonly #openFraction: number;
  readonly #minComponents: number;

  /**
   * @param breakers - the components; `tryAcquire(i)` uses `breakers[i]`
   * @throws {@link InvalidBreakerOptionsError} for a bad `openFraction` or `minComponents`
   */
  constructor(breakers: readonly CircuitBreaker[], options: GlobalBreakerOptions = {}) {
    const list: unknown = breakers;
    if (!Array.isArray(list)) {
      throw new InvalidBreakerOptionsError('breakers', breakers, 'an array of CircuitBreaker');
    }
    const openFraction = options.openFraction ?? 0.5;
    if (typeof openFraction !== 'number' || !(openFraction >= 0 && openFraction <= 1)) {
      throw new InvalidBreakerOptionsError('openFraction', openFraction, 'a number in [0, 1]');
    }
    const minComponents = options.minComponents ?? 3;
    if (!Number.isInteger(minComponents) || minComponents < 1) {
      throw new InvalidBreakerOptionsError('minComponents', minComponents, 'a positive integer');
    }
    this.#components = [...breakers];
    this.#openFraction = openFraction;
    this.#minComponents = minComponents;
  }

  /** The components, in index order. */
  get components(): readonly CircuitBreaker[] {
    return this.#components;
  }

  /**
   * `'open'` when more than `openFraction` of the components are open or isolated, else
   * `'half-open'` when any is half-open, else `'closed'`; `'closed'` below `minComponents`.
   */
  get state(): GlobalBreakerState {
    const n = this.#components.length;
    if (n < this.#minComponents) return 'closed';
    let down = 0;
    let probing = false;
    for (const c of this.#components) {
      const s = c.state;
      if (s === 'open' || s === 'isolated') down++;
      else if (s === 'half-open') probing = true;
    }
    if (down / n > this.#openFraction) return 'open';
    return probing ? 'half-open' : 'closed';
  }

  /**
   * A permit of component `componentIndex`, or `REJECTED.globalOpen` (-4) while the global state
   * is open (counted in that component's `notPermitted`), or the component's own rejection.
   *
   * @throws {@link InvalidBreakerOptionsError} (`componentIndex`) for an index with no component
   */
  tryAcquire(componentIndex: number): number {
    const component = this.#components[componentIndex];
    if (component === undefined) {
      throw new InvalidBreakerOptionsError(
        'componentIndex',
        componentIndex,
        `an index in [0, ${this.#components.length - 1}]`,
      );
    }
    if (this.state === 'open') {
      component.countRejection();
      return REJECTED.globalOpen;
    }
    return component.tryAcquire();
  }
}
