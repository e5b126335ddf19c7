/**
 * Naive kernels of the likelihood family: the textbook formulas as commonly written.
 */

/**
 * ½·log(2π·v) + (y − mu)²/(2v): cancels for v < 1/(2π) where the two terms balance, and
 * (y − mu)² overflows to ∞ where the quotient is representable (mu = 0, y = 1e200, v = 1e300).
 */
export const gaussianNll = (mu: number, y: number, v: number): number =>
  0.5 * Math.log(2 * Math.PI * v) + (y - mu) ** 2 / (2 * v);

/** (mu − y)/v: mu − y overflows to ∞ where the quotient is representable (1e308, −1e308, 10). */
export const gaussianNllGradMu = (mu: number, y: number, v: number): number => (mu - y) / v;

/**
 * −y·log p − (1 − y)·log(1 − p): 0·log 0 is NaN (p = 0, y = 0 gives NaN, exact 0), and 1 − p
 * drops p below 2^−53 (p = 1e−20, y = 0 gives 0, exact 1e−20).
 */
export const bernoulliNll = (p: number, y: number): number => -y * Math.log(p) - (1 - y) * Math.log(1 - p);

/** −log p_k: the textbook form is accurate for this id (≤ 1 ULP). */
export const categoricalNll = (p: readonly number[], k: number): number => -Math.log(p[k] as number);
