/**
 * lossproof: exact references, careful float kernels and naive textbook kernels for the loss functions of
 * machine learning, keyed by catalogue id (docs/catalogue.md; the package's exports: README.md, "The
 * package").
 */
import { catalogue } from './catalogue/index.ts';
import type { FloatArg, FloatResult, Kernel } from './catalogue/types.ts';
import { callKernel } from './catalogue/types.ts';
import type { Decimal } from './reference/decimal.ts';
import { referenceValue } from './reference/entry.ts';
import type { Num } from './reference/tiny.ts';

/** A float implementation of one catalogue id, as a plain function of numbers / number arrays. */
export type FloatFunction = (...args: FloatArg[]) => FloatResult;
/** A reference function: decimal.js values (a `Tiny` below decimal.js's range of 10^−9e15). */
export type ReferenceFunction = (...args: FloatArg[]) => Num | Num[];

function table(pick: (k: (typeof catalogue)[number]) => Kernel): Readonly<Record<string, FloatFunction>> {
  return Object.freeze(
    Object.fromEntries(catalogue.map((e) => [e.id, (...args: FloatArg[]) => callKernel(pick(e), args)])),
  );
}

/** float64 kernels: fast and as accurate as float64 allows. */
export const float64 = table((e) => e.float64);
/** float32 kernels: float32 inputs, float32 result. */
export const float32 = table((e) => e.float32);
/** Naive kernels: the textbook formulas, as subjects for the audit. */
export const naive = table((e) => e.naive);

/**
 * Reference functions whose results are stable to `digits` significant digits (at least 40).
 * Arguments are read exactly from their bits.
 */
export function createReference(digits = 50): Readonly<Record<string, ReferenceFunction>> {
  if (!Number.isInteger(digits) || digits < 40) {
    throw new RangeError(`createReference: digits must be an integer ≥ 40, got ${digits}`);
  }
  return Object.freeze(
    Object.fromEntries(
      catalogue.map((e) => [e.id, (...args: FloatArg[]) => referenceValue(e, args, { digits }).value]),
    ),
  );
}

/** Reference functions at 50 significant digits. */
export const reference = createReference(50);

export { catalogue, findEntry, getEntry } from './catalogue/index.ts';
export { DomainError, validateArgs } from './catalogue/validate.ts';
export { type Dtype, FLOAT32, FLOAT64 } from './numeric/float.ts';
export { bitsOfError, ulpError, ulpErrorVector } from './numeric/ulp.ts';
export { exactDecimal } from './reference/decimal.ts';
export { formatNum } from './reference/evaluate.ts';
export { roundNum } from './reference/round.ts';
export { isTiny, type Num, Tiny } from './reference/tiny.ts';
export type { Decimal };
