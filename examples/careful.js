// A careful float64 implementation of some lossproof catalogue ids, written with ordinary
// formulas (no extended precision): each form avoids the overflow, underflow and cancellation of
// the textbook formula. `lossproof check examples/careful.js` passes it.

/** σ(z): two branches, so exp never overflows and σ(z) for z ≪ 0 keeps its tiny value. */
export function sigmoid(z) {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|): no overflow, no loss for z ≪ 0. */
export function softplus(z) {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * softplus(z) − y·z = max(z, 0) − y·z + log1p(e^−|z|): for a hard label the first two terms cancel
 * exactly (y = 1, z > 0 gives 0), so the small log1p term is not lost against z.
 */
export function bceWithLogits(z, y) {
  // ±∞ logits: the limits (1 − y)·∞ and y·∞ with 0·∞ = 0 (the formula would give ∞ − ∞ = NaN).
  if (z === Number.POSITIVE_INFINITY) return y === 1 ? 0 : z;
  if (z === Number.NEGATIVE_INFINITY) return y === 0 ? 0 : -z;
  return Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
}

/** σ(z) − y, with σ(z) − 1 = −σ(−z) for y = 1, so a confident correct prediction keeps its digits. */
export function bceWithLogitsGrad(z, y) {
  if (y === 1) return -sigmoid(-z);
  return sigmoid(z) - y;
}

/**
 * log Σ e^{z_k} = m + log1p(Σ_{k≠k*} e^{z_k − m}) with m the maximum at k*: nothing overflows, and
 * log1p keeps the digits when the other terms are small (log(1 + s) would lose them).
 */
export function logSumExp(z) {
  let k = 0;
  for (let i = 1; i < z.length; i++) if (z[i] > z[k]) k = i;
  const m = z[k];
  if (m === Number.POSITIVE_INFINITY || m === Number.NEGATIVE_INFINITY) return m;
  let s = 0;
  for (let i = 0; i < z.length; i++) if (i !== k) s += Math.exp(z[i] - m);
  return m + Math.log1p(s);
}

/** e^{z_k − m} / Σ_j e^{z_j − m} with m = max z: the terms lie in (0, 1] and the sum in [1, K]. */
export function softmax(z) {
  // The limits at infinite logits: one +∞ takes all the mass; several +∞ (or all −∞, K ≥ 2) have no
  // limit; a NaN anywhere gives NaN.
  if (z.some(Number.isNaN)) return z.map(() => Number.NaN);
  const plus = z.filter((x) => x === Number.POSITIVE_INFINITY).length;
  if (plus > 0) return z.map((x) => (x !== Number.POSITIVE_INFINITY ? 0 : plus === 1 ? 1 : Number.NaN));
  const m = Math.max(...z);
  if (m === Number.NEGATIVE_INFINITY) return z.length === 1 ? [1] : z.map(() => Number.NaN);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** Not a catalogue id: `check` ignores it. */
export const version = '1.0.0';
