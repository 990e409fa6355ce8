import {
  initialTransition,
  transition,
  type AnyStateMachine,
  type EventFromLogic,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';

/**
 * Steps a machine with the pure API (`initialTransition` / `transition`, never an actor), keeping
 * the current snapshot: the way model-based tests drive the specification.
 *
 * @example
 * ```ts
 * const m = new ModelDriver(circuitBreakerMachine, { options: defaultBreakerModelOptions, now: 0 });
 * m.send({ type: 'ACQUIRE', now: 1 }).context.lastResult; // 0, a permit
 * ```
 */
export class ModelDriver<TMachine extends AnyStateMachine> {
  /** The machine being driven. */
  readonly machine: TMachine;
  /** The current snapshot. */
  snapshot: SnapshotFrom<TMachine>;

  /**
   * @param machine - the machine to step
   * @param input - its input
   */
  constructor(machine: TMachine, input: InputFrom<TMachine>) {
    this.machine = machine;
    this.snapshot = (
      initialTransition as unknown as (m: TMachine, i: unknown) => [SnapshotFrom<TMachine>]
    )(machine, input)[0];
  }

  /**
   * Applies one event.
   *
   * @returns the next snapshot (also kept as {@link ModelDriver.snapshot})
   */
  send(event: EventFromLogic<TMachine>): SnapshotFrom<TMachine> {
    this.snapshot = transition(this.machine, this.snapshot, event)[0];
    return this.snapshot;
  }

  /** The current state value. */
  get value(): SnapshotFrom<TMachine>['value'] {
    return (this.snapshot as { value: unknown }).value as SnapshotFrom<TMachine>['value'];
  }

  /** The current context. */
  get context(): SnapshotFrom<TMachine>['context'] {
    return (this.snapshot as { context: unknown }).context as SnapshotFrom<TMachine>['context'];
  }
}
