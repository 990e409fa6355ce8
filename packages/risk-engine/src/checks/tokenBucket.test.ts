import { describe, expect, it } from 'vitest';
import { refill, refundToken, takeToken } from './tokenBucket.js';

const TOKENS = 0;
const LAST = 1;

describe('token bucket', () => {
  it('a refill at a time before LAST credits nothing and never moves LAST back', () => {
    const i32 = new Int32Array(2);
    i32[LAST] = 100;
    refill(i32, TOKENS, LAST, 1, 5_000, 50); // a worker whose clock read is older
    expect([i32[TOKENS], i32[LAST]]).toEqual([0, 100]);
    refill(i32, TOKENS, LAST, 1, 5_000, 150); // 50 ms since 100 at 1 milli-token/ms
    expect([i32[TOKENS], i32[LAST]]).toEqual([50, 150]);
  });

  it('takeToken without reserve only reads: -1 below one token, else the milli-tokens', () => {
    const i32 = new Int32Array(2);
    i32[TOKENS] = 999;
    expect(takeToken(i32, TOKENS, LAST, 1, 5_000, 0, false)).toBe(-1);
    i32[TOKENS] = 1_000;
    expect(takeToken(i32, TOKENS, LAST, 1, 5_000, 0, false)).toBe(1_000);
    expect(i32[TOKENS]).toBe(1_000);
    expect(takeToken(i32, TOKENS, LAST, 1, 5_000, 0, true)).toBe(1_000);
    expect(takeToken(i32, TOKENS, LAST, 1, 5_000, 0, true)).toBe(-1);
    refundToken(i32, TOKENS, 1_500);
    refundToken(i32, TOKENS, 1_500);
    expect(i32[TOKENS]).toBe(1_500);
  });
});
