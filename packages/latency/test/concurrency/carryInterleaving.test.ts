// The half-wrap carry of docs/decisions/0401 under controlled interleavings: two recorders cross
// a multiple of 2^31 in the same bucket while a reader reads the count. Every shared-memory access
// is a scheduling point (the facade's hook), explored randomly and with PCT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InterleaveSession,
  explorePct,
  exploreRandom,
  type RunCheck,
  type RunSetup,
  type Step,
} from '@tripwire/conformance';
import { HISTOGRAM_LAYOUT, LatencyHistogram, histogramRegions } from '@tripwire/latency';
import type { CarryInit } from './fixtures/carryProgram.js';

const program = new URL('./fixtures/carryProgram.ts', import.meta.url);
// A tiny histogram (3 buckets) keeps the reader's pass short; the value 1 is bucket 1.
const options = { lowestNs: 1, highestNs: 2, significantDigits: 1 };
let session: InterleaveSession;

beforeAll(async () => {
  session = await InterleaveSession.start({ program, threads: 3 });
}, 30_000);
afterAll(async () => {
  await session.close();
});

/** A histogram whose bucket 1 already holds `start` values (low word and carry word set). */
function prefilled(start: number): () => RunSetup<LatencyHistogram> {
  return () => {
    const h = new LatencyHistogram(options);
    const { buffer } = h.share();
    const header = new Int32Array(buffer);
    const r = histogramRegions(
      header[HISTOGRAM_LAYOUT.bucketsIndex] as number,
      header[HISTOGRAM_LAYOUT.strideIndex] as number,
    );
    const rest = start % 2 ** 32;
    const halfWraps = 2 * Math.floor(start / 2 ** 32) + (rest >= 2 ** 31 ? 1 : 0);
    Atomics.store(new Int32Array(buffer, r.lowByte, r.slots), 1, rest | 0);
    Atomics.store(new Int32Array(buffer, r.highByte, r.slots), 1, halfWraps);
    const init: CarryInit = { handle: h.share() };
    return { init, setup: h };
  };
}

/** Runs in which the reader read while a carry was in flight (between the carrier's two adds). */
let inFlightReads = 0;

function exact(start: number): RunCheck<LatencyHistogram> {
  return (outcome, h) => {
    // Reader steps on slot 1 once it is past attach (its first loadRelaxed starts the pass).
    const passStart = outcome.trace.findIndex((s) => s.thread === 2 && s.op === 'loadRelaxed');
    const readsSlot1 = (s: Step, i: number): boolean =>
      s.thread === 2 && i >= passStart && s.index === 1 && s.op.startsWith('load');
    for (const carrier of [0, 1]) {
      const adds = outcome.trace.flatMap((s, i) =>
        s.thread === carrier && s.op === 'add' ? [i] : [],
      );
      if (adds.length === 2) {
        const [first, second] = adds as [number, number];
        if (outcome.trace.some((s, i) => i > first && i < second && readsSlot1(s, i)))
          inFlightReads++;
      }
    }
    const seen = outcome.results[2] as number;
    if (h.count !== start + 2) return `final count ${h.count}, expected ${start + 2}`;
    if (seen < start || seen > start + 2)
      return `reader saw ${seen}, outside [${start}, ${start + 2}]`;
    return undefined;
  };
}

describe('carry under interleavings (decision 0401)', () => {
  for (const start of [2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32 + 2 ** 31 - 2]) {
    it(`recorders crossing at ${start}: exact final count, reader within bounds`, async () => {
      const random = await exploreRandom(session, prefilled(start), exact(start), {
        runs: 60,
        seed: 3,
      });
      expect(random.counterexample?.replay).toBeUndefined();
      const pct = await explorePct(session, prefilled(start), exact(start), {
        runs: 60,
        seed: 3,
        depth: 3,
        steps: 60,
      });
      expect(pct.counterexample?.replay).toBeUndefined();
    }, 60_000);
  }

  it('the explorations did put the reader inside a carry in flight', () => {
    expect(inFlightReads).toBeGreaterThan(0);
  });
});
