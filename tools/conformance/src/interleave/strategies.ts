/**
 * A scheduling strategy: at every step, picks which parked thread runs its next access.
 * `enabled` lists the ids of the threads parked at a scheduling point (never empty), in
 * ascending order; `current` is the thread that ran the previous step (-1 at the start).
 */
export interface Strategy {
  readonly name: string;
  /** @returns an element of `enabled`. */
  pick(enabled: readonly number[], step: number, current: number): number;
}

/** mulberry32: a small deterministic PRNG, so a seed replays a schedule exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniformly random choice at every step. */
export function randomStrategy(seed: number): Strategy {
  const next = prng(seed);
  return {
    name: `random(seed=${seed})`,
    pick: (enabled) => enabled[Math.floor(next() * enabled.length)] as number,
  };
}

/** Options of {@link pctStrategy}. */
export interface PctOptions {
  seed: number;
  /** Bug depth d: d - 1 priority change points (2–3 finds most ordering bugs). */
  depth: number;
  /** Number of logical threads. */
  threads: number;
  /** Expected number of steps of one run (the change points are drawn from [1, steps]). */
  steps: number;
}

/**
 * PCT (Burckhardt et al., "A randomized scheduler with probabilistic guarantees of finding
 * bugs", ASPLOS 2010): threads get random distinct priorities >= depth; at each of depth - 1
 * random steps the running thread drops to priority (depth - i); the highest-priority enabled
 * thread always runs. Finds any bug of depth d with probability >= 1 / (n * k^(d-1)).
 */
export function pctStrategy(options: PctOptions): Strategy {
  const { seed, depth, threads, steps } = options;
  const next = prng(seed);
  const priority: number[] = [];
  for (let t = 0; t < threads; t++) priority.push(depth + t);
  for (let i = priority.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [priority[i], priority[j]] = [priority[j] as number, priority[i] as number];
  }
  const changeAt = new Map<number, number>();
  for (let i = 1; i < depth; i++)
    changeAt.set(1 + Math.floor(next() * Math.max(1, steps)), depth - i);
  return {
    name: `pct(seed=${seed}, depth=${depth})`,
    pick(enabled, step, current) {
      const lowered = changeAt.get(step);
      if (lowered !== undefined && current >= 0) priority[current] = lowered;
      let best = enabled[0] as number;
      for (const t of enabled) if ((priority[t] ?? 0) > (priority[best] ?? 0)) best = t;
      return best;
    },
  };
}

/**
 * Follows a list of choices: at step i it runs `enabled[choices[i] % enabled.length]`; past the
 * end of the list it keeps running the current thread while it can (fewest context switches),
 * so a shrunk list of choices stays a small schedule. The form fast-check generates and shrinks.
 */
export function choicesStrategy(choices: readonly number[]): Strategy {
  return {
    name: `choices([${choices.join(',')}])`,
    pick(enabled, step, current) {
      const choice = choices[step];
      if (choice === undefined) return enabled.includes(current) ? current : (enabled[0] as number);
      return enabled[choice % enabled.length] as number;
    },
  };
}

/** A stretch of a schedule: run `thread` for `steps` consecutive accesses. */
export type Segment = readonly [thread: number, steps: number];

/**
 * Follows a list of segments: thread `t` runs `k` accesses in a row (or, when it is not enabled,
 * the lowest enabled thread does), then the next segment; past the end the current thread keeps
 * running. Races that need one thread to get several accesses ahead before a switch (a
 * read-check-write of 8 accesses, say) are likely under this form, and it shrinks to few, short
 * segments. What `exploreWithFastCheck` generates.
 */
export function segmentsStrategy(segments: readonly Segment[]): Strategy {
  let segment = 0;
  let used = 0;
  return {
    name: `segments([${segments.map(([t, k]) => `${t}x${k}`).join(',')}])`,
    pick(enabled, _step, current) {
      while (segment < segments.length && used >= (segments[segment] as Segment)[1]) {
        segment++;
        used = 0;
      }
      const wanted = segment < segments.length ? (segments[segment] as Segment)[0] : current;
      used++;
      return enabled.includes(wanted) ? wanted : (enabled[0] as number);
    },
  };
}

/**
 * The enumeration order of exhaustive exploration: at step i it runs `enabled[prefix[i]]`, and
 * past the prefix always the first enabled thread, so every decision's alternatives are tried
 * from index 0 upwards.
 */
export function prefixStrategy(prefix: readonly number[]): Strategy {
  return {
    name: `prefix([${prefix.join(',')}])`,
    pick: (enabled, step) => enabled[prefix[step] ?? 0] as number,
  };
}

/** Round robin: each step runs the next enabled thread after the current one. */
export const roundRobinStrategy: Strategy = {
  name: 'round-robin',
  pick(enabled, _step, current) {
    for (const t of enabled) if (t > current) return t;
    return enabled[0] as number;
  },
};
