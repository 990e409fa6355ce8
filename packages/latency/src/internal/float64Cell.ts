import { cas64, load64, store64 } from './shared.js';

// A float64 kept as its IEEE-754 bits in a BigInt64 slot: Atomics work on integer arrays only,
// and a plain Float64Array access may tear. Updates are compare-and-swap loops (lock-free: a
// failed CAS means another thread's update succeeded). Only values out of range take these paths.

const scratchF = new Float64Array(1);
const scratchB = new BigInt64Array(scratchF.buffer);

function bits(x: number): bigint {
  scratchF[0] = x;
  return scratchB[0] as bigint;
}

function float(b: bigint): number {
  scratchB[0] = b;
  return scratchF[0] as number;
}

/** @returns the float64 in slot `i`. */
export function readCell(a: BigInt64Array, i: number): number {
  return float(load64(a, i));
}

/** Stores `x` in slot `i`. */
export function writeCell(a: BigInt64Array, i: number, x: number): void {
  store64(a, i, bits(x));
}

/** Lowers slot `i` to `x` when `x` is smaller. */
export function lowerCell(a: BigInt64Array, i: number, x: number): void {
  for (;;) {
    const seen = load64(a, i);
    if (!(x < float(seen)) || cas64(a, i, seen, bits(x)) === seen) return;
  }
}

/** Raises slot `i` to `x` when `x` is larger. */
export function raiseCell(a: BigInt64Array, i: number, x: number): void {
  for (;;) {
    const seen = load64(a, i);
    if (!(x > float(seen)) || cas64(a, i, seen, bits(x)) === seen) return;
  }
}

/** Adds `x` to slot `i`. */
export function addToCell(a: BigInt64Array, i: number, x: number): void {
  for (;;) {
    const seen = load64(a, i);
    if (cas64(a, i, seen, bits(float(seen) + x)) === seen) return;
  }
}
