/**
 * float32 kernels of the distribution family: float32 in, float32 out. Each is the float64 kernel
 * (≤ 2.5 float64 ULPs, i.e. ≤ 2^−28 float32 ULPs) rounded once with Math.fround: within
 * 0.5 + 2^−27 float32 ULPs of the exact value at the float32 inputs.
 */
import * as f64 from '../float64/distribution.ts';

const r = Math.fround;

export const crossEntropy = (p: readonly number[], y: readonly number[]): number => r(f64.crossEntropy(p, y));
export const klDivergence = (q: readonly number[], p: readonly number[]): number => r(f64.klDivergence(q, p));
export const entropy = (q: readonly number[]): number => r(f64.entropy(q));
