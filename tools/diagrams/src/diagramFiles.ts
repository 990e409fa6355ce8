import {
  circuitBreakerMachine,
  globalBreakerMachine,
  halfOpenPermitsMachine,
  killSwitchMachine,
} from '@tripwire/models';
import type { AnyStateMachine } from 'xstate';
import { renderSvg } from './renderSvg.js';
import { toMermaid } from './toMermaid.js';
import { toStatelyJson } from './toStatelyJson.js';

/** The machines drawn in `docs/diagrams/`, by file stem. */
export const DIAGRAM_MACHINES: Readonly<Record<string, AnyStateMachine>> = {
  'circuit-breaker': circuitBreakerMachine,
  'half-open-permits': halfOpenPermitsMachine,
  'global-breaker': globalBreakerMachine,
  'kill-switch': killSwitchMachine,
};

/**
 * Every file of `docs/diagrams/`: for each machine `<stem>.svg` (Graphviz layout),
 * `<stem>.mmd` (Mermaid) and `<stem>.stately.json` (Stately import).
 *
 * @param machines - stem -> machine (default {@link DIAGRAM_MACHINES})
 * @returns file name -> content, in a fixed order
 */
export async function diagramFiles(
  machines: Readonly<Record<string, AnyStateMachine>> = DIAGRAM_MACHINES,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [stem, machine] of Object.entries(machines)) {
    files.set(`${stem}.svg`, await renderSvg(machine));
    files.set(`${stem}.mmd`, toMermaid(machine));
    files.set(`${stem}.stately.json`, toStatelyJson(machine));
  }
  return files;
}
