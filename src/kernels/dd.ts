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

/**
 * A bound on the relative error of `ddSigmoidPair`'s two components where they are at least
 * 2^−969 (below that, the absolute bound `DD_SIGMOID_ABS_ERR` applies): 2^−88.
 *
 * Derivation: ddExp's measured 2^−95 (asserted ≤ 2^−92 in properties/kernels/dd.test.ts), one dd
 * addition (≤ 2u² = 2^−105) and one dd division (≤ 15u² ≈ 2^−102) give about 2^−91.9; the bound
 * keeps a factor 16 of margin, because callers use it to decide when a cancelling result is safe.
 */
export const DD_SIGMOID_REL_ERR = 2 ** -88;
/**
 * The absolute error floor of `ddSigmoidPair`: where e^−|z| < 2^−969 the low word of ddExp is
 * subnormal (or ddExp returns a plain Math.exp below −708), so the error is a few 2^−1074.
 */
export const DD_SIGMOID_ABS_ERR = 2 ** -1070;

/**
 * σ(z) and σ(−z) = 1 − σ(z) as double-doubles, each with error ≤ DD_SIGMOID_REL_ERR·value +
 * DD_SIGMOID_ABS_ERR.
 *
 * Algorithm: E = e^−|z| by ddExp, D = 1 + E, then 1/D and E/D; which is σ(z) depends on the sign of
 * z. No subtraction happens, so σ(−z) for large z keeps its full relative accuracy (1 − σ(z) would
 * lose everything beyond z ≈ 36.7). Special values: z = ±∞ gives ([0, 1], [0, 0]) in the right
 * order; NaN gives NaN pairs.
 */
export function ddSigmoidPair(z: number): [sigma: DD, sigmaNeg: DD] {
  const e = ddExp(-Math.abs(z));
  const d = ddAddDd([0, 1], e) as DD;
  const big = ddDivDd([0, 1], d) as DD;
  const small = ddDivDd(e, d) as DD;
  return z >= 0 ? [big, small] : [small, big];
}

/** Dekker's splitting constant 2^27 + 1 (JavaScript has no FMA). */
const SPLIT = 134217729;

/**
 * a·b − p exactly, for p = fl(a·b): Dekker's TwoProduct without FMA. Exact when |a|, |b| < 2^996 (the
 * split does not overflow) and the partial products do not underflow.
 */
export function mulErr(a: number, b: number, p: number): number {
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return al * bl - (p - ah * bh - al * bh - ah * bl);
}
