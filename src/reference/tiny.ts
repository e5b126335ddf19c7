/**
 * A value too small for decimal.js: sign · e^ln, with ln below about −2.3e15.
 *
 * decimal.js stops at 10^−9e15, so e^−1e300 (σ(−1e300), softplus(−1e300), a softmax component
 * behind a gap of 1e300) would underflow to 0. The reference keeps such a value by its natural
 * logarithm instead: its float rounding is ±0, its ULP error is measured against the subnormal
 * floor, and its decimal digits are recovered from ln for `eval`.
 */
import type { Decimal } from './decimal.ts';

/** Values whose natural log is below this are held as Tiny (10^−1e15, well inside decimal.js). */
export const TINY_LN = -2.3e15;

export class Tiny {
  constructor(
    readonly sign: 1 | -1,
    /** The natural logarithm of the magnitude; an exact or high-precision Decimal, < TINY_LN. */
    readonly ln: Decimal,
  ) {}
}

/** A reference value: a Decimal (which may be NaN, ±∞ or ±0), or a Tiny. */
export type Num = Decimal | Tiny;

export function isTiny(x: Num): x is Tiny {
  return x instanceof Tiny;
}
