import {
  getMicrosteps,
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
  type EventObject,
} from 'xstate';
import {
  getShortestPaths,
  getStateNodes,
  type StatePath,
  type TraversalOptions,
} from 'xstate/graph';

/** One transition of a machine's definition, with a stable id for reports. */
export interface TransitionInfo {
  /** `<source id>:<event or "always">#<index in that list>`, e.g. `circuitBreaker.closed:FAILURE#2`. */
  readonly id: string;
  /** Human-readable: `closed --FAILURE [failureRateReached]--> open`. */
  readonly label: string;
  readonly definition: AnyTransitionDefinition;
}

/** A path (from the initial state) whose last event takes a given transition. */
export interface TransitionWitness {
  readonly transition: TransitionInfo;
  /** The events from the initial snapshot; the last one takes the transition. */
  readonly events: readonly EventObject[];
}

/** Result of {@link exploreTransitionCoverage}. */
export interface TransitionCoverage {
  readonly transitions: readonly TransitionInfo[];
  /** One witness path per reached transition. */
  readonly witnesses: readonly TransitionWitness[];
  /** Transitions no explored step took. */
  readonly uncovered: readonly TransitionInfo[];
  /** State node ids never active in an explored snapshot. */
  readonly unreachedStates: readonly string[];
  /** Number of distinct (serialized) snapshots explored. */
  readonly exploredStates: number;
}

function guardName(t: AnyTransitionDefinition): string | undefined {
  const g = t.guard as unknown;
  if (g === undefined) return undefined;
  if (typeof g === 'function') return 'inline';
  return typeof g === 'string' ? g : (g as { type: string }).type;
}

function relativeId(machine: AnyStateMachine, node: AnyStateNode): string {
  return node.id === machine.root.id ? '(machine)' : node.path.join('.');
}

/**
 * Every transition in a machine's definition: each state node's event transitions (root and
 * children, in document order) and its eventless `always` transitions.
 *
 * @param machine - the machine
 * @returns transitions with ids and labels
 */
export function listTransitions(machine: AnyStateMachine): TransitionInfo[] {
  const out: TransitionInfo[] = [];
  for (const node of [machine.root, ...getStateNodes(machine.root)]) {
    const lists: Array<[string, readonly AnyTransitionDefinition[]]> = [
      ...node.transitions.entries(),
    ];
    if (node.always !== undefined) lists.push(['always', node.always]);
    for (const [event, list] of lists) {
      list.forEach((definition, index) => {
        const guard = guardName(definition);
        const targets = definition.target?.map((n) => relativeId(machine, n)).join(',');
        out.push({
          id: `${node.id}:${event}#${index}`,
          label:
            `${relativeId(machine, node)} --${event}${guard === undefined ? '' : ` [${guard}]`}` +
            `--> ${targets ?? '(self)'}`,
          definition,
        });
      });
    }
  }
  return out;
}

/**
 * The transitions one macrostep takes: the event's transitions (`machine.getTransitionData`)
 * followed by the eventless ones of the later microsteps (matched by source and target).
 *
 * @returns transition definitions, in the order they were taken
 */
export function transitionsTaken(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: EventObject,
): AnyTransitionDefinition[] {
  const taken = [...machine.getTransitionData(snapshot, event)];
  const micro = getMicrosteps(machine, snapshot, event);
  for (let i = 1; i < micro.length; i++) {
    const before = micro[i - 1]![0] as AnyMachineSnapshot;
    const after = micro[i]![0] as AnyMachineSnapshot;
    const leaf = before._nodes.filter((n) => n.type === 'atomic' || n.type === 'final');
    const entered = new Set(after._nodes);
    for (const node of leaf) {
      const t = node.always?.find(
        (d) => d.target?.some((n) => entered.has(n)) && !before._nodes.includes(d.target[0]!),
      );
      if (t !== undefined) taken.push(t);
    }
  }
  return taken;
}

/**
 * Explores a machine with `xstate/graph` (`getShortestPaths`: one shortest path to every
 * explored snapshot, built on its adjacency map), tries every event from the end of each path,
 * and reports which transitions of the definition were taken (`machine.getTransitionData` plus
 * the eventless microsteps), with a witness path for each, and which were not.
 *
 * @param machine - the machine (with its implementations)
 * @param options - traversal options: `input`, `events` (may depend on the snapshot),
 *   `serializeState` (an abstraction that keeps the search finite), `limit`
 * @returns coverage; 100 % means `uncovered` and `unreachedStates` are empty
 */
export function exploreTransitionCoverage<TMachine extends AnyStateMachine>(
  machine: TMachine,
  options: TraversalOptions<AnyMachineSnapshot, EventObject, unknown>,
): TransitionCoverage {
  const logic = machine as unknown as AnyStateMachine;
  const paths = getShortestPaths(logic, options as never) as Array<
    StatePath<AnyMachineSnapshot, EventObject>
  >;
  const eventsFrom = options.events ?? [];
  const transitions = listTransitions(logic);
  const byDefinition = new Map(transitions.map((t) => [t.definition, t]));
  const witnesses = new Map<string, TransitionWitness>();
  const activeNodes = new Set<string>();

  // One shortest path per explored (serialized) snapshot; from its concrete end snapshot, try
  // every event the traversal would and record the transitions each one takes.
  // The path's events are replayed from the initial snapshot: with an abstracting serializer the
  // snapshot stored at the end of a path is only equivalent to, not equal to, the replayed one.
  const [initial] = initialTransition(logic, options.input) as [AnyMachineSnapshot, unknown];
  for (const head of paths) {
    const headEvents = head.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.'));
    let snapshot = initial;
    for (const e of headEvents) snapshot = transition(logic, snapshot, e)[0];
    for (const n of snapshot._nodes) activeNodes.add(n.id);
    const events = typeof eventsFrom === 'function' ? eventsFrom(snapshot) : eventsFrom;
    for (const event of events) {
      for (const definition of transitionsTaken(logic, snapshot, event)) {
        const info = byDefinition.get(definition);
        if (info !== undefined && !witnesses.has(info.id)) {
          witnesses.set(info.id, { transition: info, events: [...headEvents, event] });
        }
      }
    }
  }
  const allNodes = [logic.root, ...getStateNodes(logic.root)].map((n) => n.id);
  return {
    transitions,
    witnesses: [...witnesses.values()],
    uncovered: transitions.filter((t) => !witnesses.has(t.id)),
    unreachedStates: allNodes.filter((id) => !activeNodes.has(id)),
    exploredStates: paths.length,
  };
}

/**
 * Replays a witness with the pure API from the initial snapshot and checks that its last event
 * takes the transition it claims to.
 *
 * @param machine - the machine
 * @param initial - its initial snapshot (`initialTransition(machine, input)[0]`)
 * @param witness - from {@link exploreTransitionCoverage}
 * @returns whether the last step took `witness.transition`
 */
export function replayWitness(
  machine: AnyStateMachine,
  initial: AnyMachineSnapshot,
  witness: TransitionWitness,
): boolean {
  let snapshot = initial;
  const events = witness.events;
  for (let i = 0; i < events.length - 1; i++)
    snapshot = transition(machine, snapshot, events[i]!)[0];
  const last = events[events.length - 1];
  return (
    last !== undefined &&
    transitionsTaken(machine, snapshot, last).includes(witness.transition.definition)
  );
}
