import { describe, expect, it } from 'vitest';
import { addCount, clearCounts, increment, readCount, readCounts } from './counts.js';

function counter(low: number, high: number): [Int32Array, Int32Array] {
  const l = new Int32Array(new SharedArrayBuffer(8));
  const h = new Int32Array(new SharedArrayBuffer(8));
  l[0] = low | 0;
  h[0] = high;
  return [l, h];
}

describe('count words (docs/decisions/0401)', () => {
  it('an increment that crosses a half wrap carries, and the count reads on', () => {
    for (const start of [2 ** 31 - 2, 2 ** 32 - 2, 3 * 2 ** 32 + 2 ** 31 - 2]) {
      const wraps = Math.floor(start / 2 ** 32);
      const rest = start - wraps * 2 ** 32;
      const [l, h] = counter(rest, 2 * wraps + (rest >= 2 ** 31 ? 1 : 0));
      expect(readCount(l, h, 0)).toBe(start);
      for (let k = 1; k <= 4; k++) {
        increment(l, h, 0);
        expect(readCount(l, h, 0)).toBe(start + k);
      }
    }
  });

  it('a carry in flight (low crossed, high not yet added) reads correctly: the carrier may die there', () => {
    // Crossed 2^31 but high still 0.
    expect(readCount(...counter(2 ** 31 + 5, 0), 0)).toBe(2 ** 31 + 5);
    // Wrapped past 2^32 but high still 1 (one half-wrap recorded).
    expect(readCount(...counter(5, 1), 0)).toBe(2 ** 32 + 5);
    // Settled states.
    expect(readCount(...counter(5, 2), 0)).toBe(2 ** 32 + 5);
    expect(readCount(...counter(2 ** 31 + 5, 1), 0)).toBe(2 ** 31 + 5);
  });

  it('addCount adds any amount up to 2^53 with the same carries', () => {
    for (const [start, k] of [
      [0, 2 ** 31],
      [2 ** 31 - 1, 1],
      [2 ** 32 - 3, 2 ** 30 + 7],
      [12, 5 * 2 ** 32 + 2 ** 31 + 9],
      [2 ** 31 + 9, 2 ** 52],
    ] as const) {
      const [l, h] = counter(0, 0);
      addCount(l, h, 0, start);
      expect(readCount(l, h, 0)).toBe(start);
      addCount(l, h, 0, k);
      expect(readCount(l, h, 0)).toBe(start + k);
    }
  });

  it('repeated large adds keep their carries (each add is split so it crosses one half wrap)', () => {
    const [l, h] = counter(0, 0);
    for (let n = 1; n <= 3; n++) {
      addCount(l, h, 0, 2 ** 32 - 1);
      expect(readCount(l, h, 0)).toBe(n * (2 ** 32 - 1));
    }
  });

  it('readCounts reads a carry in flight (low word past 2^31, high word still 0) exactly', () => {
    const [l, h] = counter(2 ** 31 + 5, 0);
    const into = new Float64Array(2);
    readCounts(l, h, into);
    expect(into[0]).toBe(2 ** 31 + 5);
  });

  it('readCounts takes plain reads for small counters and the protocol for the rest; clear zeroes', () => {
    const low = new Int32Array(new SharedArrayBuffer(16));
    const high = new Int32Array(new SharedArrayBuffer(16));
    addCount(low, high, 1, 7);
    addCount(low, high, 2, 2 ** 33 + 3);
    addCount(low, high, 3, 2 ** 31 + 1);
    const into = new Float64Array(4);
    // The return value leaves out the last slot (the invalid counter).
    expect(readCounts(low, high, into)).toBe(7 + 2 ** 33 + 3);
    expect(Array.from(into)).toEqual([0, 7, 2 ** 33 + 3, 2 ** 31 + 1]);
    clearCounts(low, high);
    readCounts(low, high, into);
    expect(Array.from(into)).toEqual([0, 0, 0, 0]);
  });
});
