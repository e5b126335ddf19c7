/**
 * float64 kernels of the sigmoid family. Each is as accurate as float64 allows (budgets in the
 * issue: ≤ 2 ULPs where the result does not cancel, ≤ 4 ULPs everywhere), and fast on the common path.
 */

/**
 * σ(z) in two branches so that exp never overflows and the subtraction 1 − σ never happens:
 * z ≥ 0: 1/(1 + e^−z); z < 0: e^z/(1 + e^z). Error ≤ 1 ulp (exp) + 1 (add) + ½ (div), measured ≤ 2.
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e); // NaN falls through here: exp(NaN) = NaN
}
