// Kill switch: the `allows` hot path against a plain shared read and Atomics.load, same process.
import { KillSwitch } from '@tripwire/kill-switch';
import { do_not_optimize } from 'mitata';
import { runSuite } from '../suite/runSuite.js';
import { BASELINE, baselineScenarios } from '../scenarios/baselines.js';

const SEED_KILL_CHECK = { label: 'seed', ns: 3 } as const;
const group = 'kill switch check';

const active = new KillSwitch({ secret: 'bench' });
const halted = new KillSwitch({ secret: 'bench' });
halted.trip({ level: 'halted', source: 'bench', reason: 'benchmark of a halted switch' });
const held = new KillSwitch({ secret: 'bench' });
const hold = held.hold('bench', 'reducing');

await runSuite({
  name: 'kill-switch',
  scenarios: [
    ...baselineScenarios([BASELINE.int32Read, BASELINE.atomicsLoad, BASELINE.fieldRead], group),
    {
      name: "allows('increase') (active)",
      group,
      baseline: BASELINE.int32Read,
      reference: SEED_KILL_CHECK,
      target: { label: '<= 2 ns (median)', maxP50Ns: 2 },
      bench: () => do_not_optimize(active.allows('increase')),
    },
    {
      name: "allows('reduce') (active)",
      group,
      baseline: BASELINE.int32Read,
      reference: SEED_KILL_CHECK,
      bench: () => do_not_optimize(active.allows('reduce')),
    },
    {
      name: "allows('increase') (halted: false)",
      group,
      baseline: BASELINE.int32Read,
      reference: SEED_KILL_CHECK,
      bench: () => do_not_optimize(halted.allows('increase')),
    },
    {
      name: "allows('increase') (reducing hold: false)",
      group,
      baseline: BASELINE.int32Read,
      bench: () => do_not_optimize(held.allows('increase')),
    },
    {
      name: 'level (evaluates watchdogs)',
      group: 'level read',
      baseline: BASELINE.atomicsLoad,
      bench: () => do_not_optimize(active.level),
    },
  ],
  notes: [
    'A plain aligned Int32 read is as cheap as an empty loop in V8, so ratios near 1x against it mean "free"; mitata flags such figures as possibly optimised out, which for a plain read is the point.',
  ],
});
hold.dispose();
