import { systemClock, type Clock } from '@tripwire/clock';
import { applyFill } from './accounting/applyFill.js';
import { evaluatePnl, type LossLevel } from './accounting/evaluatePnl.js';
import { clusterCheck, releaseClusters } from './checks/clusterCheck.js';
import { collarCheck } from './checks/collarCheck.js';
import { clientIdUsage, rollClientIds } from './checks/clientIdTables.js';
import { duplicateCheck, touchDuplicateLines } from './checks/duplicateCheck.js';
import { freshnessCheck } from './checks/freshnessCheck.js';
import { globalBreakerCheck } from './checks/globalBreakerCheck.js';
import { levelCheck } from './checks/levelCheck.js';
import { lossCheck } from './checks/lossCheck.js';
import { notionalCheck, releaseNotional } from './checks/notionalCheck.js';
import { openOrdersCheck, releaseOpenOrder } from './checks/openOrdersCheck.js';
import { isIndex, type Order } from './checks/order.js';
import { isReducing, positionCheck, releasePosition } from './checks/positionCheck.js';
import { rateCheck, refundRate } from './checks/rateCheck.js';
import { takeToken } from './checks/tokenBucket.js';
import { isMultiple, validityCheck } from './checks/validityCheck.js';
import { venueCheck } from './checks/venueCheck.js';
import {
  covarianceCheck,
  portfolioStdDev,
  refreshCovariance,
  releaseCovariance,
} from './correlation/correlationCheck.js';
import { ewmaScalar } from './correlation/ewmaScalar.js';
import { createEwmaWasm, type EwmaKernel } from './correlation/ewmaWasm.js';
import {
  CHECK,
  MutableDenial,
  MutablePass,
  RISK_CODE,
  type RiskDecision,
  type RiskDenial,
} from './decision.js';
import type { GlobalBreakerLike, HistogramLike, KillSwitchLike, VenueBreakerLike } from './deps.js';
import { RiskInputError } from './errors/RiskInputError.js';
import { compileConfig, MAX_ORDER_LOTS, type CompiledConfig } from './internal/compileConfig.js';
import { Core } from './internal/Core.js';
import { add, load, loadF64, loadRelaxed, store, storeF64 } from './internal/shared.js';
import { LAYOUT } from './layout.js';
import type { RiskEngineOptions } from './options.js';
import type { RiskEngineHandle } from './RiskEngineHandle.js';
import { allocateSlot, freeSlot, reservationId, slotBase, takeLots } from './reservations/slots.js';
import { buildSnapshot, type RiskSnapshot } from './snapshot.js';

const LOTS_RADIX = 0x400000;

/** The order's size in lots, or 0 when its instrument or qty cannot be read. */
function orderLots(cfg: CompiledConfig, o: Order): number {
  const instrument = o.instrument;
  return isIndex(instrument, cfg.n) && typeof o.qty === 'number'
    ? Math.round(o.qty / cfg.lot[instrument]!)
    : 0;
}

/**
 * Whether the order is risk-reducing (DESIGN §6 item 1: counting working orders, it can only move
 * the position toward zero); an unreadable order counts as risk-increasing. Shared by `check` and
 * `explain` so the two classify alike.
 */
function isReducingOrder(core: Core, o: Order, buy: boolean, lots: number): boolean {
  return (
    lots >= 1 &&
    lots <= MAX_ORDER_LOTS &&
    (buy || o.side === 'sell') &&
    isReducing(core, o.instrument, buy, lots)
  );
}

/** INVALID_ORDER for a value that is not an object at all (`check` never throws). */
function notAnOrder(d: MutableDenial, order: unknown): MutableDenial {
  d.set(
    RISK_CODE.invalidOrder,
    CHECK.validity,
    Number.NaN,
    Number.NaN,
    `order must be an object (got ${order === null ? 'null' : typeof order})`,
  );
  return d;
}

/**
 * Pre-trade risk engine (DESIGN §6): synchronous checks, cheapest first, whose limits live in a
 * `SharedArrayBuffer` so that engines attached to the same state in several workers enforce one
 * set of limits: a passing order reserves position, notional, an open-order slot and a rate token
 * with compare-and-swap, so concurrent checks can never together exceed a limit.
 *
 * `check` never throws and creates no objects: it returns one of two decision objects owned by
 * this engine instance, **reused by the next `check`** — read (or copy) what you need before
 * checking again.
 *
 * @example
 * ```ts
 * const engine = new RiskEngine({ killSwitch, venues: [{ name: 'a', breaker }], instruments, strategies, loss });
 * engine.updatePrice(0, 100);
 * const d = engine.check({ clientId: 1, instrument: 0, strategy: 0, side: 'buy', qty: 1, price: 100, type: 'limit' });
 * if (d.ok) send(order, d.reservation, d.permit); else log(d.code, d.message);
 * ```
 */
export class RiskEngine {
  readonly #core: Core;
  readonly #cfg: CompiledConfig;
  readonly #clock: Clock;
  readonly #ks: KillSwitchLike;
  readonly #gb: GlobalBreakerLike | undefined;
  readonly #breakers: readonly VenueBreakerLike[];
  readonly #pass = new MutablePass();
  readonly #deny = new MutableDenial();
  readonly #names: {
    readonly instruments: readonly string[];
    readonly strategies: readonly string[];
  };
  #cursor: number;
  readonly #kernel: EwmaKernel;
  readonly #latency: HistogramLike | undefined;
  readonly #returns: Float64Array;

  /**
   * @param options - limits and collaborators; `shared` attaches to another engine's state.
   * @throws InvalidRiskConfigError naming the first bad field, or when `shared` does not match.
   */
  constructor(options: RiskEngineOptions) {
    this.#cfg = compileConfig(options);
    this.#clock = options.clock ?? systemClock;
    this.#ks = options.killSwitch;
    this.#gb = options.globalBreaker;
    this.#breakers = options.venues.map((v) => v.breaker);
    this.#core = new Core(this.#cfg, options.shared?.buffer, this.#clock.now());
    this.#names = {
      instruments: options.instruments.map((x) => x.symbol),
      strategies: options.strategies.map((x) => x.name),
    };
    this.#kernel =
      options.correlation?.kernel === 'scalar' ? ewmaScalar : (createEwmaWasm() ?? ewmaScalar);
    this.#returns = new Float64Array(this.#cfg.n);
    this.#latency = options.checkLatency;
    // Threads start scanning for free reservation slots at different places.
    this.#cursor = Math.floor(Math.random() * this.#cfg.capacity);
  }

  /**
   * Attaches to the shared state of an engine created in another thread with the same options.
   * @throws InvalidRiskConfigError when the buffer is foreign or the options differ.
   */
  static attach(handle: RiskEngineHandle, options: RiskEngineOptions): RiskEngine {
    return new RiskEngine({ ...options, shared: handle });
  }

  /** @returns a structured-cloneable handle for `postMessage`. */
  share(): RiskEngineHandle {
    return { buffer: this.#core.i32.buffer as SharedArrayBuffer };
  }

  /**
   * Sets an instrument's reference price, stamped with `clock.now()`, and re-evaluates PnL and the
   * loss limits (which may trip the kill switch).
   * @throws RiskInputError for an unknown instrument or a non-finite or non-positive price.
   */
  updatePrice(instrument: number, price: number): void {
    if (!isIndex(instrument, this.#cfg.n)) throw new RiskInputError('instrument', instrument);
    if (typeof price !== 'number' || !(price > 0 && price < Infinity))
      throw new RiskInputError('price', price);
    const core = this.#core;
    const base = core.inst(instrument);
    const now = this.#clock.now();
    core.lock();
    // Seqlock writer (serialised by the accounting lock): odd while the two f64 are written.
    const seq = load(core.i32, base + LAYOUT.instrument.seq);
    store(core.i32, base + LAYOUT.instrument.seq, seq + 1);
    storeF64(core.f64, (base + LAYOUT.instrument.ref) >> 1, price);
    storeF64(core.f64, (base + LAYOUT.instrument.refTime) >> 1, now);
    store(core.i32, base + LAYOUT.instrument.seq, seq + 2);
    const level = evaluatePnl(core);
    core.unlock();
    this.#applyLossLevel(level);
  }

  /**
   * Runs the checks of DESIGN §6 in order; the first denial wins. A passing order reserves
   * position, notional, an open-order slot and rate tokens, then takes the venue permit last.
   * Never throws; creates no objects. The returned object is reused by the next call.
   */
  check(order: Order): RiskDecision {
    const h = this.#latency;
    if (h === undefined) return this.#check(order);
    const t0 = performance.now();
    const d = this.#check(order);
    h.record((performance.now() - t0) * 1e6);
    return d;
  }

  #check(order: Order): RiskDecision {
    const core = this.#core;
    const cfg = this.#cfg;
    const d = this.#deny;
    if (typeof order !== 'object' || order === null) return notAnOrder(d, order);
    const o = order;
    const instrument = o.instrument;
    const buy = o.side === 'buy';
    // Classify first (level needs it); an unclassifiable order counts as risk-increasing.
    const lots = orderLots(cfg, o);
    // Start the two likely cache misses of the duplicate check now, overlapped (see there).
    if (lots > 0) touchDuplicateLines(core, o, instrument, buy, lots);
    const reducing = isReducingOrder(core, o, buy, lots);
    if (levelCheck(this.#ks, d, reducing, o.reduceOnly === true)) return d;
    if (globalBreakerCheck(this.#gb, d)) return d;
    if (validityCheck(core, d, o)) return d;
    const strategy = o.strategy;
    const price = o.price;
    const now = this.#clock.now();
    core.now = now;
    const nowMs = core.ms();
    const ticks = Math.round(price / cfg.tick[instrument]!);
    if (duplicateCheck(core, d, o.clientId, instrument, buy, lots, ticks, nowMs, true)) return d;
    if (freshnessCheck(core, d, instrument, o.type === 'market', reducing)) return d;
    if (collarCheck(core, d, instrument, o, reducing)) return d;
    const venue = cfg.instVenue[instrument]!;
    if (rateCheck(core, d, strategy, venue, reducing, nowMs, true)) return d;
    if (positionCheck(core, d, instrument, buy, lots, reducing, true)) {
      this.#rollback(0, reducing, strategy, venue, instrument, buy, lots, 0, o);
      return d;
    }
    // Inline (not core.units): `o.price` is read as an unboxed double and must not cross a call.
    const units = Math.ceil((lots * cfg.lot[instrument]! * o.price) / cfg.unit - 1e-9);
    let step = 1;
    let denied = notionalCheck(core, d, strategy, units, reducing, true);
    if (!denied) denied = (step++, openOrdersCheck(core, d, strategy, true));
    if (!denied) denied = (step++, clusterCheck(core, d, instrument, units, reducing, true));
    if (!denied)
      denied = (step++, covarianceCheck(core, d, instrument, buy, lots, o, reducing, true));
    if (!denied) denied = (step++, lossCheck(core, d, buy, o, reducing));
    let slot = -1;
    if (!denied) {
      step++;
      slot = allocateSlot(core, this.#cursor, instrument, strategy, buy, lots, o);
      if (slot < 0) {
        denied = d.set(
          RISK_CODE.openOrdersLimit,
          CHECK.openOrders,
          cfg.capacity,
          cfg.capacity + 1,
          'every reservation slot is in use (maxWorkingOrders)',
        );
      } else {
        this.#cursor = slot + 1 === cfg.capacity ? 0 : slot + 1;
      }
    }
    let permit = -1;
    if (!denied) {
      step++;
      permit = venueCheck(this.#breakers[venue]!, d, true);
      denied = permit < 0;
    }
    if (denied) {
      this.#rollback(step, reducing, strategy, venue, instrument, buy, lots, units, o);
      if (slot >= 0) freeSlot(core, slot);
      return d;
    }
    const pass = this.#pass;
    pass.reservation = reservationId(core, slot);
    pass.permit = permit;
    return pass;
  }

  /** Undoes the reservations of a check denied after the position step (`step` steps passed). */
  #rollback(
    step: number,
    reducing: boolean,
    strategy: number,
    venue: number,
    instrument: number,
    buy: boolean,
    lots: number,
    units: number,
    o: Order,
  ): void {
    const core = this.#core;
    if (!reducing) refundRate(core, strategy, venue);
    if (step >= 1) releasePosition(core, instrument, buy, lots);
    if (step >= 2) releaseNotional(core, strategy, units);
    if (step >= 3) releaseOpenOrder(core, strategy);
    if (step >= 4) releaseClusters(core, instrument, units);
    if (step >= 5) releaseCovariance(core, instrument, buy, lots, o.price);
  }

  /**
   * Books a (partial) fill of `qty` at `price` on a reservation. A fill larger than what is still
   * working is capped at it (the excess is counted in `snapshot().overfills`); a fill on an
   * unknown, finished or released reservation changes nothing and is counted in
   * `snapshot().doubleReleases`.
   * @returns the quantity booked.
   * @throws RiskInputError for a non-finite or non-positive qty or price, or a qty that is not a
   * multiple of the instrument's lot size.
   */
  onFill(reservation: number, qty: number, price: number): number {
    if (typeof price !== 'number' || !(price > 0 && price < Infinity))
      throw new RiskInputError('price', price);
    if (typeof qty !== 'number' || !(qty > 0 && qty < Infinity))
      throw new RiskInputError('qty', qty);
    const core = this.#core;
    const cfg = this.#cfg;
    const s =
      Number.isSafeInteger(reservation) && reservation >= 0 ? reservation % cfg.capacity : -1;
    if (s < 0) return this.#count(LAYOUT.counter.unknownReservations);
    const instrument = load(core.i32, slotBase(core, s) + LAYOUT.slot.instrument);
    const lot = cfg.lot[instrument]!;
    if (!isMultiple(qty, lot)) throw new RiskInputError('qty', qty);
    const lots = Math.round(qty / lot);
    const v = takeLots(core, reservation, lots);
    if (v <= 0) return this.#count(LAYOUT.counter.doubleReleases);
    const taken = v % LOTS_RADIX;
    const before = (v - taken) / LOTS_RADIX;
    if (taken < lots)
      add(core.i32, LAYOUT.counterLine * core.r.stride + LAYOUT.counter.overfills, 1);
    core.lock();
    applyFill(core, s, before, taken, price);
    const level = evaluatePnl(core);
    core.unlock();
    if (taken === before) this.#finish(s);
    this.#applyLossLevel(level);
    return taken * lot;
  }

  /**
   * Releases what is still working on a cancelled order. A second release (or an unknown id) is
   * ignored and counted in `snapshot().doubleReleases`.
   * @returns the quantity released.
   */
  onCancel(reservation: number): number {
    return this.#release(reservation);
  }

  /** Same as {@link RiskEngine.onCancel} for an order the venue rejected. */
  onReject(reservation: number): number {
    return this.#release(reservation);
  }

  /**
   * Takes a token from the strategy's cancel budget (`cancelRate`), separate from the order
   * budget. Call before sending a cancel request.
   * @returns false when the budget is empty, the strategy is unknown or has no `cancelRate`
   * (fail closed).
   */
  checkCancel(strategy: number): boolean {
    const cfg = this.#cfg;
    if (!isIndex(strategy, cfg.m) || cfg.cancelRate[strategy]! !== cfg.cancelRate[strategy]!)
      return false;
    const core = this.#core;
    const s = core.strat(strategy);
    const t = takeToken(
      core.i32,
      s + LAYOUT.strategy.cancelTokens,
      s + LAYOUT.strategy.cancelLast,
      cfg.cancelRate[strategy],
      cfg.cancelBurst[strategy]!,
      ((core.now = this.#clock.now()), core.ms()),
      true,
    );
    return t >= 0;
  }

  #release(reservation: number): number {
    const core = this.#core;
    const v = takeLots(core, reservation, Infinity);
    if (v <= 0)
      return this.#count(
        v < 0 ? LAYOUT.counter.unknownReservations : LAYOUT.counter.doubleReleases,
      );
    const s = reservation % this.#cfg.capacity;
    const taken = v % LOTS_RADIX;
    const base = slotBase(core, s);
    const i32 = core.i32;
    // Plain reads: the fields were published with the id (see `reservations/slots.ts`).
    const instrument = loadRelaxed(i32, base + LAYOUT.slot.instrument);
    const strategy = loadRelaxed(i32, base + LAYOUT.slot.strategy);
    const buy = loadRelaxed(i32, base + LAYOUT.slot.side) === 1;
    const price = loadF64(core.f64, (base + LAYOUT.slot.price) >> 1);
    const units = core.units(instrument, taken, price);
    releasePosition(core, instrument, buy, taken);
    releaseNotional(core, strategy, units);
    releaseClusters(core, instrument, units);
    releaseCovariance(core, instrument, buy, taken, price);
    this.#finish(s);
    return taken * this.#cfg.lot[instrument]!;
  }

  /** The last lots of slot `s` were taken: free its open-order slot, then the slot itself. */
  #finish(s: number): void {
    const core = this.#core;
    releaseOpenOrder(core, loadRelaxed(core.i32, slotBase(core, s) + LAYOUT.slot.strategy));
    freeSlot(core, s);
  }

  #count(counter: number): 0 {
    add(this.#core.i32, LAYOUT.counterLine * this.#core.r.stride + counter, 1);
    return 0;
  }

  #applyLossLevel(level: LossLevel): void {
    if (level === 0) return;
    const ks = this.#ks;
    const current = ks.level;
    if (level === 2 && current !== 'halted') {
      ks.trip({
        level: 'halted',
        source: 'loss',
        reason: 'daily loss limit or max drawdown reached',
      });
    } else if (level === 1 && current === 'active') {
      ks.trip({ level: 'reducing', source: 'loss', reason: 'soft daily loss threshold reached' });
    }
  }

  /**
   * Evaluates every check without reserving anything (the client id is not claimed, no token,
   * slot or venue permit is taken) and returns all denials in check order; empty means the order
   * would pass now. For diagnostics: allocates.
   */
  explain(order: Order): readonly RiskDenial[] {
    const out: RiskDenial[] = [];
    const d = new MutableDenial();
    if (typeof order !== 'object' || order === null) return [notAnOrder(d, order).copy()];
    const core = this.#core;
    const cfg = this.#cfg;
    const o = order;
    const instrument = o.instrument;
    const buy = o.side === 'buy';
    const lots = orderLots(cfg, o);
    const reducing = isReducingOrder(core, o, buy, lots);
    if (levelCheck(this.#ks, d, reducing, o.reduceOnly === true)) out.push(d.copy());
    if (globalBreakerCheck(this.#gb, d)) out.push(d.copy());
    if (validityCheck(core, d, o)) {
      out.push(d.copy());
      return out; // the remaining checks need a valid order
    }
    const strategy = o.strategy;
    const price = o.price;
    const now = this.#clock.now();
    core.now = now;
    const nowMs = core.ms();
    const ticks = Math.round(price / cfg.tick[instrument]!);
    if (duplicateCheck(core, d, o.clientId, instrument, buy, lots, ticks, nowMs, false))
      out.push(d.copy());
    if (freshnessCheck(core, d, instrument, o.type === 'market', reducing)) out.push(d.copy());
    // The collar needs a reference price (or reports its own missing configuration).
    if (core.readRef(instrument) || Number.isNaN(cfg.collarBps[instrument]!)) {
      if (collarCheck(core, d, instrument, o, reducing)) out.push(d.copy());
    }
    const venue = cfg.instVenue[instrument]!;
    if (rateCheck(core, d, strategy, venue, reducing, nowMs, false)) out.push(d.copy());
    if (positionCheck(core, d, instrument, buy, lots, reducing, false)) out.push(d.copy());
    const units = core.units(instrument, lots, price);
    if (notionalCheck(core, d, strategy, units, reducing, false)) out.push(d.copy());
    if (openOrdersCheck(core, d, strategy, false)) out.push(d.copy());
    if (clusterCheck(core, d, instrument, units, reducing, false)) out.push(d.copy());
    if (covarianceCheck(core, d, instrument, buy, lots, o, reducing, false)) out.push(d.copy());
    if (lossCheck(core, d, buy, o, reducing)) out.push(d.copy());
    if (venueCheck(this.#breakers[venue]!, d, false) < 0) out.push(d.copy());
    return out;
  }

  /**
   * Refreshes the EWMA covariance from each instrument's log return since the previous refresh
   * (WebAssembly SIMD kernel, or the scalar one), then recomputes `SIGMA x` and the portfolio
   * variance. Call it off the order path on a fixed period (the period of the returns); a no-op
   * without `correlation`.
   */
  refreshCovariance(): void {
    if (this.#cfg.corrOn) refreshCovariance(this.#core, this.#kernel, this.#returns);
  }

  /**
   * Starts a new client-id session (like a venue's daily ClOrdID roll): forgets the ids of the
   * session before the one that just ended, and keeps the just-ended session's ids as duplicates
   * for one more session. Lock-free: checks in other workers go on during the roll, and two
   * orders with one client id never both pass, even when they are checked across the roll
   * (docs/decisions/0507-risk-engine-client-id-sessions.md). Clears one table of
   * `clientIdCapacity` slots (O(capacity): 3.5–5 ms for 2^22 slots measured on a 2-core machine),
   * so call it off the order path, on a timer or when `snapshot().clientIds.current` nears half
   * the capacity.
   *
   * Precondition: at most one roll overlaps any single `check` (rolls seconds or minutes apart
   * guarantee it); a check that saw two rolls is denied DUPLICATE_ORDER (fail closed).
   *
   * @returns false, doing nothing, when another roll of the same shared state is in progress.
   * @example
   * ```ts
   * setInterval(() => engine.rollClientIds(), 60_000); // one session per minute
   * ```
   */
  rollClientIds(): boolean {
    return rollClientIds(this.#core);
  }

  /**
   * Positions, working orders, PnL and limit utilisation, read from the shared state.
   * `clientIds.current` scans the current client-id table (O(clientIdCapacity): about 8 ms for 2^22
   * slots measured on a 2-core machine).
   */
  snapshot(): RiskSnapshot {
    return {
      ...buildSnapshot(this.#core, this.#names),
      clientIds: { ...clientIdUsage(this.#core), capacity: this.#cfg.idCapacity },
      portfolioStdDev: portfolioStdDev(this.#core),
    };
  }
}
