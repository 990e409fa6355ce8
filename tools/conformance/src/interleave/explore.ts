import fc from 'fast-check';
import type { InterleaveSession, RunOutcome } from './InterleaveSession.js';
import { pctStrategy, prefixStrategy, randomStrategy, segmentsStrategy } from './strategies.js';

/**
 * Checks one run: return a description of what is wrong, or undefined when the run is fine.
 * Gets the outcome and whatever `makeInit` returned for the run (e.g. the primitive, to read its
 * final state on this thread).
 */
export type RunCheck<S> = (outcome: RunOutcome, setup: S) => string | undefined;

/** A fresh shared state for one run: `init` is sent to the threads, `setup` kept for the check. */
export interface RunSetup<S> {
  init: unknown;
  setup: S;
}

/** The first failing run found by an exploration. */
export interface Counterexample {
  readonly problem: string;
  readonly outcome: RunOutcome;
  /** How to replay: `choicesStrategy(counterexample.outcome.choices)`. */
  readonly replay: string;
}

/** Result of an exploration. */
export interface ExplorationResult {
  readonly runs: number;
  /** For exhaustive exploration: every schedule was run. */
  readonly complete: boolean;
  readonly counterexample: Counterexample | undefined;
}

function describe(problem: string, outcome: RunOutcome): Counterexample {
  const schedule = outcome.trace.map((s) => `t${s.thread}:${s.op}[${s.index}]`).join(' ');
  return {
    problem,
    outcome,
    replay: `${outcome.strategy}; choices [${outcome.choices.join(',')}]; trace ${schedule}`,
  };
}

async function checkOne<S>(
  session: InterleaveSession,
  makeSetup: () => RunSetup<S>,
  check: RunCheck<S>,
  strategy: Parameters<InterleaveSession['run']>[1],
): Promise<Counterexample | undefined> {
  const { init, setup } = makeSetup();
  const outcome = await session.run(init, strategy);
  const thrown = outcome.errors.find((e) => e !== undefined);
  const problem = thrown !== undefined ? `a thread threw ${thrown}` : check(outcome, setup);
  return problem === undefined ? undefined : describe(problem, outcome);
}

/** Options shared by the random and PCT explorations. */
export interface SampledOptions {
  runs: number;
  seed: number;
}

/** Random schedules: run `runs` seeds from `seed`; stops at the first counterexample. */
export async function exploreRandom<S>(
  session: InterleaveSession,
  makeSetup: () => RunSetup<S>,
  check: RunCheck<S>,
  options: SampledOptions,
): Promise<ExplorationResult> {
  for (let i = 0; i < options.runs; i++) {
    const found = await checkOne(session, makeSetup, check, randomStrategy(options.seed + i));
    if (found) return { runs: i + 1, complete: false, counterexample: found };
  }
  return { runs: options.runs, complete: false, counterexample: undefined };
}

/** PCT schedules of the given depth (2–3), `steps` the expected length of a run. */
export async function explorePct<S>(
  session: InterleaveSession,
  makeSetup: () => RunSetup<S>,
  check: RunCheck<S>,
  options: SampledOptions & { depth: number; steps: number },
): Promise<ExplorationResult> {
  for (let i = 0; i < options.runs; i++) {
    const strategy = pctStrategy({
      seed: options.seed + i,
      depth: options.depth,
      threads: session.threads,
      steps: options.steps,
    });
    const found = await checkOne(session, makeSetup, check, strategy);
    if (found) return { runs: i + 1, complete: false, counterexample: found };
  }
  return { runs: options.runs, complete: false, counterexample: undefined };
}

/**
 * Every schedule, by stateless depth-first enumeration: each run follows a prefix of choices,
 * then the next run changes the last decision that still has an untried alternative. Meant for
 * two threads and short programs; stops after `maxRuns` (then `complete` is false).
 */
export async function exploreExhaustive<S>(
  session: InterleaveSession,
  makeSetup: () => RunSetup<S>,
  check: RunCheck<S>,
  options: { maxRuns: number },
): Promise<ExplorationResult> {
  let prefix: number[] = [];
  for (let runs = 1; runs <= options.maxRuns; runs++) {
    const { init, setup } = makeSetup();
    const outcome = await session.run(init, prefixStrategy(prefix));
    const thrown = outcome.errors.find((e) => e !== undefined);
    const problem = thrown !== undefined ? `a thread threw ${thrown}` : check(outcome, setup);
    if (problem !== undefined) {
      return { runs, complete: false, counterexample: describe(problem, outcome) };
    }
    // Backtrack: the deepest decision with an untried alternative.
    let i = outcome.choices.length - 1;
    while (i >= 0 && (outcome.choices[i] as number) + 1 >= (outcome.enabledCounts[i] as number))
      i--;
    if (i < 0) return { runs, complete: true, counterexample: undefined };
    prefix = [...outcome.choices.slice(0, i), (outcome.choices[i] as number) + 1];
  }
  return { runs: options.maxRuns, complete: false, counterexample: undefined };
}

/** Options of {@link exploreWithFastCheck}. */
export interface FastCheckExploreOptions {
  numRuns: number;
  seed: number;
  /** Most segments in a generated schedule (later steps continue the current thread). */
  maxSegments?: number;
  /** Longest segment (consecutive accesses of one thread). */
  maxSegmentSteps?: number;
}

/**
 * fast-check drives the schedules: a schedule is a list of segments `[thread, steps]` (see
 * `segmentsStrategy`), so a failure shrinks to a short schedule with few context switches.
 * Returns fast-check's report: `failed`, `seed`, `counterexample`, `counterexamplePath` (replay
 * with `fc.assert(..., { seed, path })`), and the problem found, whose `outcome.choices` replay
 * the exact schedule with `choicesStrategy`.
 */
export async function exploreWithFastCheck<S>(
  session: InterleaveSession,
  makeSetup: () => RunSetup<S>,
  check: RunCheck<S>,
  options: FastCheckExploreOptions,
): Promise<fc.RunDetails<[[number, number][]]> & { problem: Counterexample | undefined }> {
  let last: Counterexample | undefined;
  const segment = fc.tuple(
    fc.nat({ max: session.threads - 1 }),
    fc.integer({ min: 1, max: options.maxSegmentSteps ?? 24 }),
  );
  const property = fc.asyncProperty(
    fc.array(segment, { maxLength: options.maxSegments ?? 24 }),
    async (segments) => {
      const found = await checkOne(session, makeSetup, check, segmentsStrategy(segments));
      if (found !== undefined) last = found;
      return found === undefined;
    },
  );
  const details = await fc.check(property, { numRuns: options.numRuns, seed: options.seed });
  return { ...details, problem: details.failed ? last : undefined };
}
