import { BucketScheme } from '../buckets/BucketScheme.js';
import { HISTOGRAM_ERROR, HistogramError } from '../errors/HistogramError.js';
import { CACHE_LINE_STRIDE, HISTOGRAM_LAYOUT, histogramRegions } from '../layout.js';
import { resolveOptions, type ResolvedHistogramOptions } from '../options.js';
import { writeCell } from './float64Cell.js';
import { load, load64, store, store64 } from './shared.js';

const L = HISTOGRAM_LAYOUT;
const X = L.extremes;

function foreign(value: unknown, why: string): HistogramError {
  return new HistogramError(
    HISTOGRAM_ERROR.foreignBuffer,
    'handle.buffer',
    value,
    `handle.buffer is not a LatencyHistogram v${L.version} buffer: ${why}`,
  );
}

/** The views of one histogram buffer, created or validated against its header. */
export class HistogramMemory {
  /** The shared buffer. */
  readonly buffer: SharedArrayBuffer;
  /** The configuration held in the header. */
  readonly options: ResolvedHistogramOptions;
  /** Bucket geometry of that configuration. */
  readonly scheme: BucketScheme;
  /** Low count words, one per slot. */
  readonly low: Int32Array;
  /** Carry (half-wrap) words, one per slot. */
  readonly high: Int32Array;
  /** Float64 cells of the out-of-range extremes and sums. */
  readonly extremes: BigInt64Array;

  private constructor(
    buffer: SharedArrayBuffer,
    options: ResolvedHistogramOptions,
    stride: number,
  ) {
    this.buffer = buffer;
    this.options = options;
    this.scheme = new BucketScheme(options.lowestNs, options.highestNs, options.significantDigits);
    const r = histogramRegions(this.scheme.buckets, stride);
    this.low = new Int32Array(buffer, r.lowByte, r.slots);
    this.high = new Int32Array(buffer, r.highByte, r.slots);
    this.extremes = new BigInt64Array(buffer, r.extremesByte, L.extremeSlots);
  }

  /**
   * Allocates and initialises a buffer for `options`.
   * @param options - validated configuration.
   */
  static create(options: ResolvedHistogramOptions): HistogramMemory {
    const scheme = new BucketScheme(options.lowestNs, options.highestNs, options.significantDigits);
    const r = histogramRegions(scheme.buckets, CACHE_LINE_STRIDE);
    const memory = new HistogramMemory(new SharedArrayBuffer(r.byteLength), options, r.stride);
    const words = new Int32Array(memory.buffer, 0, L.headerBytes / 4);
    const wide = new BigInt64Array(memory.buffer, 0, L.headerBytes / 8);
    store(words, L.versionIndex, L.version);
    store(words, L.strideIndex, r.stride);
    store(words, L.digitsIndex, options.significantDigits);
    store(words, L.bucketsIndex, scheme.buckets);
    store64(wide, L.lowestIndex, BigInt(options.lowestNs));
    store64(wide, L.highestIndex, BigInt(options.highestNs));
    HistogramMemory.clearExtremes(memory.extremes);
    // Magic last: a thread that sees the magic sees an initialised header.
    store(words, L.magicIndex, L.magic);
    return memory;
  }

  /**
   * Validates a handle's buffer against its header and options.
   * @param handle - from `share()`, possibly structured-cloned.
   * @throws HistogramError `'FOREIGN_BUFFER'` or `'CONFIG_MISMATCH'`.
   */
  static attach(handle: unknown): HistogramMemory {
    const buffer: unknown = (handle as { buffer?: unknown } | null | undefined)?.buffer;
    if (!(buffer instanceof SharedArrayBuffer)) throw foreign(buffer, 'not a SharedArrayBuffer');
    if (buffer.byteLength < L.headerBytes) throw foreign(buffer, 'too small');
    const words = new Int32Array(buffer, 0, L.headerBytes / 4);
    const wide = new BigInt64Array(buffer, 0, L.headerBytes / 8);
    const magic = load(words, L.magicIndex);
    const version = load(words, L.versionIndex);
    if (magic !== L.magic || version !== L.version) {
      throw foreign({ magic, version }, `magic ${magic}, version ${version}`);
    }
    const header = {
      lowestNs: Number(load64(wide, L.lowestIndex)),
      highestNs: Number(load64(wide, L.highestIndex)),
      significantDigits: load(words, L.digitsIndex),
    };
    let inHeader: ResolvedHistogramOptions;
    try {
      inHeader = resolveOptions(header);
    } catch {
      throw foreign(header, 'corrupted header');
    }
    const options = resolveOptions((handle as { options?: unknown }).options, 'handle.options.');
    for (const key of ['lowestNs', 'highestNs', 'significantDigits'] as const) {
      if (options[key] !== inHeader[key]) {
        throw new HistogramError(
          HISTOGRAM_ERROR.configMismatch,
          `handle.options.${key}`,
          options[key],
          `handle.options.${key} is ${options[key]} but the buffer holds a histogram with ${key} ${inHeader[key]}`,
        );
      }
    }
    const stride = load(words, L.strideIndex);
    const scheme = new BucketScheme(options.lowestNs, options.highestNs, options.significantDigits);
    if (
      (stride !== 64 && stride !== 128) ||
      load(words, L.bucketsIndex) !== scheme.buckets ||
      buffer.byteLength !== histogramRegions(scheme.buckets, stride).byteLength
    ) {
      throw foreign(buffer, `stride ${stride} or size ${buffer.byteLength} does not match`);
    }
    return new HistogramMemory(buffer, inHeader, stride);
  }

  /** Puts the extremes back to their empty values (min +Infinity, max -Infinity, sums 0). */
  static clearExtremes(extremes: BigInt64Array): void {
    const write = writeCell;
    write(extremes, X.underMin, Infinity);
    write(extremes, X.underMax, -Infinity);
    write(extremes, X.overMin, Infinity);
    write(extremes, X.overMax, -Infinity);
    write(extremes, X.underSum, 0);
    write(extremes, X.overSum, 0);
  }
}
