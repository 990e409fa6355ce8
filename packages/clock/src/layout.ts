/**
 * Shared-memory layout of a {@link SharedManualClock}: one cache line.
 *
 * ```
 * byte 0   Int32     magic       0x434c4b31 ('CLK1'), so attach refuses a foreign buffer
 * byte 4   Int32     version     layout version
 * byte 8   BigInt64  time bits   the IEEE-754 bits of the current time in ms
 * ```
 * The time is stored as the bits of a float64 in a BigInt64 slot because `Atomics` works on
 * integer arrays only, and a plain Float64Array access is allowed to tear under the ECMAScript
 * memory model; a BigInt64 `Atomics.load` / `compareExchange` is tear-free and sequentially
 * consistent.
 */
export const CLOCK_LAYOUT = {
  magic: 0x434c4b31,
  version: 1,
  /** Int32 index of the magic word. */
  magicIndex: 0,
  /** Int32 index of the version word. */
  versionIndex: 1,
  /** BigInt64 index of the time bits. */
  timeIndex: 1,
  byteLength: 64,
} as const;
