/**
 * float32 kernels of the regression family: float32 in, float32 out.
 *
 * Each computes in float64 with the float64 kernel (≤ 0.51 float64 ULPs, i.e. below 2^−28 float32
 * ULPs) and rounds once with Math.fround: within 0.5 + 2^−28 float32 ULPs of the exact value.
 * Overflow and underflow of the float32 range fall out of that single rounding.
 */
import * as f64 from '../float64/regression.ts';

const r = Math.fround;

export const squaredError = (u: number, y: number): number => r(f64.squaredError(u, y));
export const squaredErrorGrad = (u: number, y: number): number => r(f64.squaredErrorGrad(u, y));
export const meanSquaredError = (u: readonly number[], y: readonly number[]): number => r(f64.meanSquaredError(u, y));
