import * as hdr from 'hdr-histogram-js';
import { do_not_optimize } from 'mitata';
import type { BenchScenario } from '../model/Scenario.js';

/** Name of the hdr-histogram-js scenario. */
export const HDR_RECORD = 'hdr-histogram-js recordValue (JS, 2 digits)';

/**
 * Latencies to record, in ns: a fixed pseudo-random spread over 100 ns … 10 ms, so every
 * histogram sees the same values and no bench records one constant.
 *
 * @param n - how many values (a power of two).
 * @returns the values.
 */
export function latencySamples(n = 4096): Float64Array {
  const values = new Float64Array(n);
  let x = 0x9e3779b9;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const u = (x >>> 0) / 2 ** 32;
    values[i] = Math.round(100 * 10 ** (5 * u));
  }
  return values;
}

/**
 * hdr-histogram-js's pure-JS histogram with the range and precision of `LatencyHistogram`'s
 * defaults (1 ns … 60 s, 2 significant digits), recording the shared sample values.
 *
 * @param group - group heading.
 * @param versus - our scenario it competes with, when present in the suite.
 * @returns the scenario.
 */
export function hdrRecordScenario(group: string, versus?: string): BenchScenario {
  const h = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60e9,
    numberOfSignificantValueDigits: 2,
    useWebAssembly: false,
  });
  const values = latencySamples();
  let i = 0;
  return {
    name: HDR_RECORD,
    group,
    kind: 'peer',
    ...(versus === undefined ? {} : { versus }),
    bench: () => {
      h.recordValue(values[i++ & 4095] ?? 1);
      do_not_optimize(h);
    },
  };
}
