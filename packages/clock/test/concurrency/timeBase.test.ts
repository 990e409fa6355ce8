import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedManualClock } from '@tripwire/clock';
import { runWorker, startWorker } from '@tripwire/conformance';
import { FLAG, SLOT, type TimeBaseWorkerData } from './fixtures/timeBaseProtocol.js';

const timeBaseWorker = new URL('./fixtures/timeBaseWorker.ts', import.meta.url);
// Tolerance for the rounding of each thread's timeOrigin (measured here: < 0.05 ms).
const EPSILON_MS = 1;

function exited(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`worker exited ${code}`)),
    );
  });
}

/** Resolves when the worker has loaded its module and is about to wait for the start flag. */
function ready(worker: Worker): Promise<unknown> {
  return new Promise((resolve) => worker.once('message', resolve));
}

/**
 * Runs the round trip: the writer stamps `writerBefore`, writes a deadline 20 ms ahead by its
 * clock, the reader (loaded 150 ms later, so a clock with a per-thread origin is 150 ms behind) waits on
 * its own clock until the deadline, and the writer stamps `writerAfter` once it sees that. Real
 * time order is writerBefore < readerReceived < readerFired < writerAfter.
 */
async function roundTrip(clock: TimeBaseWorkerData['clock']): Promise<Float64Array> {
  const buffer = new SharedArrayBuffer(128);
  const writer = startWorker(timeBaseWorker, { workerData: { buffer, role: 'writer', clock } });
  const writerDone = exited(writer);
  await ready(writer);
  await sleep(150);
  const reader = startWorker(timeBaseWorker, { workerData: { buffer, role: 'reader', clock } });
  const readerDone = exited(reader);
  await ready(reader);
  const flags = new Int32Array(buffer, 0, 4);
  Atomics.store(flags, FLAG.start, 1);
  Atomics.notify(flags, FLAG.start);
  await Promise.all([writerDone, readerDone]);
  return new Float64Array(buffer, 64, 8);
}

/** The stamps are consistent with one time line shared by both threads. */
function onOneTimeLine(s: Float64Array): boolean {
  const before = s[SLOT.writerBefore] as number;
  const deadline = s[SLOT.deadline] as number;
  const received = s[SLOT.readerReceived] as number;
  const fired = s[SLOT.readerFired] as number;
  const after = s[SLOT.writerAfter] as number;
  return (
    received >= before - EPSILON_MS && // the reader's clock is not behind the writer's
    fired >= deadline && // the reader waited for the deadline on its own clock
    after >= deadline - EPSILON_MS && // ...and that was the writer's deadline instant, not earlier
    fired <= after + EPSILON_MS // the reader's clock is not ahead of the writer's
  );
}

describe('systemClock across workers', () => {
  it('a deadline written by one worker means the same instant in another', async () => {
    const stamps = await roundTrip('system');
    expect(onOneTimeLine(stamps), `stamps ${Array.from(stamps.subarray(0, 5)).join(', ')}`).toBe(
      true,
    );
  });

  it('the same check fails for a clock whose origin is the start of its thread (broken fixture)', async () => {
    const stamps = await roundTrip('broken');
    expect(onOneTimeLine(stamps)).toBe(false);
  });
});

describe('SharedManualClock across workers', () => {
  it('concurrent advances from two workers lose no update', async () => {
    const clock = new SharedManualClock(0);
    const entry = new URL('./fixtures/advanceWorker.ts', import.meta.url);
    const runs = await Promise.all(
      [0, 1].map(() =>
        runWorker<number>(entry, { workerData: { handle: clock.share(), steps: 20_000 } }),
      ),
    );
    expect(clock.now()).toBe(40_000);
    for (const run of runs) expect(run.message).toBeLessThanOrEqual(40_000);
  });
});
