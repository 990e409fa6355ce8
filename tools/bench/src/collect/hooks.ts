// Module hooks of a suite process (registered by preload.ts): redirect `mitata` to the recording
// shim, and in smoke mode shrink mitata's minimum measuring time per benchmark
// (docs/decisions/0701-bench-smoke-mode.md).

/** Data given to `register()` by the preload. */
export interface HooksData {
  readonly smoke: boolean;
  /** Minimum CPU time per benchmark in smoke mode, in ns. */
  readonly smokeMinCpuTimeNs: number;
}

interface ResolveContext {
  readonly parentURL?: string | undefined;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<unknown>;
interface LoadResult {
  readonly source?: unknown;
}
type NextLoad = (url: string, context: unknown) => Promise<LoadResult>;

/** The constant of mitata 1.0.34 (`lib.mjs`) that sets the minimum time spent per benchmark. */
export const MITATA_MIN_CPU_TIME = 'export const k_min_cpu_time = 642 * 1e6;';
/** The constant of mitata 1.0.34 (`lib.mjs`) that sets the calls per sample of a fast function. */
export const MITATA_BATCH_SAMPLES = 'export const k_batch_samples = 4096;';
/** Calls per sample in smoke mode (a 50 µs function otherwise takes 0.2 s per sample). */
export const SMOKE_BATCH_SAMPLES = 64;

const shimUrl = new URL('./mitataShim.ts', import.meta.url).href;
let data: HooksData = { smoke: false, smokeMinCpuTimeNs: 0 };

/**
 * Node module-hooks `initialize`.
 *
 * @param d - data passed to `register()`.
 */
export function initialize(d: HooksData): void {
  data = d;
}

/**
 * Node module-hooks `resolve`: `mitata` resolves to the shim, except from the shim itself.
 *
 * @param specifier - what is imported.
 * @param context - Node's resolve context.
 * @param next - the next resolve hook.
 * @returns the resolution.
 */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<unknown> {
  if (specifier === 'mitata' && context.parentURL !== shimUrl) {
    return next(shimUrl, { ...context, parentURL: import.meta.url });
  }
  return next(specifier, context);
}

/**
 * Rewrites mitata's minimum time per benchmark and calls per batch for smoke mode; fails loudly
 * if either constant is not found (a mitata upgrade must revisit this).
 *
 * @param source - mitata's `lib.mjs` source.
 * @param minCpuTimeNs - the new minimum time per benchmark, in ns.
 * @returns the patched source.
 */
export function patchMitataSource(source: string, minCpuTimeNs: number): string {
  let patched = source;
  for (const [needle, value] of [
    [MITATA_MIN_CPU_TIME, `export const k_min_cpu_time = ${String(minCpuTimeNs)};`],
    [MITATA_BATCH_SAMPLES, `export const k_batch_samples = ${String(SMOKE_BATCH_SAMPLES)};`],
  ] as const) {
    if (!patched.includes(needle)) {
      throw new Error(
        `@tripwire/bench smoke mode: mitata's "${needle}" was not found; mitata was upgraded?`,
      );
    }
    patched = patched.replace(needle, value);
  }
  return patched;
}

/**
 * Node module-hooks `load`.
 *
 * @param url - module URL.
 * @param context - Node's load context.
 * @param next - the next load hook.
 * @returns the loaded module, patched for mitata's `lib.mjs` in smoke mode.
 */
export async function load(url: string, context: unknown, next: NextLoad): Promise<LoadResult> {
  const result = await next(url, context);
  if (!data.smoke || !url.endsWith('/mitata/src/lib.mjs')) return result;
  const source =
    typeof result.source === 'string'
      ? result.source
      : new TextDecoder().decode(result.source as Uint8Array);
  return { ...result, source: patchMitataSource(source, data.smokeMinCpuTimeNs) };
}
