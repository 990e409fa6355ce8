/** Structured-cloneable handle of a {@link TicketClock}. */
export interface TicketClockHandle {
  readonly buffer: SharedArrayBuffer;
}

/**
 * A logical clock shared by worker threads for recording histories: `tick()` is one
 * `Atomics.add`, so every call and return stamp is unique and the stamps respect real time (an
 * operation stamped as returned before another was stamped as called really did finish first,
 * because sequentially consistent atomics are totally ordered).
 */
export class TicketClock {
  readonly #cells: Int32Array;

  constructor(handle?: TicketClockHandle) {
    this.#cells = new Int32Array(handle?.buffer ?? new SharedArrayBuffer(64));
  }

  /** Attaches to a clock created in another thread. */
  static attach(handle: TicketClockHandle): TicketClock {
    return new TicketClock(handle);
  }

  /** @returns a handle to post to workers. */
  share(): TicketClockHandle {
    return { buffer: this.#cells.buffer as SharedArrayBuffer };
  }

  /** @returns the next stamp (1, 2, 3, …). */
  tick(): number {
    return Atomics.add(this.#cells, 0, 1) + 1;
  }
}
