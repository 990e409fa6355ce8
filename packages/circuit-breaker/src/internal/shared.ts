/*
 * The one door to shared memory (DESIGN §7). Every access of this package to its
 * SharedArrayBuffer goes through these functions, so a test build can turn each access into a
 * scheduling point: when `globalThis.__tripwireSchedulingHook__` is set BEFORE this module is
 * imported, every function calls `hook(op, array, index)` before the access. The global is read
 * once, at module load, and production gets the bare `Atomics` call (the benchmark compares the
 * two in one run).
 *
 * Ordering vocabulary used in the comments of this package:
 * - `load` / `store` / `add` / `sub` / `cas` / `exchange` are `Atomics` operations: sequentially
 *   consistent, so they also order the plain accesses around them (release on write, acquire on
 *   read, in C++ terms).
 * - `loadRelaxed` / `storeRelaxed` are plain reads and writes of an aligned Int32 element: never
 *   torn (V8 emits one 32-bit move), but they synchronise with nothing. They are used only where
 *   a stale value is harmless: either it is re-validated by a later `cas`, or the value is owned
 *   by one writer and only summed by readers.
 * - `loadF64` / `storeF64` are plain accesses of an aligned float64 (one 64-bit move on the
 *   64-bit targets tripwire supports, x64 and arm64). Each is published by a later `cas`/`store`
 *   of an Int32 word and read after a `load` of that word, which gives the happens-before edge.
 */

type SchedulingHook = (op: string, array: ArrayLike<unknown>, index: number) => void;
const hook = (globalThis as { __tripwireSchedulingHook__?: SchedulingHook })
  .__tripwireSchedulingHook__;

/** `Atomics.load`: sequentially consistent read. */
export const load: (a: Int32Array, i: number) => number =
  hook === undefined
    ? (a, i) => Atomics.load(a, i)
    : (a, i) => {
        hook('load', a, i);
        return Atomics.load(a, i);
      };

/** Plain read of an aligned Int32: tear-free, unordered (see the header comment). */
export const loadRelaxed: (a: Int32Array, i: number) => number =
  hook === undefined
    ? (a, i) => a[i] as number
    : (a, i) => {
        hook('loadRelaxed', a, i);
        return a[i] as number;
      };

/** `Atomics.store`: sequentially consistent write. */
export const store: (a: Int32Array, i: number, v: number) => number =
  hook === undefined
    ? (a, i, v) => Atomics.store(a, i, v)
    : (a, i, v) => {
        hook('store', a, i);
        return Atomics.store(a, i, v);
      };

/** Plain write of an aligned Int32 (single-writer words only). */
export const storeRelaxed: (a: Int32Array, i: number, v: number) => void =
  hook === undefined
    ? (a, i, v) => {
        a[i] = v;
      }
    : (a, i, v) => {
        hook('storeRelaxed', a, i);
        a[i] = v;
      };

/** `Atomics.add`: returns the previous value. */
export const add: (a: Int32Array, i: number, v: number) => number =
  hook === undefined
    ? (a, i, v) => Atomics.add(a, i, v)
    : (a, i, v) => {
        hook('add', a, i);
        return Atomics.add(a, i, v);
      };

/** `Atomics.sub`: returns the previous value. */
export const sub: (a: Int32Array, i: number, v: number) => number =
  hook === undefined
    ? (a, i, v) => Atomics.sub(a, i, v)
    : (a, i, v) => {
        hook('sub', a, i);
        return Atomics.sub(a, i, v);
      };

/** `Atomics.compareExchange`: returns the value seen (=== expected on success). */
export const cas: (a: Int32Array, i: number, expected: number, value: number) => number =
  hook === undefined
    ? (a, i, e, v) => Atomics.compareExchange(a, i, e, v)
    : (a, i, e, v) => {
        hook('cas', a, i);
        return Atomics.compareExchange(a, i, e, v);
      };

/** Plain read of an aligned float64 (see the header comment for the ordering argument). */
export const loadF64: (a: Float64Array, i: number) => number =
  hook === undefined
    ? (a, i) => a[i] as number
    : (a, i) => {
        hook('loadF64', a, i);
        return a[i] as number;
      };

/** Plain write of an aligned float64, published by a later Int32 `cas` / `store`. */
export const storeF64: (a: Float64Array, i: number, v: number) => void =
  hook === undefined
    ? (a, i, v) => {
        a[i] = v;
      }
    : (a, i, v) => {
        hook('storeF64', a, i);
        a[i] = v;
      };
