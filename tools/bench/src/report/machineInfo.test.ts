import { cpus } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadAverage, machineInfo } from './machineInfo.js';

describe('machineInfo', () => {
  it('describes this machine: node version, cpu model from os.cpus(), cores', () => {
    const m = machineInfo();
    expect(m.node).toBe(process.version);
    expect(m.cores).toBe(cpus().length);
    expect(m.cpuModel).toBe(cpus()[0]?.model.trim());
    expect(m.availableParallelism).toBeGreaterThan(0);
  });
  it('copes with a platform that reports no cpu and no load', () => {
    const m = machineInfo({
      cpus: () => [],
      loadavg: () => [],
      totalmem: () => 3 * 2 ** 30,
      availableParallelism: () => 1,
    });
    expect(m).toMatchObject({
      cpuModel: 'unknown',
      cores: 0,
      totalMemoryGiB: 3,
      loadAverageAtStart: 0,
    });
    expect(loadAverage({ loadavg: () => [1.2345] })).toBe(1.23);
  });
});
