import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  initialize,
  load,
  MITATA_BATCH_SAMPLES,
  MITATA_MIN_CPU_TIME,
  patchMitataSource,
  resolve,
} from './hooks.js';

const mitataLib = join(dirname(createRequire(import.meta.url).resolve('mitata')), 'lib.mjs');
const shim = new URL('./mitataShim.ts', import.meta.url).href;

describe('collector hooks', () => {
  it('find the minimum-time and batch-size constants in the installed mitata and replace them', () => {
    const source = readFileSync(mitataLib, 'utf8');
    expect(source).toContain(MITATA_MIN_CPU_TIME);
    expect(source).toContain(MITATA_BATCH_SAMPLES);
    const patched = patchMitataSource(source, 1e6);
    expect(patched).toContain('export const k_min_cpu_time = 1000000;');
    expect(patched).toContain('export const k_batch_samples = 64;');
    expect(patched).not.toContain(MITATA_MIN_CPU_TIME);
    expect(patched).not.toContain(MITATA_BATCH_SAMPLES);
  });

  it('fail loudly when mitata no longer has that constant', () => {
    expect(() => patchMitataSource('export const x = 1;', 1e6)).toThrow(
      /k_min_cpu_time.*not found/,
    );
    expect(() => patchMitataSource(MITATA_MIN_CPU_TIME, 1e6)).toThrow(/k_batch_samples.*not found/);
  });

  it('redirect mitata to the shim, except from the shim itself', async () => {
    const seen: [string, string | undefined][] = [];
    const next = (s: string, c: { parentURL?: string | undefined }): Promise<unknown> => {
      seen.push([s, c.parentURL]);
      return Promise.resolve(s);
    };
    await resolve('mitata', { parentURL: 'file:///x/a.bench.ts' }, next);
    await resolve('mitata', { parentURL: shim }, next);
    await resolve('node:fs', { parentURL: 'file:///x/a.bench.ts' }, next);
    expect(seen[0]?.[0]).toBe(shim);
    expect(seen.slice(1)).toEqual([
      ['mitata', shim],
      ['node:fs', 'file:///x/a.bench.ts'],
    ]);
  });

  it('patch mitata lib.mjs only in smoke mode, from text or bytes', async () => {
    const url = 'file:///w/node_modules/mitata/src/lib.mjs';
    const text = `${MITATA_MIN_CPU_TIME}\n${MITATA_BATCH_SAMPLES}\n`;
    const patchedText = 'export const k_min_cpu_time = 5;\nexport const k_batch_samples = 64;\n';
    initialize({ smoke: false, smokeMinCpuTimeNs: 5 });
    expect(await load(url, {}, () => Promise.resolve({ source: text }))).toEqual({ source: text });
    initialize({ smoke: true, smokeMinCpuTimeNs: 5 });
    const other = await load('file:///w/other.mjs', {}, () => Promise.resolve({ source: text }));
    expect(other.source).toBe(text);
    const fromText = await load(url, {}, () => Promise.resolve({ source: text }));
    expect(fromText.source).toBe(patchedText);
    const fromBytes = await load(url, {}, () =>
      Promise.resolve({ source: new TextEncoder().encode(text) }),
    );
    expect(fromBytes.source).toBe(patchedText);
    initialize({ smoke: false, smokeMinCpuTimeNs: 0 });
  });
});
