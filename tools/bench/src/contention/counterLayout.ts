/**
 * Int32 slots between two counters that must not share a cache line: 64 bytes on x64, 128 on
 * arm64 (adjacent-line prefetch), as DESIGN §3 prescribes for the primitives' layouts.
 */
export const CACHE_LINE_INT32S = process.arch === 'arm64' ? 32 : 16;

/** How counters of different workers are laid out. */
export type CounterLayout = 'packed' | 'strided' | 'shared';

/**
 * A counter array and the slot of worker `i` for a layout: `packed` puts the counters side by
 * side (one cache line, false sharing), `strided` one cache line apart, `shared` all workers on
 * slot 0 (true sharing).
 *
 * @param layout - the layout.
 * @param workers - number of workers.
 * @returns the array (on a SharedArrayBuffer) and the slot function.
 */
export function counterFixture(
  layout: CounterLayout,
  workers: number,
): { counters: Int32Array; slot: (worker: number) => number } {
  const counters = new Int32Array(new SharedArrayBuffer(4 * CACHE_LINE_INT32S * (workers + 1)));
  const slot =
    layout === 'packed'
      ? (i: number) => i
      : layout === 'strided'
        ? (i: number) => i * CACHE_LINE_INT32S
        : () => 0;
  return { counters, slot };
}
