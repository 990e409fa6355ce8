/**
 * Shared-memory layout of a {@link LatencyHistogram}. Regions that different kinds of access
 * touch start on separate cache lines (`stride` = 64 bytes, 128 on arm64 because of its
 * adjacent-line prefetch):
 *
 * ```
 * byte 0            header     Int32 magic 'LAT1', layout version, stride, significantDigits,
 *                              bucket count; BigInt64 lowestNs (byte 32), highestNs (byte 40)
 * byte stride       extremes   BigInt64 float64 bits of underMin, underMax, overMin, overMax,
 *                              underSum, overSum (slow paths only: values out of range)
 * byte 2 * stride   low words  Int32[slots]: one counter per bucket, then underflow, overflow,
 *                              invalid (the words `record` adds to)
 * byte highByte     high words Int32[slots]: half-wrap carries of each low word
 *                              (docs/decisions/0401-latency-count-words.md)
 * ```
 * The header is written before the buffer is shared and never changes, so `attach` can refuse a
 * foreign or mismatched buffer. Neighbouring buckets share cache lines on purpose: a histogram
 * padded to one bucket per line would be 16 times larger and slower to read.
 */
export const HISTOGRAM_LAYOUT = {
  /** 'LAT1'. */
  magic: 0x4c415431,
  version: 1,
  /** Int32 index of the magic word. */
  magicIndex: 0,
  /** Int32 index of the layout version. */
  versionIndex: 1,
  /** Int32 index of the cache-line stride in bytes. */
  strideIndex: 2,
  /** Int32 index of `significantDigits`. */
  digitsIndex: 3,
  /** Int32 index of the number of in-range buckets. */
  bucketsIndex: 4,
  /** BigInt64 index of `lowestNs`. */
  lowestIndex: 4,
  /** BigInt64 index of `highestNs`. */
  highestIndex: 5,
  /** Bytes of the header that must exist before anything else can be checked. */
  headerBytes: 48,
  /** BigInt64 indices, within the extremes view, of the float64 bits of each extreme or sum. */
  extremes: { underMin: 0, underMax: 1, overMin: 2, overMax: 3, underSum: 4, overSum: 5 },
  /** Number of BigInt64 slots in the extremes view. */
  extremeSlots: 6,
  /** Counter slots after the last bucket, relative to the bucket count. */
  extra: { underflow: 0, overflow: 1, invalid: 2 },
  /** Number of counter slots after the buckets. */
  extraSlots: 3,
} as const;

/** Byte offsets of the regions of one histogram buffer. */
export interface HistogramRegions {
  /** Cache-line stride in bytes. */
  readonly stride: number;
  /** Counter slots: buckets + underflow, overflow, invalid. */
  readonly slots: number;
  /** Byte offset of the extremes view. */
  readonly extremesByte: number;
  /** Byte offset of the low counter words. */
  readonly lowByte: number;
  /** Byte offset of the high (carry) counter words. */
  readonly highByte: number;
  /** Total byte length of the buffer. */
  readonly byteLength: number;
}

/** The cache-line stride of this machine: 128 bytes on arm64 (adjacent-line prefetch), else 64. */
export const CACHE_LINE_STRIDE: number = process.arch === 'arm64' ? 128 : 64;

/**
 * @param buckets - number of in-range buckets.
 * @param stride - cache-line stride in bytes (64 or 128).
 * @returns the byte offsets of each region.
 */
export function histogramRegions(buckets: number, stride: number): HistogramRegions {
  const slots = buckets + HISTOGRAM_LAYOUT.extraSlots;
  const wordsBytes = Math.ceil((slots * 4) / stride) * stride;
  const lowByte = 2 * stride;
  const highByte = lowByte + wordsBytes;
  return {
    stride,
    slots,
    extremesByte: stride,
    lowByte,
    highByte,
    byteLength: highByte + wordsBytes,
  };
}
