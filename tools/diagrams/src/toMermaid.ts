import type { AnyStateMachine } from 'xstate';
import { distinct, edgeLabel, machineGraph } from './machineGraph.js';

function mermaidId(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The machine as Mermaid `stateDiagram-v2` text (renders on GitHub): one line per
 * `EVENT [guard]` that changes state, one line per state listing its targetless events, and a
 * note with the machine-level events.
 *
 * @param machine - a flat XState v5 machine
 * @returns Mermaid source, identical for identical machines
 */
export function toMermaid(machine: AnyStateMachine): string {
  const g = machineGraph(machine);
  const lines = ['---', `title: ${g.id}`, '---', 'stateDiagram-v2', '  direction LR'];
  for (const s of g.states) {
    if (mermaidId(s.key) !== s.key) lines.push(`  state "${s.key}" as ${mermaidId(s.key)}`);
  }
  lines.push(`  [*] --> ${mermaidId(g.initial)}`);
  const internal = new Map<string, string[]>();
  for (const e of g.edges) {
    const source = mermaidId(e.source as string);
    if (e.target === undefined) {
      internal.set(source, [...(internal.get(source) ?? []), e.event]);
      continue;
    }
    lines.push(`  ${source} --> ${mermaidId(e.target)} : ${edgeLabel(e)}`);
  }
  for (const [source, events] of internal) {
    lines.push(`  ${source} --> ${source} : ${distinct(events).join(', ')}`);
  }
  for (const s of g.states) if (s.final) lines.push(`  ${mermaidId(s.key)} --> [*]`);
  if (g.machineEdges.length > 0) {
    const events = distinct(g.machineEdges.map((e) => e.event)).join(', ');
    lines.push(
      `  note left of ${mermaidId(g.initial)}`,
      `    in every state: ${events}`,
      '  end note',
    );
  }
  return `${lines.join('\n')}\n`;
}
