import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/** A transition in XState config JSON. */
interface JsonTransition {
  target?: string;
  guard?: string | { type: string; params?: unknown };
  actions?: Array<{ type: string; params?: unknown }>;
}

/** A state node in XState config JSON. */
interface JsonStateNode {
  id?: string;
  initial?: string;
  type?: 'final';
  description?: string;
  on?: Record<string, JsonTransition[]>;
  always?: JsonTransition[];
  states?: Record<string, JsonStateNode>;
}

function guardJson(t: AnyTransitionDefinition): JsonTransition['guard'] {
  const g = t.guard as unknown;
  if (g === undefined) return undefined;
  if (typeof g === 'string') return g;
  if (typeof g === 'function') return 'inline';
  const { type, params } = g as { type: string; params?: unknown };
  return { type, params }; // JSON.stringify drops an undefined params
}

function transitionJson(t: AnyTransitionDefinition): JsonTransition {
  const out: JsonTransition = {};
  const target = t.target?.[0];
  if (target !== undefined) out.target = `#${target.id}`;
  const guard = guardJson(t);
  if (guard !== undefined) out.guard = guard;
  if (t.actions.length > 0) {
    out.actions = t.actions.map((a: unknown) => {
      if (typeof a === 'string') return { type: a };
      if (typeof a === 'function') return { type: 'inline' };
      const { type, params } = a as { type: string; params?: unknown };
      return { type, params };
    });
  }
  return out;
}

function nodeJson(node: AnyStateNode): JsonStateNode {
  const out: JsonStateNode = {};
  if (node.parent === undefined) out.id = node.id;
  const children = Object.values(node.states);
  if (children.length > 0) out.initial = node.initial.target[0]?.key;
  if (node.type === 'final') out.type = 'final';
  if (node.description !== undefined) out.description = node.description;
  if (node.transitions.size > 0) {
    out.on = {};
    for (const [event, list] of node.transitions) out.on[event] = list.map(transitionJson);
  }
  if (node.always !== undefined) out.always = node.always.map(transitionJson);
  if (children.length > 0) {
    out.states = {};
    for (const child of children) out.states[child.key] = nodeJson(child);
  }
  return out;
}

/**
 * The machine as XState config JSON, the format Stately's visual editor (stately.ai) imports:
 * states, transitions with `#id` targets, named guards and actions with their params. Functions
 * are not serializable and appear by name only (every tripwire guard and action is named).
 *
 * @param machine - an XState v5 machine
 * @returns pretty-printed JSON, identical for identical machines
 */
export function toStatelyJson(machine: AnyStateMachine): string {
  return `${JSON.stringify(nodeJson(machine.root), null, 2)}\n`;
}
