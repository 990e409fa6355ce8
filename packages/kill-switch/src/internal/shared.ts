/**
 * The one door to shared memory (DESIGN §7). Every read and write of a kill switch buffer goes
 * through these functions, so a test build can make each access a scheduling point: set
 * `globalThis.__tripwireSchedulingHook__` before this module is first imported and it is called
 * with `(op, array, index)` BEFORE every access. The global is read once, at module load; without
 * it every export is the bare operation (checked against a bare `Atomics` call in the benchmark).
 *
 * Memory order: the `Atomics` operations are sequentially consistent. `loadRelaxed` is a plain
 * typed-array read, used only by `allows`: an aligned Int32 element read is tear-free under the
 * ECMAScript memory model, and every write of that word is an `Atomics` operation (see
 * KillSwitch.allows for why this is enough).
 */
type SchedulingHook = (op: string, array: ArrayLike<unknown>, index: number) => void;

const hook = (globalThis as { __tripwireSchedulingHook__?: SchedulingHook })
  .__tripwireSchedulingHook__;

// Per-thread scratch to convert a float64 to its bits and back without allocating a view.
const scratchF = new Float64Array(1);
const scratchB = new BigInt64Array(scratchF.buffer);

/** @returns the IEEE-754 bits of `x`. */
export function f64ToBits(x: number): bigint {
  scratchF[0] = x;
  return scratchB[0] as bigint;
}

/** @returns the float64 whose bits are `bits`. */
export function bitsToF64(bits: bigint): number {
  scratchB[0] = bits;
  return scratchF[0] as number;
}

// A loop beats TypedArray.prototype.set into shared memory for these short (<= 256 byte) strings.
function copyBytes(bytes: Uint8Array, off: number, src: Uint8Array): void {
  for (let i = 0; i < src.length; i++) bytes[off + i] = src[i] as number;
}

/** Sequentially consistent load. */
export const load: (a: Int32Array, i: number) => number =
  hook === undefined
    ? (a, i) => Atomics.load(a, i)
    : (a, i) => {
        hook('load', a, i);
        return Atomics.load(a, i);
      };

/** Plain (unordered, tear-free for an aligned Int32) read: the `allows` hot path. */
export const loadRelaxed: (a: Int32Array, i: number) => number =
  hook === undefined
    ? (a, i) => a[i] as number
    : (a, i) => {
        hook('loadRelaxed', a, i);
        return a[i] as number;
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

/** Compare-and-swap; returns the value found (the swap happened iff it equals `expected`). */
export const cas: (a: Int32Array, i: number, expected: number, value: number) => number =
  hook === undefined
    ? (a, i, e, v) => Atomics.compareExchange(a, i, e, v)
    : (a, i, e, v) => {
        hook('cas', a, i);
        return Atomics.compareExchange(a, i, e, v);
      };

/** Sequentially consistent load of a float64 kept as bits in a BigInt64 slot. */
export const loadF64: (a: BigInt64Array, i: number) => number =
  hook === undefined
    ? (a, i) => bitsToF64(Atomics.load(a, i))
    : (a, i) => {
        hook('load', a, i);
        return bitsToF64(Atomics.load(a, i));
      };

/** Sequentially consistent store of a float64 as bits in a BigInt64 slot. */
export const storeF64: (a: BigInt64Array, i: number, v: number) => void =
  hook === undefined
    ? (a, i, v) => {
        Atomics.store(a, i, f64ToBits(v));
      }
    : (a, i, v) => {
        hook('store', a, i);
        Atomics.store(a, i, f64ToBits(v));
      };

/** Compare-and-swap of BigInt64 bits; returns the bits found. */
export const casBits: (a: BigInt64Array, i: number, expected: bigint, value: bigint) => bigint =
  hook === undefined
    ? (a, i, e, v) => Atomics.compareExchange(a, i, e, v)
    : (a, i, e, v) => {
        hook('cas', a, i);
        return Atomics.compareExchange(a, i, e, v);
      };

/** Sequentially consistent load of BigInt64 bits. */
export const loadBits: (a: BigInt64Array, i: number) => bigint =
  hook === undefined
    ? (a, i) => Atomics.load(a, i)
    : (a, i) => {
        hook('load', a, i);
        return Atomics.load(a, i);
      };

/**
 * Plain copy of `src` into the shared bytes at `byteOffset` (inside a seqlock-protected record or
 * a slot not yet published; readers validate with the record's sequence word). `words` is the
 * Int32 view of the same buffer, passed to the scheduling hook.
 */
export const writeBytes: (
  words: Int32Array,
  bytes: Uint8Array,
  byteOffset: number,
  src: Uint8Array,
) => void =
  hook === undefined
    ? (_w, bytes, off, src) => {
        copyBytes(bytes, off, src);
      }
    : (w, bytes, off, src) => {
        hook('writeBytes', w, off >> 2);
        copyBytes(bytes, off, src);
      };

/** Plain copy of `length` shared bytes at `byteOffset` into a new array (see writeBytes). */
export const readBytes: (
  words: Int32Array,
  bytes: Uint8Array,
  byteOffset: number,
  length: number,
) => Uint8Array =
  hook === undefined
    ? (_w, bytes, off, n) => bytes.slice(off, off + n)
    : (w, bytes, off, n) => {
        hook('readBytes', w, off >> 2);
        return bytes.slice(off, off + n);
      };
