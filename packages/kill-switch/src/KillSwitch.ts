import { systemClock, type Clock } from '@tripwire/clock';
import { AuditLog } from './audit/AuditLog.js';
import type { AuditAction, AuditEntry, ResetRefusal } from './audit/AuditEntry.js';
import { KILL_SWITCH_ERROR, KillSwitchError } from './errors/KillSwitchError.js';
import { createBuffer, openBuffer, type OpenBuffer } from './internal/buffer.js';
import { resolveAuthorize } from './internal/resolveAuthorize.js';
import * as sharedMemory from './internal/shared.js';
import * as stateWord from './internal/stateWord.js';
import { fromUtf8, utf8 } from './internal/text.js';
import {
  checkClock,
  checkFunction,
  checkInteger,
  checkLevel,
  checkNumber,
  checkObject,
  checkText,
} from './internal/validate.js';
import { KILL_SWITCH_LAYOUT as L, defaultStride } from './layout.js';
import { LEVEL_NAMES, levelName, type Intent, type KillSwitchLevel } from './levels.js';
import {
  KILL_SWITCH_DEFAULTS,
  type Authorize,
  type KillSwitchAttachOptions,
  type KillSwitchHandle,
  type KillSwitchOptions,
} from './KillSwitchOptions.js';
import { WatchdogTable } from './watchdog/WatchdogTable.js';

// Imports used per call, re-bound as module constants: V8 reads an imported binding through its
// module cell with a hole check at every use, and folds a module-level `const` (decision 0207).
const { cas, casBits, f64ToBits, bitsToF64, load, loadBits, loadF64, loadRelaxed } = sharedMemory;
const {
  STATE_WORD,
  effectiveOf,
  expiredOf,
  holdsOf,
  latchedOf,
  withExpired,
  withHolds,
  withLatched,
} = stateWord;

/** What `trip` takes. */
export interface TripRequest {
  readonly level: KillSwitchLevel;
  /** Who trips (e.g. `'loss'`, `'ops'`); 1..64 UTF-8 bytes. */
  readonly source: string;
  /** Why; up to 256 UTF-8 bytes. */
  readonly reason: string;
}

/** What `reset` takes. */
export interface ResetRequest {
  /** Who resets; 1..64 UTF-8 bytes, recorded in the audit log. */
  readonly operator: string;
  /** Credential checked by `authorize` / `secret`. */
  readonly token: string;
  /** Why; up to 256 UTF-8 bytes. */
  readonly reason: string;
}

/** Outcome of `reset`. */
export type ResetResult =
  { readonly ok: true } | { readonly ok: false; readonly code: ResetRefusal };

/** A non-latched hold; `dispose()` releases it (idempotent). */
export interface Hold {
  dispose(): void;
}

/** A dead-man switch: `beat()` to stay alive; `dispose()` to remove it (idempotent). */
export interface Watchdog {
  beat(): void;
  dispose(): void;
}

/** A change of the effective level, delivered in the thread that made it. */
export interface LevelChangeEvent {
  readonly from: KillSwitchLevel;
  readonly to: KillSwitchLevel;
  readonly at: number;
  readonly action: AuditAction;
  readonly actor: string;
}

/** Raw shared state, read without evaluating watchdogs. */
export interface KillSwitchSnapshot {
  readonly level: KillSwitchLevel;
  readonly latched: KillSwitchLevel;
  readonly holds: { readonly reducing: number; readonly halted: number };
  readonly expiredWatchdogs: number;
  /** Time of the last raising trip, or undefined if never tripped. */
  readonly lastTripAt: number | undefined;
}

const RESET_OK: ResetResult = Object.freeze({ ok: true });
const REFUSED: Readonly<Record<ResetRefusal, ResetResult>> = Object.freeze({
  UNAUTHORIZED: Object.freeze({ ok: false, code: 'UNAUTHORIZED' }),
  COOLDOWN: Object.freeze({ ok: false, code: 'COOLDOWN' }),
  NOT_TRIPPED: Object.freeze({ ok: false, code: 'NOT_TRIPPED' }),
});
const REFUSAL_NUMBER: Readonly<Record<ResetRefusal, number>> = {
  UNAUTHORIZED: 1,
  COOLDOWN: 2,
  NOT_TRIPPED: 3,
};
/** Audit reason of holds and releases: the hold's level. */
const LEVEL_BYTES = LEVEL_NAMES.map((name) => utf8(name));

/**
 * A process-wide trading kill switch in shared memory: latched trips, counted holds, dead-man
 * watchdogs and an authorized, audited reset. Every worker attached to the same buffer sees one
 * level, and the hot-path check `allows(intent)` is a single load.
 *
 * @example
 * ```ts
 * const ks = new KillSwitch({ secret: process.env.KILL_SWITCH_SECRET!, resetCooldownMs: 60_000 });
 * if (ks.allows('increase')) sendOrder();
 * ks.trip({ level: 'halted', source: 'loss', reason: 'daily limit' });
 * ks.allows('reduce'); // false
 * ```
 */
export class KillSwitch {
  static #pending: OpenBuffer | undefined;

  readonly #words: Int32Array;
  /** One-element view of the state word: `allows` reads index 0 (no offset arithmetic). */
  readonly #hot: Int32Array;
  readonly #big: BigInt64Array;
  readonly #stateIndex: number;
  readonly #lastTripIndex: number;
  readonly #cooldown: number;
  readonly #clock: Clock;
  readonly #authorize: Authorize;
  readonly #audit: AuditLog;
  readonly #watchdogs: WatchdogTable;
  readonly #listeners = new Set<(event: LevelChangeEvent) => void>();
  readonly #handle: KillSwitchHandle;

  /**
   * @param options - see {@link KillSwitchOptions}; exactly one of `authorize` or `secret`.
   * @throws KillSwitchError `'NO_AUTHORIZATION'` without `authorize` or `secret`;
   *   `'INVALID_ARGUMENT'` naming the option for any bad value.
   */
  constructor(options: KillSwitchOptions) {
    const attaching = KillSwitch.#pending;
    KillSwitch.#pending = undefined;
    checkObject('options', options);
    const clock = options.clock ?? systemClock;
    checkClock('options.clock', clock);
    this.#authorize = resolveAuthorize(options);
    let opened: OpenBuffer;
    if (attaching !== undefined) {
      opened = attaching;
    } else {
      const cooldown = checkNumber(
        'options.resetCooldownMs',
        options.resetCooldownMs ?? KILL_SWITCH_DEFAULTS.resetCooldownMs,
        0,
        false,
      );
      const auditCapacity = checkInteger(
        'options.auditCapacity',
        options.auditCapacity ?? KILL_SWITCH_DEFAULTS.auditCapacity,
        1,
        1 << 20,
      );
      const maxWatchdogs = checkInteger(
        'options.maxWatchdogs',
        options.maxWatchdogs ?? KILL_SWITCH_DEFAULTS.maxWatchdogs,
        1,
        STATE_WORD.maxExpiredWatchdogs,
      );
      opened = createBuffer(defaultStride(), auditCapacity, maxWatchdogs, cooldown);
    }
    const { buffer, offsets } = opened;
    this.#clock = clock;
    this.#words = new Int32Array(buffer);
    this.#hot = new Int32Array(buffer, offsets.stateIndex * 4, 1);
    this.#big = new BigInt64Array(buffer);
    this.#stateIndex = offsets.stateIndex;
    this.#lastTripIndex = offsets.lastTripBigIndex;
    this.#cooldown = opened.resetCooldownMs;
    this.#audit = new AuditLog(buffer, offsets);
    this.#watchdogs = new WatchdogTable(buffer, offsets, {
      raise: (name, now, reason) => this.#changeExpired(name, +1, 'watchdog-expired', now, reason),
      lower: (name, action, now, reason) => this.#changeExpired(name, -1, action, now, reason),
    });
    this.#handle = Object.freeze({
      buffer,
      options: Object.freeze({
        resetCooldownMs: opened.resetCooldownMs,
        auditCapacity: offsets.auditCapacity,
        maxWatchdogs: offsets.watchdogCapacity,
        stride: offsets.stride,
      }),
    });
  }

  /**
   * Attaches to a kill switch created in another thread (same memory, same level).
   * @param handle - from `share()`, posted to this thread.
   * @param options - this thread's clock and authorization (functions cannot be posted).
   * @throws KillSwitchError `'FOREIGN_BUFFER'` for a buffer that is not a kill switch of this
   *   layout, and the constructor's errors for bad options.
   */
  static attach(handle: KillSwitchHandle, options: KillSwitchAttachOptions): KillSwitch {
    KillSwitch.#pending = openBuffer(handle);
    try {
      return new KillSwitch(options);
    } finally {
      KillSwitch.#pending = undefined;
    }
  }

  /** @returns a structured-cloneable handle for `postMessage` (buffer and geometry, no functions). */
  share(): KillSwitchHandle {
    return this.#handle;
  }

  /**
   * Whether an order with this intent may go out: `'increase'` only at `'active'`, `'reduce'` at
   * `'active'` or `'reducing'`. The hot path: ONE plain read of the shared state word, no clock,
   * no allocation, never throws (any intent other than `'reduce'` is treated as `'increase'`).
   *
   * Memory order: the word is written only by `Atomics` read-modify-writes, each of which stores
   * a complete, self-consistent state, so any value read is one the switch really had; an aligned
   * Int32 read is tear-free (ECMAScript memory model). The plain read imposes no ordering on the
   * caller's other memory accesses, which `allows` does not need: it publishes nothing, and the
   * decision depends on this one word only. Visibility: the ECMAScript memory model gives unordered
   * reads no visibility deadline; V8 re-reads the element on every call, also inside a hot
   * optimized loop, so a trip is seen as soon as the hardware propagates the CAS;
   * test/concurrency/visibility.test.ts pins that with workers spinning on `allows` that must see
   * another worker's trip (and fails for loopers on unshared memory). An order that passed
   * `allows` just before a trip landed is in flight, as with any check-then-act; code that needs
   * a sequentially consistent read (e.g. before reading other shared state) uses `level`.
   */
  allows(intent: Intent): boolean {
    const level = loadRelaxed(this.#hot, 0) & STATE_WORD.effectiveMask;
    return intent === 'reduce' ? level < 2 : level === 0;
  }

  /** The effective level; evaluates watchdogs first (reads the clock when any exist). */
  get level(): KillSwitchLevel {
    this.#watchdogs.check(this.#clock);
    return levelName(effectiveOf(load(this.#words, this.#stateIndex)));
  }

  /** Evaluates every watchdog now: raises a `'halted'` hold for each one that missed its beat. */
  checkWatchdogs(): void {
    this.#watchdogs.check(this.#clock);
  }

  /** @returns the raw shared state, WITHOUT evaluating watchdogs (see `level`). */
  snapshot(): KillSwitchSnapshot {
    const w = load(this.#words, this.#stateIndex);
    const lastTripAt = loadF64(this.#big, this.#lastTripIndex);
    return {
      level: levelName(effectiveOf(w)),
      latched: levelName(latchedOf(w)),
      holds: { reducing: holdsOf(w, 1), halted: holdsOf(w, 2) },
      expiredWatchdogs: expiredOf(w),
      lastTripAt: Number.isNaN(lastTripAt) ? undefined : lastTripAt,
    };
  }

  /**
   * Latched trip: raises the latched level to `level` until an authorized `reset`. A trip at or
   * below the latched level is audited and changes nothing.
   * @throws KillSwitchError `'INVALID_ARGUMENT'` naming `level`, `source` or `reason`.
   */
  trip(request: TripRequest): void {
    checkObject('request', request);
    const level = checkLevel('level', request.level);
    const source = checkText('source', request.source, L.maxActorBytes, true);
    const reason = checkText('reason', request.reason, L.maxReasonBytes, false);
    const now = this.#clock.now();
    for (;;) {
      const w = load(this.#words, this.#stateIndex);
      if (level <= latchedOf(w)) {
        this.#record('trip', request.source, source, reason, now, w, w);
        return;
      }
      // lastTripAt is raised BEFORE the CAS that makes the trip visible: a reset that sees the
      // new latched level therefore sees this time too and cannot skip the cooldown. (If the CAS
      // then loses to a higher concurrent trip, the cooldown runs from this slightly later time:
      // never shorter, docs/decisions/0302-kill-switch-concurrency.md.)
      this.#raiseLastTrip(now);
      const next = withLatched(w, level);
      if (cas(this.#words, this.#stateIndex, w, next) === w) {
        this.#record('trip', request.source, source, reason, now, w, next);
        return;
      }
    }
  }

  /**
   * Non-latched hold at `level` (e.g. breaker open, stale feed) until `dispose()`; no reset needed.
   * @throws KillSwitchError `'INVALID_ARGUMENT'` naming `source` or `level`;
   *   `'CAPACITY_EXCEEDED'` beyond 1023 live holds per level.
   */
  hold(source: string, level: KillSwitchLevel): Hold {
    const actor = checkText('source', source, L.maxActorBytes, true);
    const n = checkLevel('level', level);
    const now = this.#clock.now();
    this.#changeHolds(n, +1, 'hold', source, actor, now);
    let live = true;
    return {
      dispose: () => {
        if (!live) return;
        live = false;
        this.#changeHolds(n, -1, 'release', source, actor, this.#clock.now());
      },
    };
  }

  /**
   * Clears the latched level (holds stay). Checked in order: not authorized -> `'UNAUTHORIZED'`;
   * nothing latched -> `'NOT_TRIPPED'`; less than `resetCooldownMs` since the last trip ->
   * `'COOLDOWN'`. Every outcome is audited.
   * @throws KillSwitchError `'INVALID_ARGUMENT'` naming `operator`, `token` or `reason`.
   */
  reset(request: ResetRequest): ResetResult {
    checkObject('request', request);
    const operator = checkText('operator', request.operator, L.maxActorBytes, true);
    if (typeof request.token !== 'string') {
      throw new KillSwitchError(
        KILL_SWITCH_ERROR.invalidArgument,
        'token',
        typeof request.token,
        `token must be a string, got ${typeof request.token}`,
      );
    }
    const reason = checkText('reason', request.reason, L.maxReasonBytes, false);
    const authorized = this.#authorize(request.operator, request.token) === true;
    const now = this.#clock.now();
    for (;;) {
      const w = load(this.#words, this.#stateIndex);
      let refusal: ResetRefusal | undefined;
      if (!authorized) refusal = 'UNAUTHORIZED';
      else if (latchedOf(w) === 0) refusal = 'NOT_TRIPPED';
      else if (now - loadF64(this.#big, this.#lastTripIndex) < this.#cooldown) refusal = 'COOLDOWN';
      if (refusal !== undefined) {
        this.#record('reset-refused', request.operator, operator, reason, now, w, w, refusal);
        return REFUSED[refusal];
      }
      // CAS from the exact word we checked: a trip landing in between changes the word, this
      // CAS fails, and the loop re-checks (so a reset never silently undoes a newer trip).
      const next = withLatched(w, 0);
      if (cas(this.#words, this.#stateIndex, w, next) === w) {
        this.#record('reset', request.operator, operator, reason, now, w, next);
        return RESET_OK;
      }
    }
  }

  /**
   * A dead-man switch named `name`: unless `beat()` is called at least every `timeoutMs`, a hold
   * at `'halted'` is raised (by `checkWatchdogs()` or a `level` read, never by `allows`) until
   * the next beat. Lives in shared memory, so it expires even if its thread dies.
   * @throws KillSwitchError `'INVALID_ARGUMENT'` naming `name` or `timeoutMs`;
   *   `'CAPACITY_EXCEEDED'` when all `maxWatchdogs` slots are in use.
   */
  watchdog(name: string, timeoutMs: number): Watchdog {
    const bytes = checkText('name', name, L.maxNameBytes, true);
    checkNumber('timeoutMs', timeoutMs, 0, true);
    const table = this.#watchdogs;
    const clock = this.#clock;
    const slot = table.allocate(bytes, timeoutMs, clock.now());
    let live = true;
    return {
      beat: () => {
        if (live) table.beat(slot, clock.now());
      },
      dispose: () => {
        if (!live) return;
        live = false;
        table.dispose(slot, clock.now());
      },
    };
  }

  /** @returns every retained audit record of every thread, oldest first. */
  audit(): readonly AuditEntry[] {
    return this.#audit.entries();
  }

  /** Audit records overwritten because the ring (`auditCapacity`) was full; never silent. */
  get auditDropped(): number {
    return this.#audit.dropped;
  }

  /**
   * Calls `listener` after every change of the effective level made through THIS instance
   * (delivered in the thread that made it; other threads' changes are seen via `level`).
   * @returns a function that unsubscribes.
   */
  subscribe(listener: (event: LevelChangeEvent) => void): () => void {
    checkFunction('listener', listener);
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #raiseLastTrip(now: number): void {
    const bits = f64ToBits(now);
    for (;;) {
      const seen = loadBits(this.#big, this.#lastTripIndex);
      const t = bitsToF64(seen);
      if (t >= now) return; // NaN (never tripped) compares false: replaced
      if (casBits(this.#big, this.#lastTripIndex, seen, bits) === seen) return;
    }
  }

  #changeHolds(
    level: number,
    delta: number,
    action: AuditAction,
    source: string,
    actor: Uint8Array,
    now: number,
  ): void {
    for (;;) {
      const w = load(this.#words, this.#stateIndex);
      if (level === 0) {
        this.#record(action, source, actor, LEVEL_BYTES[0] as Uint8Array, now, w, w); // changes nothing
        return;
      }
      if (delta > 0 && holdsOf(w, level) >= STATE_WORD.maxHolds) {
        throw new KillSwitchError(
          KILL_SWITCH_ERROR.capacityExceeded,
          'level',
          levelName(level),
          `more than ${STATE_WORD.maxHolds} live holds at ${levelName(level)}`,
        );
      }
      const next = withHolds(w, level, delta);
      if (cas(this.#words, this.#stateIndex, w, next) === w) {
        this.#record(action, source, actor, LEVEL_BYTES[level] as Uint8Array, now, w, next);
        return;
      }
    }
  }

  #changeExpired(
    name: Uint8Array,
    delta: number,
    action: AuditAction,
    now: number,
    reason: string,
  ): void {
    for (;;) {
      const w = load(this.#words, this.#stateIndex);
      const next = withExpired(w, delta);
      if (cas(this.#words, this.#stateIndex, w, next) === w) {
        this.#record(action, fromUtf8(name), name, utf8(reason), now, w, next);
        return;
      }
    }
  }

  #record(
    action: AuditAction,
    actorText: string,
    actor: Uint8Array,
    reason: Uint8Array,
    at: number,
    before: number,
    after: number,
    refusal?: ResetRefusal,
  ): void {
    const from = effectiveOf(before);
    const to = effectiveOf(after);
    this.#audit.append(at, action, from, to, actor, reason, refusal ? REFUSAL_NUMBER[refusal] : 0);
    if (from === to || this.#listeners.size === 0) return;
    const event: LevelChangeEvent = {
      from: levelName(from),
      to: levelName(to),
      at,
      action,
      actor: actorText,
    };
    let failure: { error: unknown } | undefined;
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }
}
