import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { compileWat } from '../../scripts/build-wasm.mjs';
import { DEFAULT_LAMBDA, ewmaScalar } from './ewmaScalar.js';
import { createEwmaWasm, ewmaWasmBytes } from './ewmaWasm.js';

describe('EWMA covariance kernel', () => {
  it('the committed WebAssembly bytes equal a fresh compile of ewma.wat (wabt)', async () => {
    const fresh = (await (compileWat as () => Promise<Buffer>)()) as Uint8Array;
    expect(Buffer.from(ewmaWasmBytes()).equals(Buffer.from(fresh))).toBe(true);
  });

  it('WebAssembly SIMD and the scalar fallback agree within 1e-9 relative (property)', () => {
    const kernel = createEwmaWasm();
    expect(kernel).toBeDefined();
    const value = fc.double({ min: -0.2, max: 0.2, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(value, { minLength: n, maxLength: n }), {
              minLength: 1,
              maxLength: 4,
            }),
            fc.double({ min: 0.5, max: 0.999, noNaN: true }),
          ),
        ),
        ([n, returns, lambda]) => {
          const a = new Float64Array(n * n);
          const b = new Float64Array(n * n);
          for (const r of returns) {
            ewmaScalar(a, Float64Array.from(r), n, lambda);
            kernel!(b, Float64Array.from(r), n, lambda);
          }
          for (let k = 0; k < n * n; k++) {
            const scale = Math.max(Math.abs(a[k]!), Math.abs(b[k]!), 1e-300);
            if (Math.abs(a[k]! - b[k]!) / scale > 1e-9) return false;
          }
          return true;
        },
      ),
      { numRuns: 200, seed: 9 },
    );
  });

  it('the same property finds a kernel with a wrong decay (broken fixture)', () => {
    const broken = (s: Float64Array, r: Float64Array, n: number) => ewmaScalar(s, r, n, 0.95);
    const details = fc.check(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 0.2, noNaN: true }), { minLength: 2, maxLength: 4 }),
        (r) => {
          const a = new Float64Array(r.length ** 2).fill(1e-4);
          const b = new Float64Array(r.length ** 2).fill(1e-4);
          ewmaScalar(a, Float64Array.from(r), r.length, DEFAULT_LAMBDA);
          broken(b, Float64Array.from(r), r.length);
          return a.every((x, k) => Math.abs(x - b[k]!) / Math.abs(x) <= 1e-9);
        },
      ),
      { numRuns: 50, seed: 9 },
    );
    expect(details.failed).toBe(true);
  });

  it('grows its memory for 200 instruments and keeps the diagonal non-negative', () => {
    const kernel = createEwmaWasm()!;
    const n = 200;
    const s = new Float64Array(n * n);
    const r = Float64Array.from({ length: n }, (_, i) => Math.sin(i) / 100);
    kernel(s, r, n, DEFAULT_LAMBDA);
    const t = new Float64Array(n * n);
    ewmaScalar(t, r, n, DEFAULT_LAMBDA);
    expect(Array.from(s)).toEqual(Array.from(t));
    for (let i = 0; i < n; i++) expect(s[i * n + i]).toBeGreaterThanOrEqual(0);
  });
});
