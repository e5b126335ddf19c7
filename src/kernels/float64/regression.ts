/**
 * float64 kernels of the regression family: squared error, its gradient and the mean over K outputs.
 *
 * The difference u − y of two doubles is formed exactly as a twoSum pair (hi + lo), so the only
 * roundings left are those of the square and of the final result: each kernel is within 0.5 ULP
 * plus a few 2^−100 relative (measured ≤ 0.51 ULPs) at every input, including |u − y| > MAX (where
 * (u − y)² overflows exactly as the exact value does) and differences whose square is subnormal.
 */
import { ddDivDouble } from 'double-double';
import { ddAddDd, twoProduct } from '../dd.ts';

type Pair = [lo: number, hi: number];

/** (a − b)² as a double-double (hi = fl(d²)); |a|, |b| ≤ 2^501 so that the split never overflows. */
function sqDiff(a: number, b: number): Pair {
  const d = a - b;
  const bb = d - a;
  const lo = a - (d - bb) + (-b - bb); // twoSum error: a − b = d + lo exactly
  const sq = twoProduct(d, d) as Pair; // d² = sq[1] + sq[0] exactly (both words normal or zero)
  return [sq[0] + 2 * d * lo, sq[1]];
}

/**
 * Σ_k (u_k − y_k)² / K over equal-length arrays, in double-double with exact differences.
 *
 * Scaling: when max |u_k|, |y_k| > 2^500 every argument is scaled by 2^−600 (exact for the ones
 * that matter: a component scaled below 2^−1074 loses bits worth < 2^−1900 of the largest term), and
 * the result by 2^1200 at the end, so a term (u_k − y_k)² above MAX does not overflow a mean that is
 * representable. When every argument is below 2^−500 they are scaled by 2^600 (exact), so the
 * squares do not underflow term by term. NaN gives NaN; ±∞ gives +∞, or NaN for ∞ − ∞.
 */
function meanSq(u: readonly number[], y: readonly number[]): number {
  const K = u.length;
  let big = 0;
  for (let k = 0; k < K; k++) {
    const a = Math.abs(u[k] as number);
    const b = Math.abs(y[k] as number);
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
    if (a > big) big = a;
    if (b > big) big = b;
  }
  if (big === Number.POSITIVE_INFINITY) {
    let s = 0;
    for (let k = 0; k < K; k++) s += ((u[k] as number) - (y[k] as number)) ** 2;
    return s; // +∞, or NaN for ∞ − ∞ (no limit)
  }
  const up = big > 2 ** 500;
  const down = big < 2 ** -500;
  const scale = up ? 2 ** -600 : down ? 2 ** 600 : 1;
  let s: Pair = [0, 0];
  for (let k = 0; k < K; k++) s = ddAddDd(s, sqDiff((u[k] as number) * scale, (y[k] as number) * scale)) as Pair;
  if (K !== 1) s = ddDivDouble(s, K) as Pair;
  const r = s[1] + s[0];
  // Undo the scaling in two exact steps (2^±1200 is not a double); only the last may round.
  if (up) return r * 2 ** 600 * 2 ** 600;
  if (down) return r * 2 ** -600 * 2 ** -600;
  return r;
}

/**
 * (u − y)². Common path: exact difference, then hi² + (err + 2·hi·lo) with hi² split exactly
 * (twoProduct): ≤ 0.5 ULP + 2^−104 relative. Outside 2^−500 ≤ max(|u|, |y|) ≤ 2^500 the scaled
 * path of the mean is used. Special values: NaN → NaN; u or y infinite → +∞ (NaN for ∞ − ∞).
 */
export function squaredError(u: number, y: number): number {
  const a = Math.abs(u);
  const b = Math.abs(y);
  if (a <= 2 ** 500 && b <= 2 ** 500 && (a >= 2 ** -500 || b >= 2 ** -500)) {
    const s = sqDiff(u, y);
    return s[1] + s[0];
  }
  return meanSq([u], [y]);
}

/**
 * 2(u − y): fl(u − y) is the correctly rounded difference, doubling is exact (a difference whose
 * value is subnormal is computed exactly, so no double rounding): correctly rounded, ≤ 0.5 ULP.
 * Overflow to ±∞ happens exactly where 2(u − y) exceeds the range. NaN → NaN; ∞ − ∞ → NaN.
 */
export function squaredErrorGrad(u: number, y: number): number {
  return 2 * (u - y);
}

/** Dekker's splitting constant 2^27 + 1 (exact products of 26-bit halves; no FMA in JS). */
const SPLIT = 134217729;

/**
 * (1/K)·Σ_k (u_k − y_k)²: exact differences, double-double squares and sum (no rounding grows with
 * K), one dd division by K, one final rounding: ≤ 0.5 ULP + 2^−100 relative, where a term above MAX
 * does not overflow a representable mean (see the scaling above).
 *
 * Common path (every |u_k|, |y_k| ≤ 2^500 and at least one ≥ 2^−500, no NaN or ∞), in plain doubles
 * without arrays: d_k = fl(u_k − y_k) with its exact error l_k (TwoSum), the term d_k² + 2·d_k·l_k
 * (the exact square less l_k² < 2^−106·d_k²) with d_k² rounded once (≤ u·d_k², u = 2^−53), summed by
 * TwoSum into hi + lo (Ogita–Rump–Oishi Sum2: the terms are ≥ 0, so the summation adds ≤ K²u²·S),
 * then divided by K with the exact remainder (Dekker product q·K). Before the final rounding the
 * error is ≤ u·S/K·(1 + 2^−40), i.e. < 1 ULP of the mean (u·M < ulp(M)); with the rounding
 * ≤ 1.5 ULPs at every input of this path, against the budget of 4. Other inputs take meanSq.
 */
export function meanSquaredError(u: readonly number[], y: readonly number[]): number {
  const K = u.length;
  let big = 0;
  let sh = 0;
  let sl = 0;
  let cross = 0;
  for (let k = 0; k < K; k++) {
    const a = u[k] as number;
    const b = y[k] as number;
    const aa = Math.abs(a);
    const ab = Math.abs(b);
    if (aa > big) big = aa;
    if (ab > big) big = ab;
    const d = a - b;
    const bv = d - a;
    const lo = a - (d - bv) + (-b - bv);
    const sq = d * d;
    const t = sh + sq;
    const tv = t - sh;
    sl += sh - (t - tv) + (sq - tv); // TwoSum's exact error
    cross += d * lo; // half the cross term 2·d_k·l_k of the exact square
    sh = t;
  }
  // NaN anywhere makes sh NaN; ∞ makes big ∞; K ≥ 2^26 would need a split of K below.
  if (!(big <= 2 ** 500 && big >= 2 ** -500 && !Number.isNaN(sh) && K < 2 ** 26)) return meanSq(u, y);
  sl += 2 * cross;
  if (K === 1) return sh + sl;
  const q = sh / K;
  // q·K exactly as ph + pl (Dekker: K < 2^26 needs no split), so sh − ph − pl is the exact remainder.
  const cq = SPLIT * q;
  const qh = cq - (cq - q);
  const ql = q - qh;
  const ph = q * K;
  const pl = qh * K - ph + ql * K;
  return q + (sh - ph - pl + sl) / K;
}
