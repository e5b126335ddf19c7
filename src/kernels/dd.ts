/**
 * Double-double helpers for the float64 kernels' cancelling paths.
 *
 * A double-double is the `double-double` package's pair [lo, hi] with hi = fl(hi + lo): an unevaluated
 * sum carrying about 106 bits. The package provides the arithmetic with proven error bounds; it has
 * no exp or log, so `ddExp` is built here on top of it.
 */
import { ddAddDd, ddDivDd, ddMultDd, ddMultDouble2, twoProduct, twoSum } from 'double-double';

export type DD = [lo: number, hi: number];
export { ddAddDd, ddDivDd, ddMultDd, ddMultDouble2, twoProduct, twoSum };

/** ln 2 as a double-double: hi = fl(ln 2), lo = fl(ln 2 − hi). */
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

/** −x as a double-double. */
export function ddNeg(x: DD): DD {
  return [-x[0], -x[1]];
}

/** 1/k! for k = 0..10 as double-doubles (k! is exact in a double, so each is one dd division). */
const INV_FACT: DD[] = [];
{
  let f = 1;
  for (let k = 0; k <= 10; k++) {
    if (k > 0) f *= k;
    INV_FACT.push(ddDivDd([0, 1], [0, f]) as DD);
  }
}

/** Squarings after the argument reduction: |r| ≤ ln2/2 is scaled to |s| ≤ 3.4e−4. */
const SQUARINGS = 10;

/**
 * e^x as a double-double: relative error below about 2^−95 where e^x ≥ 2^−969 (measured 1.7e−29 at
 * worst over [−50, 700]; the ten squarings multiply the polynomial's error by 2^10). Below 2^−969 the
 * low word is subnormal and the error is an absolute 2^−1074.
 *
 * Reduction: x = k·ln2 + r, |r| ≤ ln2/2, with k·ln2 formed as an exact product and ln2 in
 * double-double; then e^r = (e^{r/2^10})^(2^10), the inner one by its Taylor polynomial of degree 9
 * (the first omitted term is below 2^−110 at |s| ≤ 3.4e−4). Outside [−708, 709] the result overflows
 * or leaves the normal range, where the callers do not need more than a double.
 */
export function ddExp(x: number): DD {
  if (x > 709.782712893384) return [0, Number.POSITIVE_INFINITY];
  if (!(x >= -708)) return [0, Math.exp(x)]; // NaN, or subnormal: a double is all there is
  const k = Math.round(x / Math.LN2);
  // r = x − k·ln2 in double-double: k·ln2_hi exactly by twoProduct, k·ln2_lo to 2^−106 relative.
  const khi = twoProduct(k, LN2_HI) as DD;
  const klo = k * LN2_LO;
  let r = ddAddDd([0, x], [-khi[0], -khi[1]]) as DD;
  r = ddAddDd(r, [0, -klo]) as DD;
  const s: DD = [r[0] / 2 ** SQUARINGS, r[1] / 2 ** SQUARINGS];
  // Horner: Σ_{j≤9} s^j / j!
  let p: DD = INV_FACT[9] as DD;
  for (let j = 8; j >= 0; j--) p = ddAddDd(ddMultDd(p, s), INV_FACT[j] as DD) as DD;
  for (let i = 0; i < SQUARINGS; i++) p = ddMultDd(p, p) as DD;
  // Scale by 2^k in two steps so that 2^k itself never overflows (k ≤ 1024).
  const h = Math.trunc(k / 2);
  const a = 2 ** h;
  const b = 2 ** (k - h);
  return [p[0] * a * b, p[1] * a * b];
}

/** The double nearest to a double-double (hi + lo rounded once). */
export function ddToNumber(x: DD): number {
  return x[1] + x[0];
}
