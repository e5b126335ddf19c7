/**
 * The error metric of docs/error-metric.md#ulp-error: |got − exact| / ulp(exact) in the result's format,
 * ulp taken at the exact value's binade with the subnormal ulp as floor; and bits of error, log2(1 + ULPs).
 */
import { type Decimal, Exact, exactDecimal } from '../reference/decimal.ts';
import { roundNum } from '../reference/round.ts';
import { isTiny, type Num } from '../reference/tiny.ts';
import { asFormat, type Dtype, decompose, FLOAT64, type FloatFormat } from './float.ts';

const pow2Cache = new Map<number, Decimal>();
function pow2(e: number): Decimal {
  let v = pow2Cache.get(e);
  if (v === undefined) {
    v = new Exact(2).pow(e);
    pow2Cache.set(e, v);
  }
  return v;
}

/**
 * The unit in the last place of the format at the binade of `exact` (a nonzero finite Decimal).
 * Above the format's range the binades continue (ulp 2^(e−p+1)); below the normal range the
 * subnormal ulp 2^(emin−p+1) is the floor.
 */
export function ulpAt(exact: Decimal, fmt: FloatFormat = FLOAT64): Decimal {
  const floorExp = fmt.emin - fmt.precision + 1;
  const a = exact.abs();
  if (a.isZero()) return pow2(floorExp);
  // The exponent of the rounded value, corrected when rounding crossed up into the next binade.
  const r = Math.abs(roundNum(a, fmt));
  let e: number;
  if (r === 0) return pow2(floorExp);
  if (Number.isFinite(r)) {
    const { mantissa, exponent } = decompose(r);
    e = exponent + mantissa.toString(2).length - 1;
  } else {
    // Above the format's range. decimal.js's log cannot run in the 2400-digit Exact context (its
    // ln stops near 1,025 digits), so estimate the binade from the decimal exponent (off by a few
    // at most, from the rounding of exp10·log2 10) and correct it by exact comparisons.
    const [mant, exp10] = a.toExponential(20).split('e');
    e = Math.floor(Math.log2(Number(mant)) + Number(exp10) * Math.log2(10));
    while (a.gte(pow2(e + 1))) e += 1;
  }
  while (a.lt(pow2(e))) e -= 1;
  return pow2(Math.max(e - fmt.precision + 1, floorExp));
}

/**
 * The error of `got` against the exact value, in ULPs of `format` (FLOAT64 / FLOAT32, or its name).
 *
 * - NaN where the exact value is NaN, or the same ±∞: 0.
 * - NaN or ±∞ where the exact value is finite, or a finite number where it is ±∞ or NaN: +∞.
 * - A result equal to the exact value's correct rounding to ±∞ (the exact value overflows): 0.
 */
export function ulpError(got: number, exact: Num, format: FloatFormat | Dtype = FLOAT64): number {
  const fmt = asFormat(format);
  if (isTiny(exact)) {
    if (Number.isNaN(got) || !Number.isFinite(got)) return Number.POSITIVE_INFINITY;
    // |exact| < 10^−1e15: the error is |got| in subnormal ulps, to any digit that can be printed.
    return Math.abs(got) / 2 ** (fmt.emin - fmt.precision + 1);
  }
  if (exact.isNaN()) return Number.isNaN(got) ? 0 : Number.POSITIVE_INFINITY;
  if (Number.isNaN(got)) return Number.POSITIVE_INFINITY;
  if (!exact.isFinite()) return got === exact.toNumber() ? 0 : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(got)) return got === roundNum(exact, fmt) ? 0 : Number.POSITIVE_INFINITY;
  const diff = exactDecimal(got).minus(exact).abs();
  if (diff.isZero()) return 0;
  return diff.div(ulpAt(exact, fmt)).toNumber();
}

/** The largest component error of a vector result (a length mismatch is an infinite error). */
export function ulpErrorVector(
  got: readonly number[],
  exact: readonly Num[],
  format: FloatFormat | Dtype = FLOAT64,
): number {
  const fmt = asFormat(format);
  if (got.length !== exact.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const e = ulpError(got[i] as number, exact[i] as Num, fmt);
    if (!(e <= worst)) worst = e; // NaN-safe: a NaN error (should not happen) counts as worst
  }
  return worst;
}

/** Bits of error, log2(1 + ULPs), as Herbie reports it. */
export function bitsOfError(ulps: number): number {
  return Math.log2(1 + ulps);
}
