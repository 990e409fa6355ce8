// The plain-JavaScript costs every other figure is compared with (DESIGN §8).
import { runSuite } from '../suite/runSuite.js';
import { baselineScenarios } from '../scenarios/baselines.js';

await runSuite({
  name: 'baselines',
  scenarios: [...baselineScenarios()],
  notes: [
    'The same baselines are measured again inside each suite that compares with them, so every ratio comes from one process.',
  ],
});
