import type { AnyStateMachine } from 'xstate';
import { distinct, edgeLabel, machineGraph } from './machineGraph.js';

/** Options of {@link toDot} and `renderSvg`. */
export interface DiagramOptions {
  /** The state to highlight (the dashboard lights up the current state). */
  readonly active?: string;
}

const ACTIVE_FILL = '#ffcc80';
const FILL = '#f5f7fa';

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * The machine as a Graphviz DOT graph (left to right): one node per state, one edge per
 * (source, target) pair listing every `EVENT [guard]` that takes it; eventless transitions
 * dashed; the events of targetless transitions (context updates only) in small print inside
 * their state; the machine-level events in a note.
 *
 * @param machine - a flat XState v5 machine
 * @param options - `active`: a state key to highlight
 * @returns DOT source, identical for identical machines
 */
export function toDot(machine: AnyStateMachine, options: DiagramOptions = {}): string {
  const g = machineGraph(machine);
  const lines = [
    `digraph ${quote(g.id)} {`,
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=12, labelloc=t, label=${quote(g.id)}, nodesep=0.5, ranksep=0.9];`,
    `  node [shape=box, style="rounded,filled", fillcolor=${quote(FILL)}, fontname="Helvetica", fontsize=12];`,
    '  edge [fontname="Helvetica", fontsize=9];',
    '  "__initial" [shape=point, width=0.15, label=""];',
  ];
  // Targetless transitions only update the context: listed inside their state's box.
  const internal = new Map<string, string[]>();
  for (const e of g.edges) {
    if (e.target !== undefined) continue;
    const source = e.source as string;
    internal.set(source, [...(internal.get(source) ?? []), e.event]);
  }
  for (const s of g.states) {
    const events = distinct(internal.get(s.key) ?? []);
    const small =
      events.length === 0
        ? ''
        : `<br/><font point-size="8" color="#555555">${html(events.join(', '))}</font>`;
    const attrs = [`label=<<b>${html(s.key)}</b>${small}>`];
    if (s.final) attrs.push('peripheries=2');
    if (s.key === options.active) attrs.push(`fillcolor=${quote(ACTIVE_FILL)}`, 'penwidth=2.5');
    lines.push(`  ${quote(s.key)} [${attrs.join(', ')}];`);
  }
  lines.push(`  "__initial" -> ${quote(g.initial)};`);

  const targeted = new Map<
    string,
    { source: string; target: string; labels: string[]; eventless: boolean }
  >();
  for (const e of g.edges) {
    if (e.target === undefined) continue;
    const source = e.source as string;
    const key = `${source}\u0000${e.target}\u0000${e.event === '' ? 'always' : 'event'}`;
    const entry = targeted.get(key) ?? {
      source,
      target: e.target,
      labels: [],
      eventless: e.event === '',
    };
    entry.labels.push(edgeLabel(e));
    targeted.set(key, entry);
  }
  for (const e of targeted.values()) {
    const style = e.eventless ? ', style=dashed' : '';
    lines.push(
      `  ${quote(e.source)} -> ${quote(e.target)} [label=${quote(distinct(e.labels).join('\n'))}${style}];`,
    );
  }
  if (g.machineEdges.length > 0) {
    const events = distinct(g.machineEdges.map((e) => e.event)).join(', ');
    lines.push(
      `  "__machine" [shape=note, style=filled, fillcolor="#ffffff", fontsize=9, label=${quote(`in every state:\n${events}`)}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
