/**
 * Double-double logarithms for the float64 kernels whose results cancel (gaussianNll, klDivergence).
 *
 * The `double-double` package has no log; this builds one on its arithmetic (pairs [lo, hi]).
 * Algorithm: x·2^e = m·2^k with m ∈ [√½, √2) (exact scaling), then
 * log m = 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + …) with s = (m − 1)/(m + 1), |s| ≤ 0.1716, and
 * log(x·2^e) = k·ln2 + log m. m − 1 is exact (Sterbenz), so s keeps full relative accuracy next to
 * m = 1, and the series has no cancellation (its terms have the sign of s). The total is
 * k·ln2 + log m with |log m| ≤ ln2/2 < |k·ln2| for k ≠ 0: no cancellation there either.
 *
 * Accuracy: relative error ≤ DD_LOG_REL_ERR of the result (the s division 15u², the series and the
 * final additions about 10u² more; asserted in properties against decimal.js).
 */
import { ddAddDd, ddDivDd, ddMultDd, twoProduct, twoSum } from 'double-double';
import type { DD } from './dd.ts';

/** ln 2 as a double-double (hi = fl(ln 2), lo = fl(ln 2 − hi)). */
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

/**
 * A bound on ddLog's relative error: 2^−98. The operations above contribute about 2^−100; the bound
 * keeps a factor 4 of margin because kernels use it to decide whether a cancelling sum is safe.
 */
export const DD_LOG_REL_ERR = 2 ** -98;

/** 1/(2j + 1) for j = 0..20 as double-doubles (one dd division each, exact numerator/denominator). */
const INV_ODD: DD[] = [];
for (let j = 0; j <= 20; j++) INV_ODD.push(ddDivDd([0, 1], [0, 2 * j + 1]) as DD);

/** x·2^n for any integer n, in steps that never overflow or underflow 2^n itself. */
export function ldexp(x: number, n: number): number {
  let r = x;
  let k = n;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  return r * 2 ** k;
}

/** The exponent k with 2^k ≤ |x| < 2^(k+1), for a finite nonzero double (subnormals included). */
export function exponentOf(x: number): number {
  let k = Math.floor(Math.log2(Math.abs(x)));
  // Math.log2 may round across a power of two: correct by one step either way.
  if (ldexp(1, k) > Math.abs(x)) k -= 1;
  else if (ldexp(1, k + 1) <= Math.abs(x)) k += 1;
  return k;
}

/**
 * 2·atanh(s) = 2·Σ s^(2j+1)/(2j+1) for a double-double |s| ≤ 1/3 (`ddTerms` = 20) or |s| ≤ 0.1716
 * (`ddTerms` = 10): Horner in dd for j ≤ ddTerms, the tail in double. The tail is below
 * w^(ddTerms+1) with w = s², i.e. 2^−66 (|s| ≤ 1/3, 21 terms) or 2^−56 (|s| ≤ 0.1716, 11 terms),
 * so its double rounding error (2^−53 of it) is below 2^−108 of the sum.
 */
export function ddTwoAtanh(s: DD, ddTerms = 20): DD {
  const w = ddMultDd(s, s) as DD;
  const wh = w[1];
  let tail = 0;
  for (let j = ddTerms + 30; j > ddTerms; j--) tail = tail * wh + 1 / (2 * j + 1);
  let p: DD = [0, tail];
  for (let j = ddTerms; j >= 0; j--) p = ddAddDd(ddMultDd(p, w), INV_ODD[j] as DD) as DD;
  const r = ddMultDd(p, s) as DD;
  return [2 * r[0], 2 * r[1]];
}

/**
 * log(x·2^e) as a double-double, for a double-double x = [lo, hi] with hi > 0 finite.
 * Special values: hi = 0 gives −∞, hi = +∞ gives +∞, NaN gives NaN (in the hi word; lo is 0).
 * Relative error ≤ DD_LOG_REL_ERR.
 */
export function ddLog(x: DD, e = 0): DD {
  const hi = x[1];
  if (!(hi > 0) || hi === Number.POSITIVE_INFINITY) return [0, hi === 0 ? Number.NEGATIVE_INFINITY : Math.log(hi)];
  let k = exponentOf(hi);
  let mh = ldexp(hi, -k);
  let ml = ldexp(x[0], -k);
  if (mh >= Math.SQRT2) {
    mh /= 2;
    ml /= 2;
    k += 1;
  }
  k += e;
  // m − 1 exactly: mh − 1 is exact (Sterbenz), and twoSum keeps ml.
  const num = twoSum(mh - 1, ml) as DD;
  const den = ddAddDd(twoSum(mh, 1) as DD, [0, ml]) as DD;
  const lm = ddTwoAtanh(ddDivDd(num, den) as DD, 10);
  if (k === 0) return lm;
  // k·ln2 as a double-double: k·LN2_HI exactly by twoProduct, k·LN2_LO rounded (2^−106 relative).
  const kl = twoProduct(k, LN2_HI) as DD;
  return ddAddDd(ddAddDd(kl, [0, k * LN2_LO]) as DD, lm) as DD;
}

/**
 * log(q/p) as a double-double for doubles q, p > 0 (finite), without forming q/p (which may overflow
 * or underflow) and without cancellation when q ≈ p.
 *
 * - q/p ∈ [½, 2]: s = (q − p)/(q + p), with q − p exact (Sterbenz) and q + p exact as a twoSum, so
 *   log(q/p) = 2·atanh(s) has relative error ≤ DD_LOG_REL_ERR even when q and p differ in their last
 *   bit. (Both are scaled by 2^600 first when they are tiny, so that the dd division's error terms
 *   stay normal.)
 * - otherwise |log(q/p)| ≥ ln 2 and log q − log p loses at most a factor (|log q| + |log p|)/ln 2
 *   ≤ 2150 (both logs within 2^−98 of themselves): relative error ≤ 2^−86.
 */
export function ddLogRatio(q: number, p: number): DD {
  if (q <= 2 * p && p <= 2 * q) {
    let a = q;
    let b = p;
    if (a < 2 ** -900) {
      a *= 2 ** 600;
      b *= 2 ** 600;
    }
    const s = ddDivDd([0, a - b], twoSum(a, b) as DD) as DD;
    return ddTwoAtanh(s);
  }
  const lp = ddLog([0, p]);
  return ddAddDd(ddLog([0, q]), [-lp[0], -lp[1]]) as DD;
}

/** A bound on ddLogRatio's relative error (see there): 2^−86. */
export const DD_LOG_RATIO_REL_ERR = 2 ** -86;
