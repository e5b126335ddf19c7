/**
 * Naive kernels of the sigmoid family: the textbook formulas as commonly written. Kept as subjects for
 * the audit and for the properties that show why the careful forms exist; nobody depends on them.
 * Each comment names where the formula breaks; properties/catalogue/sigmoid-naive.test.ts exhibits
 * every one, and docs/accuracy.md gives the largest error the audit found.
 */

/** 1/(1 + e^−z): e^−z overflows for z < −709.78, so the result is 0 where σ(z) is subnormal. */
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** log σ(z): σ(z) rounds to 1 for z > 36.74, giving 0 for −e^−z; −∞ for z < −709.78. */
export const logSigmoid = (z: number): number => Math.log(sigmoid(z));

/** log(1 + e^z): 0 for z < −36.7 where e^z is a normal number; +∞ for z > 709.78. */
export const softplus = (z: number): number => Math.log(1 + Math.exp(z));

/** log(p/(1 − p)): near p = ½ the quotient's rounding (½ ulp of 1) swamps a result of size 4|p − ½|. */
export const logit = (p: number): number => Math.log(p / (1 - p));

/** σ(z)(1 − σ(z)): 1 − σ(z) cancels (~160 ULPs at z ≈ 5) and is 0 for z > 36.74. */
export const sigmoidGrad = (z: number): number => {
  const s = sigmoid(z);
  return s * (1 - s);
};

/** −y·log p − (1 − y)·log(1 − p): 0·log 0 is NaN at bce(0, 0) and bce(1, 1); log(1 − p) loses tiny p. */
export const bce = (p: number, y: number): number => -y * Math.log(p) - (1 - y) * Math.log(1 - p);

/** (p − y)/(p(1 − p)): 0/0 = NaN at (1, 1) and (0, 0), where the limits are −1 and 1. */
export const bceGrad = (p: number, y: number): number => (p - y) / (p * (1 - p));

/** bce(σ(z), y) with the naive σ: −log(1 − σ(z)) is +∞ for z ≳ 36.7 (y = 0), −log σ(z) is 0 for −e^−z. */
export const bceWithLogits = (z: number, y: number): number => {
  const s = sigmoid(z);
  return -y * Math.log(s) - (1 - y) * Math.log(1 - s);
};

/** σ(z) − y: at y = 1, σ(z) − 1 is 0 for z > 36.74 where the exact value is −σ(−z). */
export const bceWithLogitsGrad = (z: number, y: number): number => sigmoid(z) - y;

/** (σ(z) − y)²: at y = 1 the difference is 0 for z > 36.74, and inaccurate well before. */
export const sigmoidSquaredError = (z: number, y: number): number => (sigmoid(z) - y) ** 2;

/** 2(σ − y)σ(1 − σ): ~290 ULPs at z ≈ 5 for y = 1, then 0 for z > 36.74. */
export const sigmoidSquaredErrorGrad = (z: number, y: number): number => {
  const s = sigmoid(z);
  return 2 * (s - y) * s * (1 - s);
};
