// Latency histogram: LatencyHistogram.record against Atomics.add and hdr-histogram-js, one process.
import { LatencyHistogram } from '@tripwire/latency';
import { do_not_optimize } from 'mitata';
import { runSuite } from '../suite/runSuite.js';
import { BASELINE, baselineScenarios } from '../scenarios/baselines.js';
import { HDR_RECORD, hdrRecordScenario, latencySamples } from '../scenarios/hdrPeer.js';

const group = 'histogram record';
const RECORD = 'LatencyHistogram.record (1 ns … 60 s, 2 digits)';
const values = latencySamples();
const ours = new LatencyHistogram({ lowestNs: 1, highestNs: 60e9, significantDigits: 2 });
let i = 0;
const queried = new LatencyHistogram();
for (const v of values) queried.record(v);

await runSuite({
  name: 'latency',
  scenarios: [
    ...baselineScenarios([BASELINE.atomicsAdd], group),
    {
      name: RECORD,
      group,
      baseline: BASELINE.atomicsAdd,
      target: {
        label: '<= 2x Atomics.add, faster than hdr-histogram-js',
        maxRatio: 2,
        fasterThan: HDR_RECORD,
      },
      bench: () => {
        ours.record(values[i++ & 4095] ?? 1);
        do_not_optimize(ours);
      },
    },
    hdrRecordScenario(group, RECORD),
    {
      name: 'LatencyHistogram.percentile(99) (4,096 values)',
      group: 'queries (off the hot path)',
      bench: () => do_not_optimize(queried.percentile(99)),
    },
  ],
  notes: [
    'Every histogram records the same 4,096 pseudo-random latencies (100 ns … 10 ms), cycled, so none records a constant.',
  ],
});
