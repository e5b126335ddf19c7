/**
 * float32 kernels of the sigmoid family: float32 in, float32 out.
 *
 * Each computes in float64 with the float64 kernel and rounds once to float32. The float64 kernel is
 * within a few float64 ulps, i.e. 2^−29 float32 ulps, of the exact value, so the float32 result is
 * the correctly rounded one except within 2^−29 ulp of a tie: ≤ 0.5 + 2^−28 float32 ULPs.
 */
import * as f64 from '../float64/sigmoid.ts';

const r = Math.fround;

export const sigmoid = (z: number): number => r(f64.sigmoid(z));
