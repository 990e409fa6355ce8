import type { ResolvedBreakerOptions } from './options/BreakerOptions.js';

/**
 * Shared-memory layout of a `CircuitBreaker`, declared once. The buffer is a sequence of cache
 * lines of `stride` bytes: 64 on x64, 128 on arm64 (Apple and Neoverse cores prefetch the
 * adjacent line, so 64-byte spacing would still share). Every word written by different threads
 * sits on its own line; a line never holds words of two different concerns.
 *
 * ```
 * line 0            header      i32[0] magic 'TWCB', [1] layout version, [2] stride,
 *                               [3] options digest, [4] byte length, [5] stripe allocator
 * line 1            state word  i32[0] (generation << 2) | state            <- every call
 * line 2            window head i32[0] count window: (tag8 << 24) | count24;
 *                               time window: the window tag (gate)
 * line 3            failures    i32[0] count window: (tag8 << 24) | count24
 * line 4            slow calls  i32[0] count window: (tag8 << 24) | count24
 * line 5            consecutive i32[0] (tag8 << 24) | count24
 * line 6            holds       i32[0] live isolation holds
 * line 7            last epoch  f64[0] time window: newest bucket epoch seen (idle-gap sweep)
 * lines 8..15       rejection stripes: i32[0] notPermitted, one line per attached instance
 * lines 16..19      transition banks, by generation mod 4: i32[0] tag (generation),
 *                   i32[1] openCount, f64[1] openedAt (NaN = none), f64[2] open until,
 *                   f64[3] frozenAt (when the window stopped taking results)
 * line 20           half-open tally: i32[0] (gen16 << 16) | (seal2 << 14) | successes14
 * next `permits`    probe slots: i32[0] (gen16 << 16) | (use12 << 4) | status4,
 *                   f64[1] lease deadline
 * then              count window: the ring, `size` packed i32 (tag8 << 24) | outcome bits
 *                   time window: one line per bucket: i32[0] (tag8 << 23) | epoch23,
 *                   i32[1] calls, i32[2] failures, i32[3] slow calls
 * ```
 * The ring is packed: only failures and slow results (and successes evicting them) write it, so
 * it is not a contended line; spacing it would cost `size` lines.
 */
export const BREAKER_LAYOUT = {
  magic: 0x54574342,
  version: 1,
  header: { magic: 0, version: 1, stride: 2, digest: 3, byteLength: 4, stripeAlloc: 5 },
  lines: {
    header: 0,
    state: 1,
    head: 2,
    failures: 3,
    slow: 4,
    consecutive: 5,
    holds: 6,
    lastEpoch: 7,
    stripes: 8,
    banks: 16,
    tally: 20,
    slots: 21,
  },
  stripes: 8,
  banks: 4,
} as const;

/** Cache-line stride for this process: 128 bytes on arm64, 64 elsewhere. */
export function strideFor(arch: string): 64 | 128 {
  return arch === 'arm64' ? 128 : 64;
}

/** Element indices of one breaker's buffer (computed once per instance). */
export interface BreakerLayout {
  readonly stride: number;
  readonly byteLength: number;
  /** Int32 index of the state word. */
  readonly state: number;
  readonly head: number;
  readonly failures: number;
  readonly slow: number;
  readonly consecutive: number;
  readonly holds: number;
  /** Float64 index of the last epoch. */
  readonly lastEpoch: number;
  /** Int32 index of rejection stripe 0; stripe i at `stripe0 + i * lineI32`. */
  readonly stripe0: number;
  /** Int32 index of bank 0's tag; bank i at `bank0 + i * lineI32`. */
  readonly bank0: number;
  /** Int32 index of the half-open tally word. */
  readonly tally: number;
  /** Int32 index of slot 0's word; slot i at `slot0 + i * lineI32`. */
  readonly slot0: number;
  /** Int32 index of the first ring word (count window) or bucket 0 (time window). */
  readonly window0: number;
  /** Int32 elements per line. */
  readonly lineI32: number;
}

/**
 * @param options - resolved options (window size and permits decide the length)
 * @param stride - cache-line bytes
 * @returns the indices and byte length of the buffer
 */
export function computeLayout(options: ResolvedBreakerOptions, stride: number): BreakerLayout {
  const lineI32 = stride / 4;
  const L = BREAKER_LAYOUT.lines;
  const windowLine = L.slots + options.halfOpen.permits;
  const windowLines =
    options.window.type === 'count'
      ? Math.ceil((options.window.size * 4) / stride)
      : options.window.buckets;
  return {
    stride,
    byteLength: (windowLine + windowLines) * stride,
    state: L.state * lineI32,
    head: L.head * lineI32,
    failures: L.failures * lineI32,
    slow: L.slow * lineI32,
    consecutive: L.consecutive * lineI32,
    holds: L.holds * lineI32,
    lastEpoch: (L.lastEpoch * stride) / 8,
    stripe0: L.stripes * lineI32,
    bank0: L.banks * lineI32,
    tally: L.tally * lineI32,
    slot0: L.slots * lineI32,
    window0: windowLine * lineI32,
    lineI32,
  };
}
