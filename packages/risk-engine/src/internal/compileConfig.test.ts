import { describe, expect, it } from 'vitest';
import {
  RiskEngine,
  isInvalidRiskConfigError,
  type RiskEngineOptions,
} from '@tripwire/risk-engine';
import { rig } from '../../test/fixtures/fakes.js';

function fieldOf(options: RiskEngineOptions): string {
  try {
    new RiskEngine(options);
  } catch (e) {
    if (isInvalidRiskConfigError(e)) return e.field;
    throw e;
  }
  return 'accepted';
}

describe('InvalidRiskConfigError at construction names the field', () => {
  const base = rig().options;
  const inst = base.instruments[0]!;
  const eth = base.instruments[1]!;
  const strat = base.strategies[0]!;
  const cases: [string, unknown][] = [
    ['options', null],
    ['killSwitch', { ...base, killSwitch: {} }],
    ['venues', { ...base, venues: [] }],
    ['instruments', { ...base, instruments: undefined }],
    ['venues[0].breaker', { ...base, venues: [{ name: 'x', breaker: {} }] }],
    [
      'venues[0].rate.perSec',
      { ...base, venues: [{ ...base.venues[0], rate: { perSec: 0, burst: 1 } }] },
    ],
    [
      'venues[0].rate.burst',
      { ...base, venues: [{ ...base.venues[0], rate: { perSec: 1, burst: 0.5 } }] },
    ],
    ['instruments[0]', { ...base, instruments: [null, eth] }],
    ['instruments[0].venue', { ...base, instruments: [{ ...inst, venue: 1 }, eth] }],
    ['instruments[0].tickSize', { ...base, instruments: [{ ...inst, tickSize: Number.NaN }, eth] }],
    ['instruments[0].lotSize', { ...base, instruments: [{ ...inst, lotSize: -1 }, eth] }],
    ['instruments[0].minQty', { ...base, instruments: [{ ...inst, minQty: 0 }, eth] }],
    ['instruments[0].maxQty', { ...base, instruments: [{ ...inst, maxQty: 0.00001 }, eth] }],
    ['instruments[0].maxQty', { ...base, instruments: [{ ...inst, maxQty: 1_000 }, eth] }],
    [
      'instruments[0].maxOrderNotional',
      { ...base, instruments: [{ ...inst, maxOrderNotional: Infinity }, eth] },
    ],
    ['instruments[0].maxPosition', { ...base, instruments: [{ ...inst, maxPosition: 1e6 }, eth] }],
    ['instruments[0].collarBps', { ...base, instruments: [{ ...inst, collarBps: -1 }, eth] }],
    [
      'instruments[0].maxPriceAgeMs',
      { ...base, instruments: [{ ...inst, maxPriceAgeMs: 'x' }, eth] },
    ],
    ['strategies[0]', { ...base, strategies: [7] }],
    ['strategies[0].maxOpenOrders', { ...base, strategies: [{ ...strat, maxOpenOrders: 1.5 }] }],
    ['strategies[0].maxNotional', { ...base, strategies: [{ ...strat, maxNotional: 0 }] }],
    ['instruments[0].maxOrderNotional', { ...base, notionalUnit: 1e-6 }],
    [
      'strategies[0].cancelRate.perSec',
      { ...base, strategies: [{ ...strat, cancelRate: { perSec: -1, burst: 1 } }] },
    ],
    ['clusters[0]', { ...base, clusters: [false] }],
    ['clusters[0].instruments', { ...base, clusters: [{ name: 'c', instruments: [] }] }],
    ['clusters[0].instruments[1]', { ...base, clusters: [{ name: 'c', instruments: [0, 0] }] }],
    ['clusters[0].instruments[0]', { ...base, clusters: [{ name: 'c', instruments: [2] }] }],
    [
      'clusters[0].maxGrossNotional',
      { ...base, clusters: [{ name: 'c', instruments: [0], maxGrossNotional: -5 }] },
    ],
    ['loss.dailyLimit', { ...base, loss: { dailyLimit: 0, softFraction: 0.5, maxDrawdown: 1 } }],
    ['loss.softFraction', { ...base, loss: { dailyLimit: 1, softFraction: 1.5, maxDrawdown: 1 } }],
    [
      'loss.maxDrawdown',
      { ...base, loss: { dailyLimit: 1, softFraction: 0.5, maxDrawdown: Number.NaN } },
    ],
    ['duplicateWindowMs', { ...base, duplicateWindowMs: -1 }],
    ['maxWorkingOrders', { ...base, maxWorkingOrders: 0 }],
    ['clientIdCapacity', { ...base, clientIdCapacity: 1000 }],
    ['notionalUnit', { ...base, notionalUnit: 0 }],
  ];
  for (const [n, [field, options]] of cases.entries()) {
    it(`${n}: ${field}`, () => {
      expect(fieldOf(options as RiskEngineOptions)).toBe(field);
    });
  }

  it('accepts the documented example and a configuration without clusters or loss', () => {
    expect(fieldOf(base)).toBe('accepted');
    expect(fieldOf({ ...base, clusters: undefined, loss: undefined })).toBe('accepted');
  });
});

describe('attach', () => {
  it('attaches to the same state with the same options', () => {
    const { options } = rig();
    const a = new RiskEngine(options);
    const b = RiskEngine.attach(a.share(), options);
    a.updatePrice(0, 50_000);
    const d = b.check({
      clientId: 1,
      instrument: 0,
      strategy: 0,
      side: 'buy',
      qty: 1,
      price: 50_000,
      type: 'limit',
    });
    expect(d.ok).toBe(true);
    expect(a.snapshot().instruments[0]!.worstLong).toBeCloseTo(1, 9);
  });

  it('refuses a foreign buffer, a buffer of different options, and a non-buffer', () => {
    const { options } = rig();
    const a = new RiskEngine(options);
    expect(fieldOf({ ...options, shared: { buffer: new SharedArrayBuffer(4096) } })).toBe(
      'shared.buffer',
    );
    expect(
      fieldOf({
        ...options,
        shared: { buffer: new ArrayBuffer(64) as unknown as SharedArrayBuffer },
      }),
    ).toBe('shared.buffer');
    expect(fieldOf({ ...options, maxWorkingOrders: 255, shared: a.share() })).toBe('shared');
    const truncated = new SharedArrayBuffer(256);
    new Int32Array(truncated).set(new Int32Array(a.share().buffer, 0, 64));
    expect(fieldOf({ ...options, shared: { buffer: truncated } })).toBe('shared.buffer');
  });
});

describe('notional scaling (docs/decisions/0500)', () => {
  it('notional unit is the power of ten that keeps the largest limit under 2^28 units', () => {
    expect(new RiskEngine(rig().options).snapshot().notionalUnit).toBe(0.01); // 2,000,000 / 2^28 = 0.0075
    const big = rig({ clusters: [{ name: 'c', instruments: [0], maxGrossNotional: 5e9 }] }).options;
    expect(new RiskEngine(big).snapshot().notionalUnit).toBe(100); // 5e9 / 2^28 = 18.6
  });
});
