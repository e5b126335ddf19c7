/**
 * float32 kernels of the margin family: float32 in, float32 out. Each is the float64 kernel
 * (≤ 0.5 float64 ULP + 2^−104 relative) rounded once with Math.fround: ≤ 0.5 + 2^−28 float32 ULPs
 * (hingeGrad is exact).
 */
import * as f64 from '../float64/margin.ts';

const r = Math.fround;

export const hinge = (z: number, t: number): number => r(f64.hinge(z, t));
export const hingeGrad = (z: number, t: number): number => r(f64.hingeGrad(z, t));
export const multiclassHinge = (z: readonly number[], k: number): number => r(f64.multiclassHinge(z, k));
