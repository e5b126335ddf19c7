/**
 * Double-double primitives beyond `dd.ts`: an exponential of a double-double argument and a log1p,
 * both accurate to about 2^−104 relative (where `ddExp` of `dd.ts`, with ten squarings, reaches
 * about 2^−95).
 *
 * The extra bits matter where a kernel subtracts two nearly equal double-doubles, e.g. p_k − y_k in
 * the softmax gradients with p_k ≈ y_k: a cancellation of c bits leaves about 104 − c correct bits,
 * so c ≤ ~48 still gives a float64 result within a few ULPs.
 */
import { ddAddDd, ddAddDouble, ddDivDouble, ddMultDd, twoProduct } from 'double-double';
import type { DD } from './dd.ts';

export { ddAddDouble };

/**
 * ln 2 as a triple-double (hi + mid + lo), each the double nearest to what remains. Derived with
 * mpmath at 400 bits (`float(l)`, `float(l − hi)`, `float(l − hi − mid)`); the sum is checked against
 * the 60-digit decimal string of ln 2 in properties/catalogue/softmax-dd.test.ts.
 */
export const LN2_HI = 0.6931471805599453;
export const LN2_MID = 2.3190468138462996e-17;
export const LN2_LO = 5.707708438416212e-34;

/** Degree of the Taylor polynomial of e^r on |r| ≤ ln2/2: r^24/24! < 2^−115 there. */
const EXP_DEGREE = 23;
/** 1/j! for j = 0..EXP_DEGREE as double-doubles (1/j! = (1/(j−1)!)/j, one dd division each). */
const INV_FACT: DD[] = [[0, 1]];
for (let j = 1; j <= EXP_DEGREE; j++) INV_FACT.push(ddDivDouble(INV_FACT[j - 1] as DD, j) as DD);

/**
 * e^x for a double-double x = x[1] + x[0], as a double-double.
 *
 * Algorithm: x = k·ln2 + r with |r| ≤ ln2/2 + ε, where k·ln2 is formed from the triple-double ln 2 with
 * exact products (twoProduct) for the first two words, so r is accurate to about 2^−106·|r| even at
 * k = ±1075; then e^r by its Taylor polynomial of degree 23 in Horner form, with no squarings (each
 * squaring would double the relative error); then the scaling by 2^k in two exact steps.
 *
 * Special values: NaN → NaN; above ln(MAX) → +∞; below −745.2 → 0.
 * Accuracy: relative error within 2^−100 (about 2^−104 typical) where e^x ≥ 2^−968 (asserted in
 * softmax-dd.test.ts); below,
 * the low word is subnormal and the error is an absolute 2^−1074.
 */
export function ddExpDd(x: DD): DD {
  return ddExpDdScaled(x, 0);
}

/**
 * e^x·2^s for a double-double x and an integer s, as a double-double: `ddExpDd` with the final
 * power-of-two scaling moved by s, so that a caller can keep values such as e^−744 (subnormal, or
 * with a subnormal low word, when unscaled) in the normal range and undo the scaling once at the end.
 * Same algorithm and relative accuracy (2^−100) where e^x·2^s ≥ 2^−968; NaN → NaN; +∞ above
 * 2^1024; 0 below 2^−1075.
 */
export function ddExpDdScaled(x: DD, s: number): DD {
  const xh = x[1];
  const xl = x[0];
  if (Number.isNaN(xh) || Number.isNaN(xl)) return [0, Number.NaN];
  const xs = xh + s * LN2_HI; // the exponent of the scaled result, to decide overflow and underflow
  if (xs > 709.782712893384) return [0, Number.POSITIVE_INFINITY];
  if (xs < -745.2) return [0, 0];
  const k0 = Math.round(xh / LN2_HI);
  const k = k0 + s;
  const a = twoProduct(k0, LN2_HI) as DD;
  const b = twoProduct(k0, LN2_MID) as DD;
  let r = ddAddDd([xl, xh], [-a[0], -a[1]]) as DD;
  r = ddAddDd(r, [-b[0], -b[1]]) as DD;
  r = ddAddDouble(r, -k0 * LN2_LO) as DD;
  let p = INV_FACT[EXP_DEGREE] as DD;
  for (let j = EXP_DEGREE - 1; j >= 0; j--) p = ddAddDd(ddMultDd(p, r), INV_FACT[j] as DD) as DD;
  // 2^k may itself overflow or underflow (|k| ≤ 1075): scale in two halves, each exact.
  const h = Math.trunc(k / 2);
  const s1 = 2 ** h;
  const s2 = 2 ** (k - h);
  return [p[0] * s1 * s2, p[1] * s1 * s2];
}

/** Terms of the log1p series used below |x| < 1/64: (1/64)^n/n < 2^−115 for n ≥ 19. */
const LOG1P_SERIES_TERMS = 19;

/**
 * ln(1 + x) for a double-double x ≥ −0.5, as a double-double.
 *
 * Algorithm: for |x| < 1/64 the series x − x²/2 + x³/3 − … (19 terms, Horner in x), which keeps the
 * relative accuracy for tiny x; otherwise one Newton step on y ↦ e^y = 1 + x from y0 = log1p(x) in
 * double: y = y0 + log1p(w), w = (1 + x)·e^{−y0} − 1 ≈ 2^−53, with log1p(w) ≈ w − w²/2.
 * Accuracy: within 2^−100 relative for x ≥ 2^−960 (series below 1/64, Newton above; measured in
 * softmax-dd.test.ts); below 2^−960 the low word is subnormal and the error is an absolute 2^−1074.
 * NaN → NaN; x = −1 → −∞ (not reached by the softmax kernels, where x ≥ 0).
 */
export function ddLog1p(x: DD): DD {
  const v = x[1] + x[0];
  if (Number.isNaN(v)) return [0, Number.NaN];
  if (v === Number.POSITIVE_INFINITY) return [0, v];
  if (Math.abs(v) < 1 / 64) {
    // Σ_{n≥1} (−1)^{n+1} x^n/n = x·(1 − x·(1/2 − x·(1/3 − …))).
    let p = ddDivDouble([0, 1], LOG1P_SERIES_TERMS) as DD;
    for (let n = LOG1P_SERIES_TERMS - 1; n >= 1; n--) {
      const c = ddDivDouble([0, 1], n) as DD;
      p = ddAddDd(c, ddMultDd([-x[0], -x[1]], p)) as DD;
    }
    return ddMultDd(x, p) as DD;
  }
  const y0 = Math.log1p(v);
  const onePlusX = ddAddDouble(x, 1) as DD;
  const w = ddAddDouble(ddMultDd(onePlusX, ddExpDd([0, -y0])), -1) as DD;
  const wv = w[1] + w[0];
  return ddAddDouble(ddAddDouble(w, -0.5 * wv * wv), y0) as DD;
}
