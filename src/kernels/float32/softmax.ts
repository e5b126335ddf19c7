/**
 * float32 kernels of the softmax family: float32 inputs, float32 results.
 *
 * Each runs the float64 kernel (exact for float32 inputs in every operation that matters: differences
 * of float32 logits are exact in float64, labels are exact) and rounds once with Math.fround. The
 * float64 result is within 4 float64 ULPs = 2^−27 float32 ULPs of the exact value, so each component
 * is within 0.5 + 2^−27 float32 ULPs (correctly rounded except within 2^−27 ulp of a tie); the
 * properties in properties/catalogue/softmax-accuracy.test.ts assert ≤ 1 float32 ULP.
 */
import * as f64 from '../float64/softmax.ts';

const r = Math.fround;
const rv = (v: number[]): number[] => v.map(r);

export const logSumExp = (z: readonly number[]): number => r(f64.logSumExp(z));
export const softmax = (z: readonly number[]): number[] => rv(f64.softmax(z));
export const logSoftmax = (z: readonly number[]): number[] => rv(f64.logSoftmax(z));
export const softmaxCrossEntropy = (z: readonly number[], y: readonly number[]): number =>
  r(f64.softmaxCrossEntropy(z, y));
export const softmaxCrossEntropyGrad = (z: readonly number[], y: readonly number[]): number[] =>
  rv(f64.softmaxCrossEntropyGrad(z, y));
export const softmaxSquaredError = (z: readonly number[], y: readonly number[]): number =>
  r(f64.softmaxSquaredError(z, y));
export const softmaxSquaredErrorGrad = (z: readonly number[], y: readonly number[]): number[] =>
  rv(f64.softmaxSquaredErrorGrad(z, y));
