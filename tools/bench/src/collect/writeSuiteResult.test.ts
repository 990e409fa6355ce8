import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/tempDir.js';
import type { SuiteResult } from '../model/ScenarioResult.js';
import { benchRegistry } from './registry.js';
import { resultFileName, writeSuiteResult } from './writeSuiteResult.js';

const result: SuiteResult = {
  suite: 'latency/record',
  file: 'packages/latency/bench/record.bench.ts',
  source: 'mitata',
  smoke: false,
  scenarios: [],
  errors: [],
  notes: [],
};

describe('writeSuiteResult', () => {
  it('writes <suite id>.json into the results directory, flat', () => {
    const dir = join(tempDir('tripwire-bench-'), 'nested');
    const path = writeSuiteResult(result, { TRIPWIRE_BENCH_RESULTS: dir });
    expect(path).toBe(join(dir, 'latency__record.json'));
    expect(JSON.parse(readFileSync(join(dir, resultFileName('latency/record')), 'utf8'))).toEqual(
      result,
    );
  });
  it('writes nothing without a results directory', () => {
    expect(writeSuiteResult(result, {})).toBeUndefined();
    expect(writeSuiteResult(result, { TRIPWIRE_BENCH_RESULTS: '' })).toBeUndefined();
  });
  it('keeps one registry per process', () => {
    expect(benchRegistry()).toBe(benchRegistry());
    expect(benchRegistry().written).toBe(false);
  });
});
