import { InvalidRiskConfigError } from '../errors/InvalidRiskConfigError.js';
import { LAYOUT, STRIDE_WORDS, regions, type Regions } from '../layout.js';
import type { CompiledConfig } from './compileConfig.js';
import { cas, load, loadF64, store, storeF64 } from './shared.js';

/**
 * @internal The shared arrays of one engine plus its compiled configuration and per-check
 * scratch values (one `Core` per engine instance, i.e. per thread: scratch is not shared).
 */
/** Int32 words per 4 KiB page (the smallest page size of the platforms Node 20 runs on). */
const PAGE_WORDS = 1024;

/**
 * Writes every page of a new buffer once. A fresh SharedArrayBuffer is mapped lazily: the first
 * write to each page faults into the kernel (a few µs each). The client-id and fingerprint tables
 * are hashed, so without this the first ~100,000 checks of an engine land on untouched pages at
 * random: measured 7,969 minor page faults in the first 100,000 checks of the benchmark's 35 MB
 * engine and a per-check p99 of 11.5 µs instead of 1.0 µs. Writing zero over zero changes no
 * value, and the buffer is not shared yet (`share()` has not run), so the plain writes race with
 * nothing. Costs one page fault per page at construction instead of during trading.
 */
function prefault(i32: Int32Array): void {
  for (let k = 0; k < i32.length; k += PAGE_WORDS) i32[k] = 0;
}

export class Core {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly cfg: CompiledConfig;
  readonly r: Regions;
  /** Clock time (ms) that Int32 millisecond stamps count from; same in every thread. */
  readonly epoch: number;
  /** Scratch: reference price and its time read by the freshness check. */
  ref = 0;
  refTime = 0;
  /**
   * Scratch: `clock.now()` of the current check. Kept in a field (an in-place double) rather than
   * passed as an argument, so a non-inlined check function never boxes it (no allocation).
   */
  now = 0;
  /** Scratch: sink of the prefetching reads of `touchDuplicateLines` (never read). */
  touched = 0;

  constructor(cfg: CompiledConfig, buffer: SharedArrayBuffer | undefined, now: number) {
    this.cfg = cfg;
    const counts = {
      instruments: cfg.n,
      strategies: cfg.m,
      venues: cfg.v,
      clusters: cfg.k,
      capacity: cfg.capacity,
      idCapacity: cfg.idCapacity,
      fpCapacity: cfg.fpCapacity,
      correlation: cfg.corrOn,
    };
    if (buffer === undefined) {
      this.r = regions(STRIDE_WORDS, counts);
      const sab = new SharedArrayBuffer(this.r.words * 4);
      this.i32 = new Int32Array(sab);
      this.f64 = new Float64Array(sab);
      this.epoch = now;
      prefault(this.i32);
      this.#init();
    } else {
      if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < 64) {
        throw new InvalidRiskConfigError(
          'shared.buffer',
          buffer,
          'must be the SharedArrayBuffer of a RiskEngine',
        );
      }
      this.i32 = new Int32Array(buffer);
      this.f64 = new Float64Array(buffer);
      const h = LAYOUT.header;
      const magic = load(this.i32, h.magic);
      const version = load(this.i32, h.version);
      if (magic !== LAYOUT.magic || version !== LAYOUT.version) {
        throw new InvalidRiskConfigError(
          'shared.buffer',
          { magic, version },
          `is not a RiskEngine v${LAYOUT.version} buffer`,
        );
      }
      const digest = load(this.i32, h.digest);
      if (digest !== cfg.digest) {
        throw new InvalidRiskConfigError(
          'shared',
          digest,
          `was created with different options (digest ${cfg.digest} here)`,
        );
      }
      this.r = regions(load(this.i32, h.stride), counts);
      if (this.r.words * 4 > buffer.byteLength) {
        throw new InvalidRiskConfigError(
          'shared.buffer',
          buffer.byteLength,
          'is too small for these options',
        );
      }
      this.epoch = loadF64(this.f64, h.epoch / 2);
    }
  }

  #init(): void {
    const { i32, cfg, r } = this;
    const h = LAYOUT.header;
    store(i32, h.stride, r.stride);
    store(i32, h.digest, cfg.digest);
    store(i32, h.capacity, cfg.capacity);
    store(i32, h.idCapacity, cfg.idCapacity);
    store(i32, h.fpCapacity, cfg.fpCapacity);
    storeF64(this.f64, h.epoch / 2, this.epoch);
    for (let j = 0; j < cfg.m; j++) {
      const base = r.strategies + j * r.stride;
      store(i32, base + LAYOUT.strategy.tokens, cfg.stratBurst[j]!);
      store(i32, base + LAYOUT.strategy.cancelTokens, cfg.cancelBurst[j]!);
    }
    for (let j = 0; j < cfg.v; j++)
      store(i32, r.venues + j * r.stride + LAYOUT.venue.tokens, cfg.venueBurst[j]!);
    store(i32, h.version, LAYOUT.version);
    // Magic last: a thread that attaches and sees the magic sees an initialised buffer.
    store(i32, h.magic, LAYOUT.magic);
  }

  /** Int32 index of instrument `i`'s line. */
  inst(i: number): number {
    return this.r.instruments + i * this.r.stride;
  }

  /** Int32 index of strategy `j`'s line. */
  strat(j: number): number {
    return this.r.strategies + j * this.r.stride;
  }

  /** `now` in milliseconds since the engine's epoch as an Int32 (valid for 24.8 days of uptime). */
  ms(): number {
    return Math.floor(this.now - this.epoch) | 0;
  }

  /**
   * Reads instrument `i`'s reference price and its time into `ref` / `refTime` (seqlock reader:
   * SEQ is odd while a writer is inside; a read is accepted only when SEQ was even and unchanged
   * across it, so the two plain f64 reads belong to one write). Returns false when no price yet.
   */
  readRef(i: number): boolean {
    const { i32, f64 } = this;
    const base = this.inst(i);
    const seqIdx = base + LAYOUT.instrument.seq;
    for (;;) {
      const s1 = load(i32, seqIdx);
      if ((s1 & 1) === 0) {
        const ref = loadF64(f64, (base + LAYOUT.instrument.ref) >> 1);
        const time = loadF64(f64, (base + LAYOUT.instrument.refTime) >> 1);
        if (load(i32, seqIdx) === s1) {
          this.ref = ref;
          this.refTime = time;
          return s1 !== 0;
        }
      }
    }
  }

  /** Takes the accounting lock (fills and price updates only; `check` never takes it). */
  lock(): void {
    const idx = LAYOUT.lockLine * this.r.stride;
    while (cas(this.i32, idx, 0, 1) !== 0) {
      // Spin: critical sections are O(instruments) arithmetic with no calls out.
    }
  }

  /** Releases the accounting lock (a seq-cst store: everything written inside is visible first). */
  unlock(): void {
    store(this.i32, LAYOUT.lockLine * this.r.stride, 0);
  }

  /** Notional units of `lots` lots at `price` (rounded up: conservative). */
  units(i: number, lots: number, price: number): number {
    return Math.ceil((lots * this.cfg.lot[i]! * price) / this.cfg.unit - 1e-9);
  }
}
