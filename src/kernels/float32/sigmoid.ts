/**
 * float32 kernels of the sigmoid family: float32 in, float32 out.
 *
 * Each computes in float64 with the float64 kernel and rounds once to float32. The float64 kernels
 * are within 3 float64 ulps (and the cancelling ones within 0.5 + 2^−59 relative), i.e. within
 * 3·2^−29 float32 ulps of the exact value, so the float32 result is the correctly rounded one except
 * within that distance of a float32 tie: ≤ 0.5 + 2^−27 float32 ULPs. Overflow and underflow follow
 * Math.fround (a result beyond float32's range rounds to ±∞ exactly where correct rounding does; a
 * float32-subnormal result is rounded once from the double). Asserted ≤ 1 float32 ULP by the
 * properties in properties/catalogue/sigmoid-accuracy.test.ts.
 */
import * as f64 from '../float64/sigmoid.ts';

const r = Math.fround;

export const sigmoid = (z: number): number => r(f64.sigmoid(z));
export const logSigmoid = (z: number): number => r(f64.logSigmoid(z));
export const softplus = (z: number): number => r(f64.softplus(z));
export const logit = (p: number): number => r(f64.logit(p));
export const sigmoidGrad = (z: number): number => r(f64.sigmoidGrad(z));
export const bce = (p: number, y: number): number => r(f64.bce(p, y));
export const bceGrad = (p: number, y: number): number => r(f64.bceGrad(p, y));
export const bceWithLogits = (z: number, y: number): number => r(f64.bceWithLogits(z, y));
export const bceWithLogitsGrad = (z: number, y: number): number => r(f64.bceWithLogitsGrad(z, y));
export const sigmoidSquaredError = (z: number, y: number): number => r(f64.sigmoidSquaredError(z, y));
export const sigmoidSquaredErrorGrad = (z: number, y: number): number => r(f64.sigmoidSquaredErrorGrad(z, y));
