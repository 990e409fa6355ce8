import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/** One transition, as the diagrams draw it. */
export interface DiagramEdge {
  /** Source state key (`'closed'`), or `undefined` for a machine-level transition. */
  readonly source: string | undefined;
  /** Target state key; `undefined` for a targetless transition (context only). */
  readonly target: string | undefined;
  /** Event type, or `''` for an eventless (`always`) transition. */
  readonly event: string;
  readonly guard: string | undefined;
  readonly actions: readonly string[];
}

/** A state of the diagram. */
export interface DiagramState {
  readonly key: string;
  readonly final: boolean;
  readonly description: string | undefined;
}

/** A machine flattened into what every diagram format needs. */
export interface MachineGraph {
  readonly id: string;
  readonly initial: string;
  readonly states: readonly DiagramState[];
  /** Transitions of the states, in document order. */
  readonly edges: readonly DiagramEdge[];
  /** Transitions declared on the machine itself (handled in every state). */
  readonly machineEdges: readonly DiagramEdge[];
}

function guardName(t: AnyTransitionDefinition): string | undefined {
  const g = t.guard as unknown;
  if (g === undefined) return undefined;
  if (typeof g === 'function') return 'inline';
  return typeof g === 'string' ? g : (g as { type: string }).type;
}

function actionName(a: unknown): string {
  if (typeof a === 'string') return a;
  if (typeof a === 'function') return 'inline';
  return String((a as { type: unknown }).type);
}

function edgesOf(node: AnyStateNode, source: string | undefined): DiagramEdge[] {
  const lists: Array<[string, readonly AnyTransitionDefinition[]]> = [
    ...node.transitions.entries(),
  ];
  if (node.always !== undefined) lists.push(['', node.always]);
  const out: DiagramEdge[] = [];
  for (const [event, list] of lists) {
    for (const t of list) {
      out.push({
        source,
        target: t.target?.[0]?.key,
        event,
        guard: guardName(t),
        actions: t.actions.map(actionName),
      });
    }
  }
  return out;
}

/**
 * Reads a flat machine (top-level states only, as all tripwire machines are; at least one) into states and
 * edges, in document order, so every output format is deterministic.
 *
 * @param machine - an XState v5 machine
 * @returns its id, initial state, states and transitions
 */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const root = machine.root;
  const states = Object.values(root.states).map((n) => ({
    key: n.key,
    final: n.type === 'final',
    description: n.description,
  }));
  return {
    id: root.id,
    initial: (root.initial.target[0] as AnyStateNode).key,
    states,
    edges: Object.values(root.states).flatMap((n) => edgesOf(n, n.key)),
    machineEdges: edgesOf(root, undefined),
  };
}

/** `EVENT [guard]`, `[guard]` for an eventless transition, `EVENT` without a guard. */
export function edgeLabel(edge: DiagramEdge): string {
  const guard = edge.guard === undefined ? '' : `[${edge.guard}]`;
  return [edge.event, guard].filter((s) => s !== '').join(' ') || 'always';
}

/** Distinct values, first occurrence order. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
