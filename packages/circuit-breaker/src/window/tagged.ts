/**
 * Window control words are tagged: `(tag8 << 24) | count24`, where the tag is the low 8 bits of
 * the generation that started the window. Starting a fresh window is a compare-and-swap of each
 * word to `(newTag << 24) | 0`; a writer that still holds an older tag fails its own
 * compare-and-swap (or sees the tag differ) and reports its result as stale instead of counting
 * it in the new window.
 */

/** Mask of the count bits. */
export const COUNT_MASK = 0xffffff;

/** @returns the window tag of generation `g`. */
export function windowTag(g: number): number {
  return g & 0xff;
}

/** @returns a tagged word. */
export function tagged(tag: number, count: number): number {
  return (tag << 24) | count | 0;
}

/** @returns the tag of a tagged word. */
export function tagOf(word: number): number {
  return word >>> 24;
}
