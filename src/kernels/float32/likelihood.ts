/**
 * float32 kernels of the likelihood family: float32 in, float32 out. Each is the float64 kernel
 * (≤ 1 float64 ULP, i.e. ≤ 2^−29 float32 ULPs) rounded once with Math.fround: within 0.5 + 2^−28
 * float32 ULPs of the exact value at the float32 inputs.
 */
import * as f64 from '../float64/likelihood.ts';

const r = Math.fround;

export const gaussianNll = (mu: number, y: number, v: number): number => r(f64.gaussianNll(mu, y, v));
export const gaussianNllGradMu = (mu: number, y: number, v: number): number => r(f64.gaussianNllGradMu(mu, y, v));
export const bernoulliNll = (p: number, y: number): number => r(f64.bernoulliNll(p, y));
export const categoricalNll = (p: readonly number[], k: number): number => r(f64.categoricalNll(p, k));
