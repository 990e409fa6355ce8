import { describe, expect, it } from 'vitest';
import { runWorker } from './startWorker.js';

const echo = new URL('./fixtures/echoWorker.ts', import.meta.url);

describe('runWorker', () => {
  it('runs a TypeScript entry and resolves with its last message', async () => {
    const run = await runWorker<{ value: unknown; argv: string[] }>(echo, {
      workerData: { mode: 'echo', value: { n: 42 } },
      argv: ['extra'],
    });
    expect(run).toEqual({ message: { value: { n: 42 }, argv: ['extra'] }, exitCode: 0 });
  });

  it('rejects when the worker throws, exits non-zero or posts nothing', async () => {
    await expect(runWorker(echo, { workerData: { mode: 'throw' } })).rejects.toThrow(
      'fixture asked to throw',
    );
    await expect(runWorker(echo, { workerData: { mode: 'exit' } })).rejects.toThrow(
      /exited with 3/,
    );
    await expect(runWorker(echo, { workerData: { mode: 'silent' } })).rejects.toThrow(
      /posted nothing/,
    );
  });
});
