/**
 * The breaker's state word: ONE Int32 holding the state (low 2 bits) and the generation (high 30
 * bits). Every transition is a single compare-and-swap of this word from `(g, s)` to
 * `(g + 1, s')`, so of several threads racing to make a transition exactly one succeeds, and the
 * losers see a new generation and never apply their decision (no ABA: the generation only grows;
 * it wraps after 2^30 transitions).
 */

/** Breaker states as the integers stored in the state word. */
export const STATE = {
  closed: 0,
  open: 1,
  'half-open': 2,
  isolated: 3,
} as const;

/** The four breaker states of DESIGN §3. */
export type BreakerState = keyof typeof STATE;

/** State names indexed by their integer code. */
export const STATE_NAMES: readonly BreakerState[] = Object.freeze([
  'closed',
  'open',
  'half-open',
  'isolated',
]);

/** Mask of the state bits. */
export const STATE_MASK = 3;
/** Generations are 30-bit. */
export const GENERATION_MASK = 0x3fffffff;

/** @returns the state word for `(generation, state)` (an Int32, possibly negative). */
export function stateWord(generation: number, state: number): number {
  return ((generation & GENERATION_MASK) << 2) | state | 0;
}

/** @returns the generation of a state word. */
export function generationOf(word: number): number {
  return word >>> 2;
}

/** @returns the word of the next generation in `state`. */
export function nextWord(word: number, state: number): number {
  return stateWord((word >>> 2) + 1, state);
}
