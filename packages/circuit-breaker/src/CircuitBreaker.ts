import type { Clock } from '@tripwire/clock';
import { BreakerOpenError } from './errors/BreakerOpenError.js';
import { BREAKER_ATTACH_ERROR, BreakerAttachError } from './errors/BreakerAttachError.js';
import * as sharedMemory from './internal/shared.js';
import { BREAKER_LAYOUT, computeLayout, strideFor, type BreakerLayout } from './layout.js';
import {
  clockOf,
  openDuration,
  optionsDigest,
  resolveBreakerOptions,
  type CircuitBreakerOptions,
  type ResolvedBreakerOptions,
} from './options/BreakerOptions.js';
import * as permitCodes from './state/permit.js';
import * as probeSlots from './state/ProbeSlots.js';
import { ProbeSlots } from './state/ProbeSlots.js';
import * as stateWord from './state/stateWord.js';
import type { BreakerState } from './state/stateWord.js';
import { TransitionBank, type BankView } from './state/TransitionBank.js';
import * as countWindow from './window/CountWindow.js';
import { CountWindow } from './window/CountWindow.js';
import { TimeWindow } from './window/TimeWindow.js';
import * as taggedWord from './window/tagged.js';
import type { SlidingWindow, WindowCounts } from './window/WindowCounts.js';

// Imports used per call, re-bound as module constants: V8 reads an imported binding through its
// module cell with a hole check at every use, and folds a module-level `const` (decision 0207).
const { add, cas, load, loadRelaxed, store, storeRelaxed } = sharedMemory;
const { HALF_OPEN_BASE, MAX_SLOTS, MAX_USES, REJECTED } = permitCodes;
const { CLAIM_FULL, CLAIM_STALE, SEAL, SLOT } = probeSlots;
const { STATE, STATE_NAMES, nextWord } = stateWord;
const { BAD_ENTRY } = countWindow;
const { COUNT_MASK, tagOf, tagged, windowTag } = taggedWord;

/*
 * Concurrency design (memory-ordering reasoning; details beside each structure):
 *
 * - Exactly-once transitions. Every transition is `#commit`: write the next generation's bank
 *   (plain writes), then ONE `Atomics.compareExchange` of the state word from the exact word
 *   `w = (g, s)` the decision was based on to `(g + 1, s')`. Sequential consistency of the CAS
 *   gives a single winner; every loser observes a newer generation and drops its decision. Only
 *   the winner runs the effects (fresh window, event), so an event is emitted once, after the
 *   effects, in the winner's thread.
 * - No ABA. The generation only grows (30 bits), so a word once left is never seen again; permits,
 *   probe slots, the half-open tally and the window words are all tagged with (bits of) the
 *   generation that wrote them, so a late report of an old generation cannot match anything.
 * - Publication. Data a generation needs (break start and length, window freeze time, backoff
 *   count) is written before the CAS that enters it; readers take an `Atomics.load` of the state
 *   word before reading it (acquire edge). The closed hot path reads the state word plainly: a
 *   stale "closed" only admits a call whose permit then reports 'stale'.
 * - Half-open order. A tally word per generation orders its results (0204): the success that
 *   reaches the quorum, the first failure or an expired lease SEALS it, and only then moves the
 *   state; once sealed, results are stale and acquires help finish the transition, so no thread
 *   ever waits for another (lock-free).
 */

/** Why the breaker changed state. */
export type BreakerCause =
  | 'failure-rate'
  | 'consecutive-failures'
  | 'slow-call-rate'
  | 'open-elapsed'
  | 'half-open-success'
  | 'half-open-failure'
  | 'lease-expired'
  | 'isolate'
  | 'dispose'
  | 'reset';

/** One transition, delivered to `subscribe` listeners in the thread that made it. */
export interface BreakerTransition {
  readonly from: BreakerState;
  readonly to: BreakerState;
  /** The generation entered. */
  readonly generation: number;
  /** Clock time of the transition (ms). */
  readonly at: number;
  readonly cause: BreakerCause;
}

/** What `onSuccess`, `onFailure` and `release` return. */
export type ResultOutcome = 'recorded' | 'stale' | 'duplicate';

/** `snapshot()`: the breaker as one thread sees it now. */
export interface BreakerSnapshot {
  readonly state: BreakerState;
  readonly generation: number;
  readonly calls: number;
  readonly failures: number;
  readonly slowCalls: number;
  /** `failures / calls`, `NaN` below `minimumCalls`. */
  readonly failureRate: number;
  readonly consecutiveFailures: number;
  /** Rejections since creation (all threads). */
  readonly notPermitted: number;
  /** Half-open probes admitted and not yet reported or released. */
  readonly halfOpenInFlight: number;
  /** When the current break began; `undefined` when the breaker has not opened since it closed. */
  readonly openedAt: number | undefined;
  /** Rest of the break while open, `Infinity` while isolated, else 0. */
  readonly retryAfterMs: number;
}

/** Structured-cloneable handle from `share()`: post it to a worker and `attach` there. */
export interface BreakerHandle {
  readonly buffer: SharedArrayBuffer;
  readonly options: ResolvedBreakerOptions;
}

/** Per-thread parts of an attached breaker (functions cannot cross threads). */
export interface AttachOptions {
  /** @defaultValue `systemClock` */
  readonly clock?: Clock;
  /** @defaultValue every error is a failure */
  readonly isFailure?: (error: unknown) => boolean;
}

/** Options of `execute`. */
export interface ExecuteOptions {
  /** Passed to `fn`; an aborted signal refuses the call, an error after abort releases the permit. */
  readonly signal?: AbortSignal;
}

/** A live isolation hold from `isolate()`. */
export interface IsolationHold {
  /** Releases this hold (idempotent); the last one moves the breaker to half-open. */
  dispose(): void;
}

const CLOSED = STATE.closed;
const OPEN = STATE.open;
const HALF_OPEN = STATE['half-open'];
const ISOLATED = STATE.isolated;
const KIND_SUCCESS = 0;
const KIND_FAILURE = 1;
const KIND_RELEASE = 2;
const everyError = (): boolean => true;
const noop = (): void => undefined;

/** Private construction path of `attach`. */
const ATTACH = Symbol('attach');

/**
 * A lock-free circuit breaker whose state lives in a `SharedArrayBuffer`, so every worker thread
 * that attaches it sees and drives one breaker (DESIGN §3).
 *
 * Hot path: `tryAcquire()` returns a permit (>= 0) or a negative {@link REJECTED} code;
 * `onSuccess` / `onFailure` / `release` report it. None of them throws; the closed-state acquire
 * is one plain read of the state word, no clock, no allocation.
 *
 * @example
 * ```ts
 * const cb = new CircuitBreaker({ window: { type: 'count', size: 20 } });
 * const p = cb.tryAcquire();
 * if (isPermit(p)) {
 *   try { await send(); cb.onSuccess(p); } catch { cb.onFailure(p); }
 * }
 * ```
 */
export class CircuitBreaker {
  readonly #a: Int32Array;
  readonly #f: Float64Array;
  readonly #options: ResolvedBreakerOptions;
  readonly #layout: BreakerLayout;
  readonly #clock: Clock;
  readonly #isFailure: (error: unknown) => boolean;
  readonly #S: number;
  readonly #window: SlidingWindow;
  readonly #timeWindow: boolean;
  readonly #slots: ProbeSlots;
  readonly #banks: TransitionBank;
  readonly #stripe: number;
  readonly #stripeOwned: boolean;
  readonly #slowCallMs: number;
  /** Int32 index of the consecutive-failure word (cached: read on every closed result). */
  readonly #consecutiveIndex: number;
  // The count window's words, for the success path inlined in onSuccess (#countWindow undefined
  // and #countSize 0 for a time window, which never takes it).
  readonly #countWindow: CountWindow | undefined;
  readonly #countSize: number;
  readonly #head: number;
  readonly #ring: number;
  readonly #counts: WindowCounts = { calls: 0, failures: 0, slowCalls: 0 };
  readonly #bank: BankView = { openCount: 0, openedAt: 0, openMs: 0, frozenAt: 0 };
  #listeners: readonly ((t: BreakerTransition) => void)[] = [];
  // Thread-local cache of the current break: the state word it belongs to, its start and length.
  // Valid exactly while the state word is unchanged (a new break is a new generation).
  #openWord = -1;
  #openedAt = 0;
  #openMs = 0;
  // execute()'s reactions for the permit `#reactionsPermit` (-1: none yet).
  #reactionsPermit = -1;
  #onFulfilled: () => void = noop;
  #onRejected: (error: unknown) => void = noop;

  /**
   * @param options - see {@link CircuitBreakerOptions}; defaults are DESIGN §3's
   * @throws {@link InvalidBreakerOptionsError} naming the bad field and value
   */
  constructor(options: CircuitBreakerOptions = {}, attach?: { [ATTACH]: BreakerHandle }) {
    const handle = attach?.[ATTACH];
    const resolved = handle === undefined ? resolveBreakerOptions(options) : handle.options;
    const stride = strideFor(process.arch);
    const layout = computeLayout(resolved, stride);
    const buffer = handle === undefined ? new SharedArrayBuffer(layout.byteLength) : handle.buffer;
    this.#a = new Int32Array(buffer);
    this.#f = new Float64Array(buffer);
    this.#options = resolved;
    this.#layout = layout;
    this.#clock = clockOf(options);
    this.#isFailure = options.isFailure ?? everyError;
    this.#S = layout.state;
    this.#slowCallMs = resolved.slowCallMs ?? Number.POSITIVE_INFINITY;
    this.#consecutiveIndex = layout.consecutive;
    const w = resolved.window;
    this.#timeWindow = w.type === 'time';
    this.#head = layout.head;
    this.#ring = layout.window0;
    if (w.type === 'count') {
      const window = new CountWindow(
        this.#a,
        layout.head,
        layout.failures,
        layout.slow,
        layout.window0,
        w.size,
      );
      this.#countWindow = window;
      this.#countSize = w.size;
      this.#window = window;
    } else {
      this.#countWindow = undefined;
      this.#countSize = 0;
      this.#window = new TimeWindow(
        this.#a,
        this.#f,
        layout.head,
        layout.lastEpoch,
        layout.window0,
        layout.lineI32,
        w.durationMs,
        w.buckets,
      );
    }
    this.#slots = new ProbeSlots(
      this.#a,
      this.#f,
      layout.slot0,
      layout.lineI32,
      resolved.halfOpen.permits,
      layout.tally,
    );
    this.#banks = new TransitionBank(this.#a, this.#f, layout.bank0, layout.lineI32);
    if (handle === undefined) {
      // A fresh buffer: initialise, then publish the header; magic last (attach checks it).
      if (this.#window instanceof TimeWindow) this.#window.init();
      this.#banks.write(0, 0, Number.NaN, 0, Number.NaN);
      const H = BREAKER_LAYOUT.header;
      this.#a[H.version] = BREAKER_LAYOUT.version;
      this.#a[H.stride] = stride;
      this.#a[H.digest] = optionsDigest(resolved);
      this.#a[H.byteLength] = layout.byteLength;
      store(this.#a, H.magic, BREAKER_LAYOUT.magic);
    }
    // Each instance owns one rejection stripe (plain increments, one writer) while there are
    // stripes left; later instances share a stripe with Atomics.add.
    const claimed = add(this.#a, BREAKER_LAYOUT.header.stripeAlloc, 1);
    this.#stripeOwned = claimed < BREAKER_LAYOUT.stripes;
    this.#stripe = layout.stripe0 + (claimed % BREAKER_LAYOUT.stripes) * layout.lineI32;
  }

  /**
   * Attaches to a breaker created in another thread (or this one): same memory, same state.
   *
   * @param handle - from `share()`
   * @param options - this thread's clock and `isFailure`
   * @throws {@link BreakerAttachError} when the buffer is foreign, corrupted, of another layout
   * version or stride, or laid out for other options
   */
  static attach(handle: BreakerHandle, options: AttachOptions = {}): CircuitBreaker {
    const buffer: unknown = (handle as { buffer?: unknown } | undefined)?.buffer;
    const H = BREAKER_LAYOUT.header;
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < 64) {
      throw new BreakerAttachError(
        BREAKER_ATTACH_ERROR.foreignBuffer,
        'handle.buffer',
        buffer,
        'handle.buffer must be the SharedArrayBuffer of a CircuitBreaker',
      );
    }
    const a = new Int32Array(buffer, 0, 16);
    const magic = Atomics.load(a, H.magic);
    if (magic !== BREAKER_LAYOUT.magic) {
      throw new BreakerAttachError(
        BREAKER_ATTACH_ERROR.foreignBuffer,
        'handle.buffer',
        magic,
        `handle.buffer is not a CircuitBreaker buffer (magic ${magic})`,
      );
    }
    const version = Atomics.load(a, H.version);
    if (version !== BREAKER_LAYOUT.version) {
      throw new BreakerAttachError(
        BREAKER_ATTACH_ERROR.layoutVersion,
        'handle.buffer',
        version,
        `breaker layout version ${version}, this build reads ${BREAKER_LAYOUT.version}`,
      );
    }
    const stride = Atomics.load(a, H.stride);
    if (stride !== strideFor(process.arch)) {
      throw new BreakerAttachError(
        BREAKER_ATTACH_ERROR.strideMismatch,
        'handle.buffer',
        stride,
        `breaker buffer has a ${stride}-byte stride, this process uses ${strideFor(process.arch)}`,
      );
    }
    let resolved: ResolvedBreakerOptions;
    try {
      resolved = resolveBreakerOptions(handle.options);
    } catch (e) {
      throw new BreakerAttachError(
        BREAKER_ATTACH_ERROR.optionsMismatch,
        'handle.options',
        handle.options,
        `handle.options are invalid: ${(e as Error).message}`,
      );
    }
    const digest = Atomics.load(a, H.digest);
    const length = Atomics.load(a, H.byteLength);
    if (
      digest !== optionsDigest(resolved) ||
      length !== buffer.byteLength ||
      length !== computeLayout(resolved, stride).byteLength
    ) {
      throw new BreakerAttachError(
        BREAKER_ATTACH_ERROR.optionsMismatch,
        'handle.options',
        handle.options,
        'handle.options do not match the options the buffer was created with',
      );
    }
    return new CircuitBreaker(options, { [ATTACH]: { buffer, options: resolved } });
  }

  /** @returns a structured-cloneable handle (`{ buffer, options }`, no functions). */
  share(): BreakerHandle {
    return { buffer: this.#a.buffer as SharedArrayBuffer, options: this.#options };
  }

  /** The resolved options (defaults filled in). */
  get options(): ResolvedBreakerOptions {
    return this.#options;
  }

  /** The current state (one atomic load; time-based rules are evaluated by calls, not reads). */
  get state(): BreakerState {
    return STATE_NAMES[load(this.#a, this.#S) & 3] as BreakerState;
  }

  /** The current generation: +1 on every transition and every `reset()`. */
  get generation(): number {
    return load(this.#a, this.#S) >>> 2;
  }

  // ---------------------------------------------------------------- acquire

  /**
   * Asks for a permit. Never throws, never allocates in closed state, reads no clock there.
   *
   * @returns a permit (`>= 0`), or `REJECTED.open` (-1), `REJECTED.halfOpenFull` (-2),
   * `REJECTED.isolated` (-3)
   */
  tryAcquire(): number {
    // Closed: one plain read. A stale "closed" is harmless: the permit carries the generation,
    // so a result reported after the breaker moved on is 'stale' and never counted.
    const w = loadRelaxed(this.#a, this.#S);
    if ((w & 3) === CLOSED) return w >>> 2;
    // Open and still breaking: the break data is cached for this exact state word, so this is
    // the plain read above plus one clock read, no shared-memory access but the rejection count.
    if (w === this.#openWord && this.#clock.now() - this.#openedAt < this.#openMs) {
      this.#countRejection();
      return REJECTED.open;
    }
    return this.#acquireSlow();
  }

  #acquireSlow(): number {
    const a = this.#a;
    for (;;) {
      // Atomic load: acquire edge for the transition bank and slot data of this generation.
      const w = load(a, this.#S);
      const s = w & 3;
      if (s === CLOSED) return w >>> 2;
      if (s === ISOLATED) return this.#reject(REJECTED.isolated);
      const now = this.#clock.now();
      if (s === OPEN) {
        this.#banks.read(w >>> 2, this.#bank);
        if (now - this.#bank.openedAt < this.#bank.openMs) {
          this.#openWord = w;
          this.#openedAt = this.#bank.openedAt;
          this.#openMs = this.#bank.openMs;
          return this.#reject(REJECTED.open);
        }
        const next = nextWord(w, HALF_OPEN);
        if (!this.#commit(w, next, now, false)) continue;
        // The caller that ended the break gets the first probe (DESIGN §3 item 3).
        const p = this.#slots.claim(next >>> 2, now);
        this.#emit(w, next, now, 'open-elapsed');
        return p >= 0 ? p : this.#reject(REJECTED.halfOpenFull);
      }
      if (this.#expireLeases(w, now)) continue;
      // A sealed generation is ending: finish its transition instead of admitting into it.
      if (this.#finishSealed(w, now)) continue;
      const p = this.#slots.claim(w >>> 2, now);
      if (p === CLAIM_STALE) continue;
      return p === CLAIM_FULL ? this.#reject(REJECTED.halfOpenFull) : p;
    }
  }

  #countRejection(): void {
    if (this.#stripeOwned) {
      // This instance is the only writer of its stripe: a plain increment cannot lose an update;
      // readers sum the stripes with atomic loads (an aligned Int32 never tears).
      storeRelaxed(this.#a, this.#stripe, (loadRelaxed(this.#a, this.#stripe) + 1) | 0);
    } else {
      add(this.#a, this.#stripe, 1);
    }
  }

  #reject(code: number): number {
    this.#countRejection();
    return code;
  }

  // ---------------------------------------------------------------- results

  /**
   * Reports a successful call.
   * @param permit - from `tryAcquire`
   * @param durationMs - the call's duration, for slow-call accounting (slow when `> slowCallMs`)
   * @returns 'recorded', 'stale' (an earlier generation's permit, or not a permit) or
   * 'duplicate' (a half-open permit already reported or released)
   */
  onSuccess(permit: number, durationMs?: number): ResultOutcome {
    // The common case, a fast success of the current closed generation into a full count window,
    // is inlined here in as few bytecodes as possible: V8 inlines at most ~920 bytecode bytes
    // into one caller, and every call, object or field hop costs a few ns of the 2x `Atomics.add`
    // budget of acquire + success (DESIGN §8). It is `CountWindow.record` for a plain success on
    // the breaker's own array and indices (a separate window object cost ~4 ns more per call).
    // The plain read of the state word is the same as in #report: a stale "closed" only sends the
    // result to the general path. Since `w >>> 2` is an integer in [0, 2^30), the equality also
    // rejects every non-permit.
    const a = this.#a;
    const w = loadRelaxed(a, this.#S);
    if ((w & 3) === CLOSED && w >>> 2 === permit && !((durationMs ?? 0) > this.#slowCallMs)) {
      const tag = windowTag(permit);
      const size = this.#countSize;
      // A plain read of the head is only the guess of the compare-and-swap that re-validates it:
      // its tag (the window is this generation's) and its count (the ring position) are exactly
      // what CountWindow.record would use. A count below `size` (first lap) grows the window, so
      // the rules must run: general path. A time window (`size` 0: its head word is a gate of
      // another shape) always takes the general path.
      const h = loadRelaxed(a, this.#head);
      const count = h & COUNT_MASK;
      if (size !== 0 && count >= size && tagOf(h) === tag) {
        const next = count + 1 === size + size ? size : count + 1;
        if (cas(a, this.#head, h, tagged(tag, next)) === h) {
          // Our result owns ring slot `count - size` of this lap. Only a failure or slow entry of
          // this window needs evicting; a plain read decides, CountWindow.evict's
          // compare-and-swap re-validates it.
          const idx = this.#ring + count - size;
          const v = loadRelaxed(a, idx);
          if (tagOf(v) === tag && (v & BAD_ENTRY) !== 0) this.#countWindow!.evict(idx, tag, v);
          // A success only ends a run of failures of this window: a plain read decides whether
          // there is one to end (the compare-and-swap in #consecutive re-validates it). A full
          // window does not grow, so a plain success fires no rule: nothing else to check.
          const c = loadRelaxed(a, this.#consecutiveIndex);
          if ((c & COUNT_MASK) !== 0 && tagOf(c) === tag) this.#consecutive(tag, false);
          return 'recorded';
        }
      }
    }
    return this.#report(permit, KIND_SUCCESS, durationMs);
  }

  /** Reports a failed call. Same contract as {@link CircuitBreaker.onSuccess}. */
  onFailure(permit: number, durationMs?: number): ResultOutcome {
    return this.#report(permit, KIND_FAILURE, durationMs);
  }

  /**
   * Gives a permit back without a result (a cancelled or ignored call): in half-open the probe
   * admission returns to the budget, at most once per permit.
   */
  release(permit: number): ResultOutcome {
    return this.#report(permit, KIND_RELEASE, undefined);
  }

  #report(permit: number, kind: number, durationMs: number | undefined): ResultOutcome {
    if (!(permit >= 0 && permit < HALF_OPEN_BASE)) return this.#reportProbe(permit, kind);
    const w = loadRelaxed(this.#a, this.#S);
    // The permit's generation is current and closed: record it (a stale plain read only delays
    // this to the slow path below). `w >>> 2 === permit` also rejects non-integers.
    if ((w & 3) !== CLOSED || w >>> 2 !== permit) return this.#reportProbe(permit, kind);
    if (kind === KIND_RELEASE) return 'recorded';
    return this.#record(
      w,
      kind === KIND_FAILURE,
      durationMs !== undefined && durationMs > this.#slowCallMs,
    );
  }

  /**
   * Records a closed result of the current generation `w >>> 2`: a failure, or a slow success
   * (a fast success takes the inlined path of `onSuccess`).
   */
  #record(w: number, failure: boolean, slow: boolean): ResultOutcome {
    const tag = windowTag(w >>> 2);
    const r = this.#window.record(tag, failure, slow, this.#timeWindow ? this.#clock.now() : 0);
    return this.#finishRecord(w, tag, failure, slow, r);
  }

  /**
   * Finishes a closed result after the window's answer `r`: 1 (recorded) and 2 (recorded, and
   * the window grew: the rules must be checked even after a success) go on to #afterRecord; 0
   * means the window has another tag: the breaker moved on (stale), or it re-entered closed in
   * this generation and the fresh window is not installed yet (help install it, then record).
   */
  #finishRecord(w: number, tag: number, failure: boolean, slow: boolean, r: number): ResultOutcome {
    if (r === 0) {
      if (load(this.#a, this.#S) !== w) return 'stale';
      this.#freshWindow(w >>> 2);
      const now = this.#timeWindow ? this.#clock.now() : 0;
      r = this.#window.record(tag, failure, slow, now);
      if (r === 0) return 'stale';
    }
    return this.#afterRecord(w, tag, r, failure, slow);
  }

  /** Consecutive-failure accounting and the rules, after the window took result `r`. */
  #afterRecord(w: number, tag: number, r: number, failure: boolean, slow: boolean): ResultOutcome {
    // A success only ends a run of failures of this window: a plain read decides whether there is
    // one to end (the compare-and-swap in #consecutive re-validates it), so the common success
    // costs no second read-modify-write.
    let consecutive = 0;
    if (failure) consecutive = this.#consecutive(tag, true);
    else {
      const c = loadRelaxed(this.#a, this.#consecutiveIndex);
      if (tagOf(c) === tag && (c & 0xffffff) !== 0) this.#consecutive(tag, false);
    }
    // A result whose rule fired but whose transition lost the race is ordered after the winning
    // transition (it is stale there), so results and transitions stay linearizable.
    if ((failure || slow || r === 2) && !this.#checkRules(w, failure, consecutive)) return 'stale';
    return 'recorded';
  }

  /** Counts a failure (returns the run length) or ends the run on a success. */
  #consecutive(tag: number, failure: boolean): number {
    const a = this.#a;
    const i = this.#consecutiveIndex;
    let v = failure ? load(a, i) : loadRelaxed(a, i);
    for (;;) {
      if (tagOf(v) !== tag) return 0;
      if (!failure && (v & 0xffffff) === 0) return 0;
      const next = failure ? (v + 1) | 0 : tagged(tag, 0);
      const seen = cas(a, i, v, next);
      if (seen === v) return next & 0xffffff;
      v = seen;
    }
  }

  /**
   * Checks the rules in order (failure rate, consecutive failures, slow-call rate).
   * @returns false when a rule fired but another transition won the race
   */
  #checkRules(w: number, failure: boolean, consecutive: number): boolean {
    const o = this.#options;
    // A count window needs no time: the clock is read only if a rule fires (openedAt).
    const now = this.#timeWindow ? this.#clock.now() : 0;
    this.#window.read(now, true, this.#counts);
    const { calls, failures, slowCalls } = this.#counts;
    let cause: BreakerCause | undefined;
    if (calls >= o.minimumCalls && failures / calls >= o.failureRateThreshold)
      cause = 'failure-rate';
    else if (failure && consecutive >= o.consecutiveFailures) cause = 'consecutive-failures';
    else if (
      o.slowCallMs !== undefined &&
      calls >= o.minimumCalls &&
      slowCalls / calls >= o.slowCallRateThreshold
    ) {
      cause = 'slow-call-rate';
    }
    if (cause === undefined) return true;
    const at = this.#timeWindow ? now : this.#clock.now();
    const next = nextWord(w, OPEN);
    // One compare-and-swap from the exact closed word this result was recorded in: of several
    // threads whose results fire a rule, exactly one opens the breaker; the others fail here.
    if (!this.#commit(w, next, at, false)) return false;
    this.#emit(w, next, at, cause);
    return true;
  }

  #reportProbe(permit: number, kind: number): ResultOutcome {
    const w = load(this.#a, this.#S);
    if ((w & 3) !== HALF_OPEN) return 'stale';
    const now = this.#clock.now();
    // Lease expiry is evaluated before the result itself (DESIGN §3 item 5).
    if (this.#expireLeases(w, now)) return 'stale';
    if (!(permit >= HALF_OPEN_BASE && Number.isSafeInteger(permit))) return 'stale';
    const x = permit - HALF_OPEN_BASE;
    const use = x % MAX_USES;
    const y = (x - use) / MAX_USES;
    const slot = y % MAX_SLOTS;
    const g = (y - slot) / MAX_SLOTS;
    if (g !== w >>> 2) return 'stale';
    const status =
      kind === KIND_SUCCESS ? SLOT.succeeded : kind === KIND_FAILURE ? SLOT.failed : SLOT.free;
    const settled = this.#slots.settle(g, slot, use, status);
    if (settled !== 'recorded') return settled;
    if (kind === KIND_FAILURE) {
      // The first failure seals the generation (its linearisation point), then re-opens.
      if (!this.#slots.seal(g, SEAL.failure)) return 'stale';
      this.#finishSealed(w, now);
      return 'recorded';
    }
    if (kind === KIND_RELEASE) return this.#slots.sealOf(g) === SEAL.none ? 'recorded' : 'stale';
    const counted = this.#slots.succeed(g, this.#options.halfOpen.successesToClose);
    if (counted === 'closer') this.#finishSealed(w, now);
    return counted === 'stale' ? 'stale' : 'recorded';
  }

  // ---------------------------------------------------------------- transitions

  /** Re-opens from half-open at `now`. @returns whether this thread made the transition. */
  #reopen(w: number, now: number, cause: BreakerCause): boolean {
    const next = nextWord(w, OPEN);
    if (!this.#commit(w, next, now, false)) return false;
    this.#emit(w, next, now, cause);
    return true;
  }

  /** @returns whether the state changed (by this thread or another) because a lease expired. */
  #expireLeases(w: number, now: number): boolean {
    if (!this.#slots.anyExpired(w >>> 2, now, this.#options.halfOpen.leaseMs)) return false;
    this.#slots.seal(w >>> 2, SEAL.lease);
    this.#finishSealed(w, now);
    return true;
  }

  /**
   * Completes the transition of a sealed half-open generation (whoever sealed it, or a helper:
   * exactly one compare-and-swap wins and emits the event).
   * @returns whether the generation was sealed
   */
  #finishSealed(w: number, now: number): boolean {
    const seal = this.#slots.sealOf(w >>> 2);
    if (seal === SEAL.none) return false;
    if (seal === SEAL.close) {
      const next = nextWord(w, CLOSED);
      if (this.#commit(w, next, now, true)) this.#emit(w, next, now, 'half-open-success');
    } else {
      this.#reopen(w, now, seal === SEAL.failure ? 'half-open-failure' : 'lease-expired');
    }
    return true;
  }

  /**
   * The single step of every transition: fill the next generation's bank, then one
   * compare-and-swap of the state word from `w` to `next`. Only the winner returns true, and only
   * the winner runs the transition's effects (fresh window, event).
   */
  #commit(w: number, next: number, now: number, fresh: boolean): boolean {
    const from = w & 3;
    const to = next & 3;
    const g = next >>> 2;
    this.#banks.read(w >>> 2, this.#bank);
    const cur = this.#bank;
    const frozenAt = from === CLOSED ? now : cur.frozenAt;
    if (fresh || to === CLOSED) {
      this.#banks.write(g, 0, Number.NaN, 0, to === CLOSED ? Number.NaN : now);
    } else if (to === OPEN) {
      const n = cur.openCount + 1;
      this.#banks.write(g, n, now, openDuration(this.#options, n), frozenAt);
    } else {
      this.#banks.write(g, cur.openCount, cur.openedAt, cur.openMs, frozenAt);
    }
    if (to === HALF_OPEN) this.#slots.prepare(g, w, this.#a, this.#S);
    if (cas(this.#a, this.#S, w, next) !== w) return false;
    if (fresh || to === CLOSED) this.#freshWindow(g);
    return true;
  }

  /**
   * Installs the fresh window of generation `g` (entering closed, or a reset): each tagged word
   * that still has another tag is swapped to `(tag(g), 0)`. Idempotent and safe to run from any
   * thread ("helping"): the word is read BEFORE the state is checked, so a helper whose `g` is
   * no longer current either sees the state changed, or its compare-and-swap fails because the
   * newer window's installation changed the word.
   */
  #freshWindow(g: number): void {
    const a = this.#a;
    const tag = windowTag(g);
    const L = this.#layout;
    for (const i of [L.head, L.failures, L.slow, L.consecutive]) {
      const v = load(a, i);
      if (tagOf(v) === tag) continue;
      if (load(a, this.#S) >>> 2 !== g) return;
      cas(a, i, v, tagged(tag, 0));
    }
  }

  #emit(w: number, next: number, at: number, cause: BreakerCause): void {
    const listeners = this.#listeners;
    if (listeners.length === 0) return;
    const event: BreakerTransition = Object.freeze({
      from: STATE_NAMES[w & 3] as BreakerState,
      to: STATE_NAMES[next & 3] as BreakerState,
      generation: next >>> 2,
      at,
      cause,
    });
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener's bug must not leave the breaker half-way: re-throw it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  // ---------------------------------------------------------------- manual control

  /**
   * Forces `'isolated'` until every hold is disposed; holds are counted across threads. The last
   * `dispose()` moves the breaker to half-open (the component must prove itself).
   *
   * @returns the hold; `dispose()` is idempotent
   */
  isolate(): IsolationHold {
    const a = this.#a;
    const holds = this.#layout.holds;
    const previous = add(a, holds, 1);
    const now = this.#clock.now();
    for (;;) {
      const w = load(a, this.#S);
      if ((w & 3) === ISOLATED) {
        if (previous > 0) break;
        // Isolated with no hold before ours: the last hold was just disposed and its move to
        // half-open is in flight. Make that transition for it, then isolate anew, so both
        // transitions happen exactly once, in order.
        this.#transition(w, HALF_OPEN, now, 'dispose');
        continue;
      }
      if (this.#transition(w, ISOLATED, now, 'isolate')) break;
    }
    let live = true;
    return {
      dispose: () => {
        if (!live) return;
        live = false;
        if (add(a, holds, -1) !== 1) return;
        const at = this.#clock.now();
        for (;;) {
          const w = load(a, this.#S);
          // Someone re-isolated (they complete this move for us) or the state moved on.
          if ((w & 3) !== ISOLATED || load(a, holds) > 0) return;
          if (this.#transition(w, HALF_OPEN, at, 'dispose')) return;
        }
      },
    };
  }

  #transition(w: number, to: number, now: number, cause: BreakerCause): boolean {
    const next = nextWord(w, to);
    if (!this.#commit(w, next, now, false)) return false;
    this.#emit(w, next, now, cause);
    return true;
  }

  /**
   * Back to closed with a fresh window and a new generation, or, while isolation holds remain,
   * a new isolated generation with a fresh window. Permits of earlier generations become stale.
   */
  reset(): void {
    const a = this.#a;
    const now = this.#clock.now();
    for (;;) {
      const w = load(a, this.#S);
      const to = load(a, this.#layout.holds) > 0 ? ISOLATED : CLOSED;
      const next = nextWord(w, to);
      if (this.#commit(w, next, now, true)) {
        this.#emit(w, next, now, 'reset');
        return;
      }
    }
  }

  /**
   * Listens to transitions made by THIS instance (in this thread); one event per transition.
   * A listener that throws does not disturb the breaker; its error is re-thrown in a microtask.
   *
   * @returns unsubscribe
   */
  subscribe(listener: (transition: BreakerTransition) => void): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  // ---------------------------------------------------------------- reads

  /**
   * Reads the breaker, evaluating lazy time rules first (an expired half-open lease re-opens).
   * While not closed, the counters show the window that was current when it left closed.
   */
  snapshot(): BreakerSnapshot {
    const a = this.#a;
    const now = this.#clock.now();
    let w = load(a, this.#S);
    if ((w & 3) === HALF_OPEN && (this.#expireLeases(w, now) || this.#finishSealed(w, now))) {
      w = load(a, this.#S);
    }
    const s = w & 3;
    const g = w >>> 2;
    this.#banks.read(g, this.#bank);
    const bank = this.#bank;
    if (s === CLOSED && tagOf(load(a, this.#layout.head)) !== windowTag(g)) this.#freshWindow(g);
    this.#window.read(s === CLOSED ? now : bank.frozenAt, s === CLOSED, this.#counts);
    const { calls, failures, slowCalls } = this.#counts;
    const head = tagOf(load(a, this.#layout.head));
    const c = load(a, this.#layout.consecutive);
    let notPermitted = 0;
    for (let i = 0; i < BREAKER_LAYOUT.stripes; i++) {
      notPermitted += load(a, this.#layout.stripe0 + i * this.#layout.lineI32);
    }
    return {
      state: STATE_NAMES[s] as BreakerState,
      generation: g,
      calls,
      failures,
      slowCalls,
      failureRate: calls >= this.#options.minimumCalls ? failures / calls : Number.NaN,
      consecutiveFailures: tagOf(c) === head ? c & 0xffffff : 0,
      notPermitted,
      halfOpenInFlight: s === HALF_OPEN ? this.#slots.inFlight(g) : 0,
      openedAt: s === CLOSED || Number.isNaN(bank.openedAt) ? undefined : bank.openedAt,
      retryAfterMs: this.#retryAfter(s, bank, now),
    };
  }

  #retryAfter(s: number, bank: BankView, now: number): number {
    if (s === OPEN) return Math.max(0, bank.openMs - (now - bank.openedAt));
    return s === ISOLATED ? Number.POSITIVE_INFINITY : 0;
  }

  // ---------------------------------------------------------------- execute

  /**
   * Runs `fn` under a permit: measures its duration (only when `slowCallMs` is set), reports
   * success, or failure when `isFailure(error)` holds; an error that is not a failure, or any
   * error after `signal` aborted, releases the permit instead.
   *
   * @returns `fn`'s result
   * @throws {@link BreakerOpenError} (rejected promise) when not admitted; `signal.reason` when
   * the signal is already aborted; whatever `fn` throws
   */
  execute<T>(
    fn: (signal?: AbortSignal) => T | PromiseLike<T>,
    options?: ExecuteOptions,
  ): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const permit = this.tryAcquire();
    if (permit < 0) return Promise.reject(this.#openError());
    const start = this.#slowCallMs === Number.POSITIVE_INFINITY ? 0 : this.#clock.now();
    let result: T | PromiseLike<T>;
    try {
      result = fn(signal);
    } catch (error) {
      this.#settleError(permit, start, error, signal);
      return Promise.reject(error); // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
    }
    // The caller gets `fn`'s own promise (no extra promise in between: for a native promise
    // `Promise.resolve` is the identity). The result is recorded by a reaction registered here,
    // before the caller can register theirs: reactions of one promise run in registration order,
    // so the breaker has counted the result when the caller's `await` resumes. The reaction's own
    // promise always fulfils (its rejection handler does not re-throw), so it never reports an
    // unhandled rejection; `fn`'s rejection reaches the caller through the promise returned.
    const promise = Promise.resolve(result);
    if (signal === undefined && this.#slowCallMs === Number.POSITIVE_INFINITY) {
      // A closed permit is the generation, the same for every call of it: its two reactions are
      // made once per generation and reused, so the common call allocates no closure.
      if (permit !== this.#reactionsPermit) this.#makeReactions(permit);
      void promise.then(this.#onFulfilled, this.#onRejected);
    } else {
      void promise.then(
        () => {
          this.onSuccess(permit, this.#elapsed(start));
        },
        (error: unknown) => {
          this.#settleError(permit, start, error, signal);
        },
      );
    }
    return promise;
  }

  #makeReactions(permit: number): void {
    this.#reactionsPermit = permit;
    this.#onFulfilled = () => {
      this.onSuccess(permit);
    };
    this.#onRejected = (error: unknown) => {
      this.#settleError(permit, 0, error, undefined);
    };
  }

  #elapsed(start: number): number | undefined {
    return this.#slowCallMs === Number.POSITIVE_INFINITY ? undefined : this.#clock.now() - start;
  }

  #settleError(
    permit: number,
    start: number,
    error: unknown,
    signal: AbortSignal | undefined,
  ): void {
    if (signal?.aborted || !this.#isFailure(error)) this.release(permit);
    else this.onFailure(permit, this.#elapsed(start));
  }

  #openError(): BreakerOpenError {
    const w = load(this.#a, this.#S);
    const s = w & 3;
    this.#banks.read(w >>> 2, this.#bank);
    return new BreakerOpenError(
      STATE_NAMES[s] as BreakerState,
      this.#retryAfter(s, this.#bank, this.#clock.now()),
    );
  }

  /** @internal Counts a rejection made on this breaker's behalf (`GlobalBreaker`). */
  countRejection(): void {
    this.#countRejection();
  }
}
