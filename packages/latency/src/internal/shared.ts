// The one door to shared memory (DESIGN §7). Every access of the histogram to its
// SharedArrayBuffer goes through these functions, so a test harness can turn each access into a
// scheduling point by defining `globalThis.__tripwireSchedulingHook__` before the package is
// imported. The global is read once, at module load: in production (no hook) each export is the
// bare Atomics call, which V8 inlines, so the facade costs nothing (bench/histogram.bench.ts
// measures `record` against a bare `Atomics.add`).

/** Called before every shared-memory access when a test installs it. */
export type SchedulingHook = (
  op: string,
  array: Int32Array | BigInt64Array | Float64Array,
  index: number,
) => void;

const hook = (globalThis as { __tripwireSchedulingHook__?: SchedulingHook })
  .__tripwireSchedulingHook__;

/** Sequentially consistent load of an Int32 word. */
export const load: (a: Int32Array, i: number) => number =
  hook === undefined
    ? (a, i) => Atomics.load(a, i)
    : (a, i) => {
        hook('load', a, i);
        return Atomics.load(a, i);
      };

/**
 * Plain (non-atomic) read of an Int32 word: tear-free for an aligned Int32 element, but without
 * ordering. Used only to skip empty buckets quickly; a non-zero word is re-read with `load`.
 */
export const loadRelaxed: (a: Int32Array, i: number) => number =
  hook === undefined
    ? (a, i) => a[i] as number
    : (a, i) => {
        hook('loadRelaxed', a, i);
        return a[i] as number;
      };

/** Sequentially consistent store of an Int32 word. */
export const store: (a: Int32Array, i: number, v: number) => void =
  hook === undefined
    ? (a, i, v) => {
        Atomics.store(a, i, v);
      }
    : (a, i, v) => {
        hook('store', a, i);
        Atomics.store(a, i, v);
      };

/** Atomic add to an Int32 word; returns the previous value (wraps modulo 2^32). */
export const add: (a: Int32Array, i: number, v: number) => number =
  hook === undefined
    ? (a, i, v) => Atomics.add(a, i, v)
    : (a, i, v) => {
        hook('add', a, i);
        return Atomics.add(a, i, v);
      };

/** Sequentially consistent load of a 64-bit word. */
export const load64: (a: BigInt64Array, i: number) => bigint =
  hook === undefined
    ? (a, i) => Atomics.load(a, i)
    : (a, i) => {
        hook('load64', a, i);
        return Atomics.load(a, i);
      };

/** Sequentially consistent store of a 64-bit word. */
export const store64: (a: BigInt64Array, i: number, v: bigint) => void =
  hook === undefined
    ? (a, i, v) => {
        Atomics.store(a, i, v);
      }
    : (a, i, v) => {
        hook('store64', a, i);
        Atomics.store(a, i, v);
      };

/** Compare-and-swap of a 64-bit word; returns the value seen (equal to `e` on success). */
export const cas64: (a: BigInt64Array, i: number, e: bigint, v: bigint) => bigint =
  hook === undefined
    ? (a, i, e, v) => Atomics.compareExchange(a, i, e, v)
    : (a, i, e, v) => {
        hook('cas64', a, i);
        return Atomics.compareExchange(a, i, e, v);
      };
