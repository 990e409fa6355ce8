import * as os from 'node:os';

/** The machine a run was measured on. */
export interface MachineInfo {
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  /** `os.cpus()[0].model`. */
  readonly cpuModel: string;
  /** `os.cpus().length`. */
  readonly cores: number;
  readonly availableParallelism: number;
  readonly totalMemoryGiB: number;
  /** 1-minute load average when the run started. */
  readonly loadAverageAtStart: number;
}

/** The operating-system facts {@link machineInfo} reads (injectable for tests). */
export interface OsFacts {
  cpus(): readonly { readonly model: string }[];
  loadavg(): readonly number[];
  totalmem(): number;
  availableParallelism(): number;
}

/**
 * The 1-minute load average, rounded to two decimals.
 *
 * @param facts - where to read it; defaults to `node:os`.
 * @returns e.g. `1.53`; 0 where the platform reports none.
 */
export function loadAverage(facts: Pick<OsFacts, 'loadavg'> = os): number {
  return Math.round((facts.loadavg()[0] ?? 0) * 100) / 100;
}

/**
 * Describes this machine.
 *
 * @param facts - where to read it; defaults to `node:os`.
 * @returns node version, CPU model, core count, memory and current load.
 */
export function machineInfo(facts: OsFacts = os): MachineInfo {
  const list = facts.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    availableParallelism: facts.availableParallelism(),
    totalMemoryGiB: Math.round((facts.totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: loadAverage(facts),
  };
}
