/** The EWMA decay of RiskMetrics: weight of the previous covariance per refresh. */
export const DEFAULT_LAMBDA = 0.94;

/**
 * Scalar EWMA covariance refresh: `sigma = lambda * sigma + (1 - lambda) * r r^T` on a row-major
 * n x n matrix, with the same operation order as the WebAssembly kernel
 * (`lambda * s + ((1 - lambda) * r_i) * r_j`), so the two agree to the last bit on IEEE-754
 * hardware; the property test allows 1e-9 relative.
 */
export function ewmaScalar(sigma: Float64Array, r: Float64Array, n: number, lambda: number): void {
  const w = 1 - lambda;
  for (let i = 0; i < n; i++) {
    const wri = w * r[i]!;
    const row = i * n;
    for (let j = 0; j < n; j++) sigma[row + j] = lambda * sigma[row + j]! + wri * r[j]!;
  }
}
