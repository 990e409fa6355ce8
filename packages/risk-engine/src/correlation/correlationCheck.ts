import { CHECK, RISK_CODE, type MutableDenial } from '../decision.js';
import type { Core } from '../internal/Core.js';
import { cas, loadF64, store, storeF64 } from '../internal/shared.js';
import type { EwmaKernel } from './ewmaWasm.js';

/**
 * The EWMA-covariance part of CORRELATION_LIMIT. State (see `layout.ts`): SIGMA, U = SIGMA x,
 * X, PREV and VAR = x' SIGMA x, guarded by one lock word: a check reads u_i, SIGMA_ii and VAR and
 * applies its exposure change in one critical section of O(n) plain float work, so concurrent
 * checks cannot together exceed the limit (floats cannot be CAS'd as a vector; the section holds
 * no calls out and cannot throw). Only taken when `correlation` is configured.
 */
function lockCorr(core: Core): void {
  while (cas(core.i32, core.r.corr, 0, 1) !== 0) {
    // spin: the holder runs O(n) arithmetic
  }
}

function unlockCorr(core: Core): void {
  store(core.i32, core.r.corr, 0);
}

/** f64 indices of the correlation arrays. */
function bases(core: Core) {
  const n = core.cfg.n;
  const sigma = (core.r.corr + core.r.stride) >> 1;
  const u = sigma + n * n;
  const x = u + n;
  const prev = x + n;
  const v = prev + n;
  return { n, sigma, u, x, prev, v };
}

/** Adds `d` (signed money) to instrument i's exposure and updates U and VAR in O(n). */
function apply(core: Core, i: number, d: number, dVar: number): void {
  const f64 = core.f64;
  const { n, sigma, u, x, v } = bases(core);
  storeF64(f64, x + i, loadF64(f64, x + i) + d);
  for (let j = 0; j < n; j++)
    storeF64(f64, u + j, loadF64(f64, u + j) + d * loadF64(f64, sigma + j * n + i));
  storeF64(f64, v, loadF64(f64, v) + dVar);
}

/** dVar of adding `d` to x_i: `2 d u_i + d^2 SIGMA_ii`. */
function deltaVar(core: Core, i: number, d: number): number {
  const { n, sigma, u } = bases(core);
  return 2 * d * loadF64(core.f64, u + i) + d * d * loadF64(core.f64, sigma + i * n + i);
}

/**
 * CORRELATION_LIMIT when `sqrt(VAR + dVar) > maxStdDev` for a risk-increasing order adding
 * `d = ±lots x lotSize x price` (signed notional) to instrument i; a passing (or risk-reducing)
 * order's exposure is applied at once when `reserve`. (Takes lots and price, not `d`, so the
 * caller never boxes a fractional double.)
 * @returns true when denied.
 */
export function covarianceCheck(
  core: Core,
  dn: MutableDenial,
  i: number,
  buy: boolean,
  lots: number,
  o: { readonly price: number },
  reducing: boolean,
  reserve: boolean,
): boolean {
  const cfg = core.cfg;
  if (!cfg.corrOn) return false;
  const d = (buy ? lots : -lots) * cfg.lot[i]! * o.price;
  lockCorr(core);
  const dVar = deltaVar(core, i, d);
  const next = loadF64(core.f64, bases(core).v) + dVar;
  if (!reducing && next > cfg.maxVar * (1 + 1e-9)) {
    unlockCorr(core);
    return dn.set(
      RISK_CODE.correlationLimit,
      CHECK.correlation,
      Math.sqrt(cfg.maxVar),
      Math.sqrt(next),
      'correlation-adjusted exposure would exceed maxStdDev',
    );
  }
  if (reserve) apply(core, i, d, dVar);
  unlockCorr(core);
  return false;
}

/** Removes the exposure of `lots` at `price` from instrument i (cancel, reject, rollback). */
export function releaseCovariance(
  core: Core,
  i: number,
  buy: boolean,
  lots: number,
  price: number,
): void {
  if (!core.cfg.corrOn) return;
  const d = (buy ? lots : -lots) * core.cfg.lot[i]! * price;
  lockCorr(core);
  apply(core, i, -d, deltaVar(core, i, -d));
  unlockCorr(core);
}

/**
 * Off the order path: takes each instrument's log return since the last refresh (0 without two
 * prices), refreshes SIGMA with `kernel`, then recomputes U = SIGMA x and VAR = x' SIGMA x. O(n^2).
 */
export function refreshCovariance(core: Core, kernel: EwmaKernel, scratch: Float64Array): void {
  const cfg = core.cfg;
  const f64 = core.f64;
  const { n, sigma, u, x, prev, v } = bases(core);
  lockCorr(core);
  for (let i = 0; i < n; i++) {
    const has = core.readRef(i);
    const p = loadF64(f64, prev + i);
    scratch[i] = has && p > 0 ? Math.log(core.ref / p) : 0;
    if (has) storeF64(f64, prev + i, core.ref);
  }
  kernel(f64.subarray(sigma, sigma + n * n), scratch, n, cfg.lambda);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let ui = 0;
    for (let j = 0; j < n; j++) ui += loadF64(f64, sigma + i * n + j) * loadF64(f64, x + j);
    storeF64(f64, u + i, ui);
    total += ui * loadF64(f64, x + i);
  }
  storeF64(f64, v, total);
  unlockCorr(core);
}

/** Current one-period PnL standard deviation of the exposure (money). */
export function portfolioStdDev(core: Core): number {
  if (!core.cfg.corrOn) return Number.NaN;
  lockCorr(core);
  const v = loadF64(core.f64, bases(core).v);
  unlockCorr(core);
  return Math.sqrt(Math.max(0, v));
}
