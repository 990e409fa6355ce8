import { describe, expect, it } from 'vitest';
import { formatNs, formatRate, formatRatio } from './format.js';

describe('format', () => {
  it('formats durations with three significant digits and a unit', () => {
    expect(formatNs(0.4123)).toBe('0.412 ns');
    expect(formatNs(47)).toBe('47.0 ns');
    expect(formatNs(8_700)).toBe('8.70 µs');
    expect(formatNs(1_200_000)).toBe('1.20 ms');
    expect(formatNs(Number.NaN)).toBe('n/a');
  });
  it('formats ratios and rates', () => {
    expect(formatRatio(2.314)).toBe('2.3x');
    expect(formatRatio(0.0512)).toBe('0.051x');
    expect(formatRatio(123.4)).toBe('123x');
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('n/a');
    expect(formatRate(1234567.8)).toBe('1,234,568/s');
    expect(formatRate(Number.NaN)).toBe('n/a');
  });
});
