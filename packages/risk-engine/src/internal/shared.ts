/**
 * The one facade through which every access to the engine's shared memory goes (DESIGN §7).
 *
 * A test harness turns each access into a scheduling point by setting
 * `globalThis.__tripwireSchedulingHook__` before this module is imported; the global is read once
 * at module load, so production pays nothing (the hook-free branches are plain `Atomics` calls).
 */
type SchedulingHook = (op: string, array: ArrayLike<unknown>, index: number) => void;

const hook = (globalThis as { __tripwireSchedulingHook__?: SchedulingHook })
  .__tripwireSchedulingHook__;

/** Sequentially consistent load. */
export const load: (a: Int32Array, i: number) => number =
  hook === undefined
    ? (a, i) => Atomics.load(a, i)
    : (a, i) => {
        hook('load', a, i);
        return Atomics.load(a, i);
      };

/**
 * Plain (non-atomic) Int32 read: an aligned Int32 access never tears, but it is not ordered with
 * other accesses and may return a value older than the latest one. Used only where that cannot
 * change an outcome (docs/decisions/0508): as the expected value of the CAS that follows (the CAS
 * validates it; a denial is decided on an `Atomics.load` or a CAS result: `reserveUpTo`,
 * `takeToken`, `probe`, the fingerprint stamp, slot allocation), as a prefetch whose value is
 * discarded (`touchDuplicateLines`), on a word that only grows where a smaller value leads to the
 * same outcome (a bucket's LAST), and on words published to this thread by a synchronising step
 * (a reservation's fields, published with its id). An `Atomics.load` costs ~7 ns on Node 20 (a
 * builtin call that re-validates the array), a plain read ~1 ns.
 */
export const loadRelaxed: (a: Int32Array, i: number) => number =
  hook === undefined
    ? (a, i) => a[i] as number
    : (a, i) => {
        hook('loadRelaxed', a, i);
        return a[i] as number;
      };

/**
 * Plain (non-atomic) Int32 write; only for words published to other threads by a later
 * synchronising step (see the reservation slot fields in `slots.ts`).
 */
export const storeRelaxed: (a: Int32Array, i: number, v: number) => void =
  hook === undefined
    ? (a, i, v) => {
        a[i] = v;
      }
    : (a, i, v) => {
        hook('storeRelaxed', a, i);
        a[i] = v;
      };

/** Sequentially consistent store. */
export const store: (a: Int32Array, i: number, v: number) => void =
  hook === undefined
    ? (a, i, v) => {
        Atomics.store(a, i, v);
      }
    : (a, i, v) => {
        hook('store', a, i);
        Atomics.store(a, i, v);
      };

/** Atomic add; returns the previous value. */
export const add: (a: Int32Array, i: number, v: number) => number =
  hook === undefined
    ? (a, i, v) => Atomics.add(a, i, v)
    : (a, i, v) => {
        hook('add', a, i);
        return Atomics.add(a, i, v);
      };

/** Atomic subtract; returns the previous value. */
export const sub: (a: Int32Array, i: number, v: number) => number =
  hook === undefined
    ? (a, i, v) => Atomics.sub(a, i, v)
    : (a, i, v) => {
        hook('sub', a, i);
        return Atomics.sub(a, i, v);
      };

/** Compare-and-swap; returns the value seen (equal to `expected` on success). */
export const cas: (a: Int32Array, i: number, expected: number, value: number) => number =
  hook === undefined
    ? (a, i, e, v) => Atomics.compareExchange(a, i, e, v)
    : (a, i, e, v) => {
        hook('cas', a, i);
        return Atomics.compareExchange(a, i, e, v);
      };

/**
 * Plain (non-atomic) float64 read, used only inside a seqlock read section or under the
 * accounting lock, where the surrounding Atomics accesses order it (see `layout.ts`).
 */
export const loadF64: (a: Float64Array, i: number) => number =
  hook === undefined
    ? (a, i) => a[i] as number
    : (a, i) => {
        hook('loadRelaxed', a, i);
        return a[i] as number;
      };

/** Plain float64 write; only under the accounting lock or a seqlock write section. */
export const storeF64: (a: Float64Array, i: number, v: number) => void =
  hook === undefined
    ? (a, i, v) => {
        a[i] = v;
      }
    : (a, i, v) => {
        hook('storeRelaxed', a, i);
        a[i] = v;
      };

/**
 * Zeroes `count` words from `from`, `stride` apart: plain writes, published by the sequentially
 * consistent write that follows them (a thread that reads that write sees the zeros); a racing
 * Atomics read of one of these words sees the old value or 0, never a torn one (aligned Int32).
 * Under the scheduling hook each word is a separate store point, so interleavings with a partial
 * clear are explored.
 */
export const clear: (a: Int32Array, from: number, count: number, stride: number) => void =
  hook === undefined
    ? (a, from, count, stride) => {
        const end = from + count * stride;
        for (let i = from; i < end; i += stride) a[i] = 0;
      }
    : (a, from, count, stride) => {
        const end = from + count * stride;
        for (let i = from; i < end; i += stride) {
          hook('store', a, i);
          Atomics.store(a, i, 0);
        }
      };

/**
 * Counts the non-zero words among `count` words from `from`, `stride` apart, with plain reads (a
 * statistic: each word is read tear-free, the total is not a snapshot of one instant).
 */
export const countNonZero: (a: Int32Array, from: number, count: number, stride: number) => number =
  hook === undefined
    ? (a, from, count, stride) => {
        const end = from + count * stride;
        let n = 0;
        for (let i = from; i < end; i += stride) if (a[i] !== 0) n++;
        return n;
      }
    : (a, from, count, stride) => {
        const end = from + count * stride;
        let n = 0;
        for (let i = from; i < end; i += stride) {
          hook('loadRelaxed', a, i);
          if (a[i] !== 0) n++;
        }
        return n;
      };
