/**
 * Naive kernels of the softmax family: the textbook formulas as commonly written, with no max shift,
 * no log1p, no compensation. Subjects for the audit and for the properties that show why the careful
 * forms exist; nobody depends on them.
 */

/** Σ_k e^{z_k}: overflows to ∞ once a logit passes 709.78, underflows to 0 below −745. */
function sumExp(z: readonly number[]): number {
  let s = 0;
  for (const v of z) s += Math.exp(v);
  return s;
}

/** log Σ e^{z_k}: +∞ for any z_k > 709.78, −∞ when every z_k < −745. */
export const logSumExp = (z: readonly number[]): number => Math.log(sumExp(z));

/** e^{z_k} / Σ e^{z_j}: NaN (∞/∞) for a logit above 709.78, 0/0 when all are below −745. */
export const softmax = (z: readonly number[]): number[] => {
  const s = sumExp(z);
  return z.map((v) => Math.exp(v) / s);
};

/** log(softmax(z)_k): −∞ where the probability underflows, 0 at the arg-max where it rounds to 1. */
export const logSoftmax = (z: readonly number[]): number[] => softmax(z).map(Math.log);

/** −Σ y_k·log p_k: 0·log 0 = NaN where a p_k underflows under y_k = 0. */
export const softmaxCrossEntropy = (z: readonly number[], y: readonly number[]): number => {
  const p = softmax(z);
  let s = 0;
  for (let k = 0; k < z.length; k++) s -= (y[k] as number) * Math.log(p[k] as number);
  return s;
};

/** (Σ y)·p − y: p_t − 1 loses everything once p_t rounds to 1. */
export const softmaxCrossEntropyGrad = (z: readonly number[], y: readonly number[]): number[] => {
  const p = softmax(z);
  let sy = 0;
  for (const v of y) sy += v;
  return p.map((pk, k) => sy * pk - (y[k] as number));
};

/** Σ (p_k − y_k)². */
export const softmaxSquaredError = (z: readonly number[], y: readonly number[]): number => {
  const p = softmax(z);
  let s = 0;
  for (let k = 0; k < z.length; k++) s += ((p[k] as number) - (y[k] as number)) ** 2;
  return s;
};

/** 2p_i·[(p_i − y_i) − Σ_j p_j(p_j − y_j)]: both terms ≈ −(1 − p_t) and cancel at saturation. */
export const softmaxSquaredErrorGrad = (z: readonly number[], y: readonly number[]): number[] => {
  const p = softmax(z);
  let c = 0;
  for (let j = 0; j < z.length; j++) c += (p[j] as number) * ((p[j] as number) - (y[j] as number));
  return p.map((pi, i) => 2 * pi * (pi - (y[i] as number) - c));
};
