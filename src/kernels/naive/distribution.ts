/**
 * Naive kernels of the distribution family: the textbook formulas as commonly written.
 */

/** −Σ y_k·log p_k without the 0·log 0 convention: y_k = 0 with p_k = 0 gives NaN (exact: finite). */
export function crossEntropy(p: readonly number[], y: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < p.length; k++) s -= (y[k] as number) * Math.log(p[k] as number);
  return s;
}

/**
 * Σ q_k·log(q_k/p_k): q_k = p_k = 0 gives 0·log(NaN) = NaN; q/p overflows (q = 1, p = 1e−320
 * gives +∞, exact 736.8); and the terms cancel, so q ≈ p leaves rounding noise of the size of the
 * terms where the exact value is of their square.
 */
export function klDivergence(q: readonly number[], p: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < q.length; k++) s += (q[k] as number) * Math.log((q[k] as number) / (p[k] as number));
  return s;
}

/** −Σ q_k·log q_k without the 0·log 0 convention: q_k = 0 gives NaN (exact: finite). */
export function entropy(q: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < q.length; k++) s -= (q[k] as number) * Math.log(q[k] as number);
  return s;
}
