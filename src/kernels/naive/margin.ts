/**
 * Naive kernels of the margin family: the textbook formulas as commonly written.
 */

/** max(0, 1 − t·z): already correctly rounded (t·z is exact); the textbook form is accurate here. */
export const hinge = (z: number, t: number): number => Math.max(0, 1 - t * z);

/** t·z < 1 ? −t : 0: exact; the textbook form is accurate here (NaN gives 0, not NaN). */
export const hingeGrad = (z: number, t: number): number => (t * z < 1 ? -t : 0);

/**
 * max(0, 1 + max_{j≠k} z_j − z_k) evaluated left to right: 1 + m absorbs the 1 when |m| ≥ 2^53, so
 * z = [1e17, 1e17], k = 0 gives 0 where the exact value is 1.
 */
export function multiclassHinge(z: readonly number[], k: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < z.length; j++) if (j !== k) m = Math.max(m, z[j] as number);
  return Math.max(0, 1 + m - (z[k] as number));
}
