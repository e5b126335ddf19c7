/**
 * Naive kernels of the sigmoid family: the textbook formulas as commonly written. Kept as subjects for
 * the audit and for the properties that show why the careful forms exist; nobody depends on them.
 */

/** 1/(1 + e^−z): e^−z overflows for z < −709.78, so the result is 0 where σ(z) is subnormal. */
export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
