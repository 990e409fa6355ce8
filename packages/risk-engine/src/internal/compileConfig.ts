import { InvalidRiskConfigError } from '../errors/InvalidRiskConfigError.js';
import type { RateOptions, RiskEngineOptions } from '../options.js';

/** Largest value a notional limit may have in units: leaves 8x headroom below 2^31. */
export const MAX_LIMIT_UNITS = 2 ** 28;
/** Largest order in lots: the remaining-lots field of a reservation slot is 22 bits. */
export const MAX_ORDER_LOTS = 2 ** 22 - 1;
/** Largest position limit in lots (Int32 exposure words with 2x headroom). */
export const MAX_POSITION_LOTS = 2 ** 30;

/** @internal Options validated and flattened into typed arrays for the hot path. */
export interface CompiledConfig {
  readonly n: number;
  readonly m: number;
  readonly v: number;
  readonly k: number;
  readonly unit: number;
  readonly instVenue: Int32Array;
  readonly tick: Float64Array;
  readonly lot: Float64Array;
  /** NaN = missing, for every optional limit below. */
  readonly minQty: Float64Array;
  readonly maxQty: Float64Array;
  readonly maxOrderNotional: Float64Array;
  /** -1 = missing. */
  readonly maxPosLots: Int32Array;
  readonly collarBps: Float64Array;
  readonly maxAgeMs: Float64Array;
  /** -1 = missing. */
  readonly maxOpen: Int32Array;
  readonly maxNotionalUnits: Int32Array;
  /** Milli-tokens per ms (= tokens per second); NaN = missing. */
  readonly stratRate: Float64Array;
  readonly stratBurst: Int32Array;
  readonly cancelRate: Float64Array;
  readonly cancelBurst: Int32Array;
  /** NaN = venue has no rate limit (optional, not a missing limit). */
  readonly venueRate: Float64Array;
  readonly venueBurst: Int32Array;
  /** Clusters of instrument i: `clusterList[clusterStart[i] .. clusterStart[i+1])`. */
  readonly clusterStart: Int32Array;
  readonly clusterList: Int32Array;
  readonly clusterMaxUnits: Int32Array;
  readonly corrOn: boolean;
  readonly lambda: number;
  /** maxStdDev squared. */
  readonly maxVar: number;
  readonly hasLoss: boolean;
  readonly dailyLimit: number;
  readonly softFraction: number;
  readonly maxDrawdown: number;
  readonly duplicateWindowMs: number;
  readonly capacity: number;
  readonly idCapacity: number;
  readonly fpCapacity: number;
  readonly digest: number;
}

function fail(field: string, value: unknown, reason: string): never {
  throw new InvalidRiskConfigError(field, value, reason);
}

function positive(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(field, value, 'must be a finite number > 0');
  }
  return value;
}

function optionalPositive(field: string, value: unknown, allowZero = false): number {
  if (value === undefined) return Number.NaN;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    fail(field, value, allowZero ? 'must be a finite number >= 0' : 'must be a finite number > 0');
  }
  return value;
}

function index(field: string, value: unknown, length: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= length) {
    fail(field, value, `must be an integer index in [0, ${length})`);
  }
  return value;
}

function list<T>(field: string, value: readonly T[] | undefined, required: boolean): readonly T[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || (required && value.length === 0)) {
    fail(field, value, 'must be a non-empty array');
  }
  return value as readonly T[];
}

function rate(field: string, r: RateOptions | undefined): [number, number] {
  if (r === undefined) return [Number.NaN, 0];
  const perSec = positive(`${field}.perSec`, r.perSec);
  const burst = positive(`${field}.burst`, r.burst);
  if (burst < 1 || burst * 1000 > 2 ** 30)
    fail(`${field}.burst`, burst, 'must be in [1, 2^30 / 1000]');
  return [perSec, Math.floor(burst * 1000)];
}

function units(field: string, value: number, unit: number): number {
  if (Number.isNaN(value)) return -1;
  const u = Math.floor(value / unit + 1e-9);
  if (u > MAX_LIMIT_UNITS) fail(field, value, `is more than 2^28 notional units of ${unit}`);
  return u;
}

/** FNV-1a over a string, as a signed 32-bit integer. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Validates `options` and flattens them for the hot path.
 * @throws InvalidRiskConfigError naming the first bad field.
 */
export function compileConfig(options: RiskEngineOptions): CompiledConfig {
  if (typeof options !== 'object' || options === null)
    fail('options', options, 'must be an object');
  const ks = options.killSwitch as unknown;
  if (
    typeof ks !== 'object' ||
    ks === null ||
    typeof (ks as { allows?: unknown }).allows !== 'function'
  ) {
    fail('killSwitch', ks, 'must be a kill switch');
  }
  const venues = list('venues', options.venues, true);
  const instruments = list('instruments', options.instruments, true);
  const strategies = list('strategies', options.strategies, true);
  const clusters = list('clusters', options.clusters, false);
  const n = instruments.length;
  const m = strategies.length;
  const v = venues.length;
  const k = clusters.length;

  const venueRate = new Float64Array(v);
  const venueBurst = new Int32Array(v);
  venues.forEach((venue, j) => {
    const b = venue?.breaker as unknown;
    if (
      typeof b !== 'object' ||
      b === null ||
      typeof (b as { tryAcquire?: unknown }).tryAcquire !== 'function'
    ) {
      fail(`venues[${j}].breaker`, b, 'must be a circuit breaker');
    }
    [venueRate[j], venueBurst[j]] = rate(`venues[${j}].rate`, venue.rate);
  });

  const instVenue = new Int32Array(n);
  const tick = new Float64Array(n);
  const lot = new Float64Array(n);
  const minQty = new Float64Array(n);
  const maxQty = new Float64Array(n);
  const maxOrderNotional = new Float64Array(n);
  const maxPos = new Float64Array(n);
  const collarBps = new Float64Array(n);
  const maxAgeMs = new Float64Array(n);
  instruments.forEach((ins, i) => {
    const f = `instruments[${i}]`;
    if (typeof ins !== 'object' || ins === null) fail(f, ins, 'must be an object');
    instVenue[i] = index(`${f}.venue`, ins.venue, v);
    tick[i] = positive(`${f}.tickSize`, ins.tickSize);
    lot[i] = positive(`${f}.lotSize`, ins.lotSize);
    minQty[i] = ins.minQty === undefined ? lot[i] : positive(`${f}.minQty`, ins.minQty);
    maxQty[i] = optionalPositive(`${f}.maxQty`, ins.maxQty);
    if (maxQty[i] < minQty[i]) fail(`${f}.maxQty`, ins.maxQty, 'must be >= minQty');
    if (maxQty[i] / lot[i] > MAX_ORDER_LOTS)
      fail(`${f}.maxQty`, ins.maxQty, `must be <= ${MAX_ORDER_LOTS} lots`);
    maxOrderNotional[i] = optionalPositive(`${f}.maxOrderNotional`, ins.maxOrderNotional);
    maxPos[i] = optionalPositive(`${f}.maxPosition`, ins.maxPosition);
    if (maxPos[i] / lot[i] > MAX_POSITION_LOTS)
      fail(`${f}.maxPosition`, ins.maxPosition, 'must be <= 2^30 lots');
    collarBps[i] = optionalPositive(`${f}.collarBps`, ins.collarBps, true);
    maxAgeMs[i] = optionalPositive(`${f}.maxPriceAgeMs`, ins.maxPriceAgeMs, true);
  });

  const maxOpen = new Int32Array(m);
  const maxNotional = new Float64Array(m);
  const stratRate = new Float64Array(m);
  const stratBurst = new Int32Array(m);
  const cancelRate = new Float64Array(m);
  const cancelBurst = new Int32Array(m);
  strategies.forEach((s, j) => {
    const f = `strategies[${j}]`;
    if (typeof s !== 'object' || s === null) fail(f, s, 'must be an object');
    if (s.maxOpenOrders === undefined) maxOpen[j] = -1;
    else if (
      !Number.isInteger(s.maxOpenOrders) ||
      s.maxOpenOrders < 0 ||
      s.maxOpenOrders > 2 ** 30
    ) {
      fail(`${f}.maxOpenOrders`, s.maxOpenOrders, 'must be an integer in [0, 2^30]');
    } else maxOpen[j] = s.maxOpenOrders;
    maxNotional[j] = optionalPositive(`${f}.maxNotional`, s.maxNotional);
    [stratRate[j], stratBurst[j]] = rate(`${f}.rate`, s.rate);
    [cancelRate[j], cancelBurst[j]] = rate(`${f}.cancelRate`, s.cancelRate);
  });

  const clusterMax = new Float64Array(k);
  const members: number[][] = Array.from({ length: n }, () => []);
  clusters.forEach((c, j) => {
    const f = `clusters[${j}]`;
    if (typeof c !== 'object' || c === null) fail(f, c, 'must be an object');
    const ids = list(`${f}.instruments`, c.instruments, true);
    const seen = new Set<number>();
    ids.forEach((id, x) => {
      const i = index(`${f}.instruments[${x}]`, id, n);
      if (seen.has(i)) fail(`${f}.instruments[${x}]`, id, 'is listed twice');
      seen.add(i);
      members[i]!.push(j);
    });
    clusterMax[j] = optionalPositive(`${f}.maxGrossNotional`, c.maxGrossNotional);
  });
  const clusterStart = new Int32Array(n + 1);
  const flat: number[] = [];
  members.forEach((cs, i) => {
    clusterStart[i] = flat.length;
    flat.push(...cs);
  });
  clusterStart[n] = flat.length;

  let hasLoss = false;
  let dailyLimit = Number.NaN;
  let softFraction = Number.NaN;
  let maxDrawdown = Number.NaN;
  if (options.loss !== undefined) {
    hasLoss = true;
    dailyLimit = positive('loss.dailyLimit', options.loss.dailyLimit);
    softFraction = positive('loss.softFraction', options.loss.softFraction);
    if (softFraction > 1) fail('loss.softFraction', softFraction, 'must be in (0, 1]');
    maxDrawdown = positive('loss.maxDrawdown', options.loss.maxDrawdown);
  }

  let corrOn = false;
  let lambda = 0.94;
  let maxVar = Number.NaN;
  if (options.correlation !== undefined) {
    corrOn = true;
    const lam = options.correlation.lambda ?? 0.94;
    if (typeof lam !== 'number' || !(lam > 0 && lam < 1))
      fail('correlation.lambda', lam, 'must be in (0, 1)');
    lambda = lam;
    const sd = positive('correlation.maxStdDev', options.correlation.maxStdDev);
    maxVar = sd * sd;
  }

  const duplicateWindowMs = options.duplicateWindowMs ?? 0;
  if (!Number.isFinite(duplicateWindowMs) || duplicateWindowMs < 0) {
    fail('duplicateWindowMs', duplicateWindowMs, 'must be a finite number >= 0');
  }
  const capacity = options.maxWorkingOrders ?? 4096;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2 ** 20) {
    fail('maxWorkingOrders', capacity, 'must be an integer in [1, 2^20]');
  }
  const idCapacity = options.clientIdCapacity ?? 2 ** 20;
  if (
    !Number.isInteger(idCapacity) ||
    idCapacity < 16 ||
    idCapacity > 2 ** 26 ||
    (idCapacity & (idCapacity - 1)) !== 0
  ) {
    fail('clientIdCapacity', idCapacity, 'must be a power of two in [16, 2^26]');
  }

  const limits = [...maxOrderNotional, ...maxNotional, ...clusterMax].filter(
    (x) => !Number.isNaN(x),
  );
  const largest = limits.length === 0 ? 1 : Math.max(...limits);
  let unit: number;
  if (options.notionalUnit === undefined) {
    unit = 10 ** Math.ceil(Math.log10(largest / MAX_LIMIT_UNITS));
  } else {
    unit = positive('notionalUnit', options.notionalUnit);
  }

  // Every order notional must also fit the shared counters (an order is <= maxOrderNotional).
  maxOrderNotional.forEach((x, i) => units(`instruments[${i}].maxOrderNotional`, x, unit));
  const maxPosLots = Int32Array.from(maxPos, (x, i) =>
    Number.isNaN(x) ? -1 : Math.floor(x / lot[i]! + 1e-9),
  );
  const maxNotionalUnits = Int32Array.from(maxNotional, (x, j) =>
    units(`strategies[${j}].maxNotional`, x, unit),
  );
  const clusterMaxUnits = Int32Array.from(clusterMax, (x, j) =>
    units(`clusters[${j}].maxGrossNotional`, x, unit),
  );

  const skeleton = JSON.stringify([
    corrOn,
    lambda,
    maxVar,
    n,
    m,
    v,
    k,
    unit,
    capacity,
    idCapacity,
    duplicateWindowMs,
    hasLoss,
    dailyLimit,
    softFraction,
    maxDrawdown,
    [...instVenue],
    [...tick],
    [...lot],
    [...minQty],
    [...maxQty],
    [...maxOrderNotional],
    [...maxPosLots],
    [...collarBps],
    [...maxAgeMs],
    [...maxOpen],
    [...maxNotionalUnits],
    [...stratRate],
    [...stratBurst],
    [...cancelRate],
    [...cancelBurst],
    [...venueRate],
    [...venueBurst],
    [...clusterStart],
    flat,
    [...clusterMaxUnits],
  ]);

  return {
    n,
    m,
    v,
    k,
    unit,
    instVenue,
    tick,
    lot,
    minQty,
    maxQty,
    maxOrderNotional,
    maxPosLots,
    collarBps,
    maxAgeMs,
    maxOpen,
    maxNotionalUnits,
    stratRate,
    stratBurst,
    cancelRate,
    cancelBurst,
    venueRate,
    venueBurst,
    clusterStart,
    clusterList: Int32Array.from(flat),
    clusterMaxUnits,
    hasLoss,
    dailyLimit,
    softFraction,
    maxDrawdown,
    corrOn,
    lambda,
    maxVar,
    duplicateWindowMs,
    capacity,
    idCapacity,
    fpCapacity: 2 ** 18,
    digest: fnv1a(skeleton),
  };
}
