import { describe, expect, it } from 'vitest';
import { RiskEngine, isRiskInputError, type Order, type RiskDecision } from '@tripwire/risk-engine';
import { order, rig } from '../test/fixtures/fakes.js';

const code = (d: RiskDecision) => (d.ok ? 'OK' : d.code);
const NOT_POSITIVE_FINITE = [0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

function thrownField(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isRiskInputError(e) ? e.field : `untyped ${String(e)}`;
  }
  return 'nothing thrown';
}

function fresh() {
  const r = rig();
  const e = new RiskEngine(r.options);
  e.updatePrice(0, 50_000);
  const d = e.check(order({ qty: 1 }));
  if (!d.ok) throw new Error(d.message);
  return { ...r, e, reservation: d.reservation };
}

describe('inputs outside check: each bad number is a RiskInputError naming it, and changes nothing', () => {
  it('updatePrice: zero, negative, NaN and ±Infinity prices', () => {
    const { e } = fresh();
    for (const x of NOT_POSITIVE_FINITE)
      expect(
        thrownField(() => e.updatePrice(0, x)),
        `price ${x}`,
      ).toBe('price');
    expect(e.snapshot().instruments[0]!.referencePrice).toBe(50_000);
  });

  it('onFill: zero, negative, NaN and ±Infinity prices and quantities', () => {
    const { e, reservation } = fresh();
    for (const x of NOT_POSITIVE_FINITE) {
      expect(
        thrownField(() => e.onFill(reservation, 1, x)),
        `price ${x}`,
      ).toBe('price');
      expect(
        thrownField(() => e.onFill(reservation, x, 50_000)),
        `qty ${x}`,
      ).toBe('qty');
    }
    expect(e.snapshot().instruments[0]!.position).toBe(0);
    expect(e.onFill(reservation, 1, 50_000)).toBe(1);
  });

  it('onFill on a malformed reservation id (fraction, negative, NaN) returns 0 and counts it', () => {
    const { e } = fresh();
    for (const id of [0.5, 1.5, -1, -256, Number.NaN])
      expect(
        thrownField(() => expect(e.onFill(id, 1, 50_000)).toBe(0)),
        `id ${id}`,
      ).toBe('nothing thrown');
    expect(e.snapshot().unknownReservations).toBe(5);
    expect(e.snapshot().instruments[0]!.position).toBe(0);
  });

  it('checkCancel fails closed for a strategy that is not an index', () => {
    const { e } = fresh();
    for (const s of [-1, 0.5, 1, Number.NaN]) expect(e.checkCancel(s), `strategy ${s}`).toBe(false);
    expect(e.checkCancel(0)).toBe(true);
  });

  it('the cancel budget refills, and its words are its own (the last instrument keeps its price)', () => {
    const { e, clock } = fresh();
    e.updatePrice(1, 2_500);
    expect([e.checkCancel(0), e.checkCancel(0), e.checkCancel(0)]).toEqual([true, true, false]);
    clock.advance(1_000);
    expect([e.checkCancel(0), e.checkCancel(0), e.checkCancel(0)]).toEqual([true, true, false]);
    expect(e.snapshot().instruments[1]!.referencePrice).toBe(2_500);
  });

  it('check of a value that is not an object says what it got', () => {
    const { e } = fresh();
    const msg = (x: unknown) => {
      const d = e.check(x as Order);
      return d.ok ? 'OK' : `${d.code} ${d.message}`;
    };
    expect(msg(null)).toContain('INVALID_ORDER');
    expect(msg(null)).toContain('(got null)');
    expect(msg(5)).toContain('(got number)');
    expect(code(e.check(order({ qty: 0.1 })))).toBe('OK');
  });
});

describe('classification: an order whose qty or side is unreadable is risk-increasing', () => {
  it('under level reducing, a string qty or an unknown side on a long position is REDUCE_ONLY; a 1-lot sell reduces', () => {
    const { e, ks, reservation } = fresh();
    e.onFill(reservation, 1, 50_000);
    ks.level = 'reducing';
    const bad = [
      order({ side: 'sell', qty: '1' as unknown as number }),
      order({ side: 'SELL' as 'sell', qty: 1 }),
    ];
    for (const o of bad) {
      expect(code(e.check(o))).toBe('REDUCE_ONLY');
      expect(e.explain(o)[0]?.code).toBe('REDUCE_ONLY');
    }
    expect(code(e.check(order({ side: 'sell', qty: 0.0001 })))).toBe('OK');
  });
});
