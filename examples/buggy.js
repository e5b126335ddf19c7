// Textbook formulas as they are often written, with the bugs `lossproof check` exists to find.
// `lossproof check examples/buggy.js` (default samples) fails every function here.

/** Overflows: exp(−z) = ∞ for z < −709.78, so σ(z) is 0 where the exact value is a tiny positive number. */
export function sigmoid(z) {
  return 1 / (1 + Math.exp(-z));
}

/** log(1 + e^z): ∞ for z > 709.78 and 0 for z < −37 (1 + e^z rounds to 1). */
export function softplus(z) {
  return Math.log(1 + Math.exp(z));
}

/** The probability is clamped to [1e−7, 1 − 1e−7]: the loss can never exceed −log(1e−7) ≈ 16.1. */
export function bceWithLogits(z, y) {
  const p = Math.min(Math.max(sigmoid(z), 1e-7), 1 - 1e-7);
  return -y * Math.log(p) - (1 - y) * Math.log(1 - p);
}

/** A wrong sign: y − σ(z) is the negative gradient. */
export function bceWithLogitsGrad(z, y) {
  return y - sigmoid(z);
}

/** log Σ e^{z_k} without the max: ∞ once any z_k > 709.78. */
export function logSumExp(z) {
  return Math.log(z.reduce((s, x) => s + Math.exp(x), 0));
}

/** e^{z_k} / Σ_j e^{z_j} without the max: NaN (∞/∞) once any z_k > 709.78. */
export function softmax(z) {
  const e = z.map(Math.exp);
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
