import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KillSwitch } from '@tripwire/kill-switch';
import { COOLDOWN_MS, SECRET, killSwitchCommands, setupRun } from './killSwitchCommands.js';

const NUM_RUNS = Number(process.env['KILL_SWITCH_MODEL_RUNS'] ?? 1_000);

const real = setupRun(
  (clock) =>
    new KillSwitch({
      clock,
      secret: SECRET,
      resetCooldownMs: COOLDOWN_MS,
      maxWatchdogs: 8,
      auditCapacity: 4096,
    }),
);

describe('KillSwitch against killSwitchMachine (model-based)', () => {
  it(`agrees with the model on ${NUM_RUNS} command sequences`, () => {
    fc.assert(
      fc.property(killSwitchCommands(40), (cmds) => {
        fc.modelRun(real, cmds);
      }),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);

  it('finds the bug in a kill switch that does not enforce the reset cooldown (broken fixture)', () => {
    const broken = setupRun(
      (clock) => new KillSwitch({ clock, secret: SECRET, resetCooldownMs: 0, maxWatchdogs: 8 }),
    );
    const details = fc.check(
      fc.property(killSwitchCommands(40), (cmds) => {
        fc.modelRun(broken, cmds);
      }),
      { numRuns: 1_000, seed: 42 },
    );
    expect(details.failed).toBe(true);
    // The shrunk counterexample is a trip followed by an authorized reset inside the cooldown.
    expect([...(details.counterexample?.[0] ?? [])].map((c) => c.toString()).join(' ')).toMatch(
      /trip\((reducing|halted).*reset\(\w+,good\)/,
    );
    expect(details.counterexamplePath).toBeTruthy();
  });
});
