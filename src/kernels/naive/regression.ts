/**
 * Naive kernels of the regression family: the textbook formulas as commonly written.
 */

/** (u − y)²: two roundings, ≤ 1.5 ULPs; the textbook form is already accurate for this id. */
export const squaredError = (u: number, y: number): number => (u - y) ** 2;

/** 2(u − y): correctly rounded already (the doubling is exact). */
export const squaredErrorGrad = (u: number, y: number): number => 2 * (u - y);

/**
 * Σ (u_k − y_k)² / K, summed left to right: a term above MAX overflows to +∞ although the mean is
 * representable (u = [1.8e154, 0], y = [0, 0]), and the recursive sum's error grows with K.
 */
export function meanSquaredError(u: readonly number[], y: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < u.length; k++) s += ((u[k] as number) - (y[k] as number)) ** 2;
  return s / u.length;
}
