/**
 * float64 kernels of the sigmoid family. Each is as accurate as float64 allows (budgets in the
 * issue: ≤ 2 ULPs where the result does not cancel, ≤ 4 ULPs everywhere), and fast on the common path.
 *
 * Where a result cancels (σ(z) − y for a soft target y, p − y for a soft y) the kernels work in
 * double-double (src/kernels/dd.ts) and round once. σ(z) is transcendental, so a double y can lie
 * arbitrarily close to it; when the double-double's proven error bound cannot decide the result to
 * better than 2^−60 relative, the kernel falls back to decimal.js at rising precision (Ziv's
 * strategy, as correctly rounded libms do). That fallback is reached only when |σ(z) − y| < 2^−28·σ(z)
 * (e.g. y = fl(σ(z))), never on hard labels and practically never for random soft labels.
 *
 * Before those, σ′ and the σ(z) − y kernels try a plain-float64 fast path (|z| ≤ 650): a
 * table-driven e^{−|z|} to 2^−60 and σ(±z) as double-doubles to 2^−58 (fastExp, fastSigmoidPair),
 * about 20× cheaper than ddExp, returned only where an a-priori bound certifies the budget
 * (fastGap for soft labels); each kernel states its fast path's bound.
 *
 * Measured errors (ULPs, against the reference) are stated per kernel; the properties in
 * properties/catalogue/sigmoid-accuracy.test.ts assert the budgets.
 */
import { type Decimal, decimalContext, exactDecimal } from '../../reference/decimal.ts';
import {
  type DD,
  DD_SIGMOID_ABS_ERR,
  DD_SIGMOID_REL_ERR,
  ddAddDd,
  ddDivDd,
  ddMultDd,
  ddMultDouble2,
  ddSigmoidPair,
  mulErr,
  twoProduct,
  twoSum,
} from '../dd.ts';
import { EXP2_32_HI, EXP2_32_LO, LN2_32_HI, LN2_32_LO } from '../exp-tables.ts';

const exp = Math.exp;
const log = Math.log;
const log1p = Math.log1p;

// ---------------------------------------------------------------- fast e^x and σ pair (2^−58)

/**
 * The fast paths below need e^{−|z|} to ~2^−60 relative, which Math.exp (< 1 ulp) does not give and
 * ddExp (2^−95, ten double-double squarings) gives at ~30× the cost. fastExp is the classic
 * table-driven scheme with a double-double result:
 * x = k·ln2/N + r (N = 32, Cody–Waite: k·C_HI exact since C_HI has 33 significant bits and |k| <
 * 2^16, x − k·C_HI exact by Sterbenz, then r = rh + rl by TwoSum with fl(k·C_LO): error ≤ 2^−78),
 * e^x = 2^m·T_j·(1 + P), T_j = 2^{j/N} as a double-double from decimal.js at 40 digits (≤ 2^−105),
 * P = e^r − 1 = rh + rl + rh²·(1/2 + rh/6 + … + rh⁵/5040) for |rh| ≤ ln2/64 + 2^−40 < 2^−6.5
 * (truncation ≤ rh⁸/8! < 2^−67; the polynomial's roundings ≤ 3u·rh²/2 < 2^−65; the omitted rl·rh
 * < 2^−66). T·(1 + P) = T + T·rh (exact, Dekker) + T·(P − rh) + T_lo·(1 + P), renormalised once:
 * the low words' roundings are ≤ 4u·2^−13 < 2^−63. In all ≤ 2^−62 relative; FAST_EXP_REL_ERR keeps
 * a factor 4 of margin (the properties compare it with the reference).
 */
const FAST_EXP_REL_ERR = 2 ** -60;
/** The σ pair's relative error: E's, twice (E/D: E and D = 1 + E both carry it), plus O(u²). */
const FAST_SIGMOID_REL_ERR = 4 * FAST_EXP_REL_ERR;
/** The fast paths take |z| ≤ FAST_MAX_Z: e^{−|z|} ≥ 2^−938, so every low word stays normal. */
const FAST_MAX_Z = 650;
const EXP_N = 32;
const SPLIT = 134217729; // 2^27 + 1: Dekker's split (JS has no FMA)
const EXP_T_HI: Float64Array = new Float64Array(EXP_N);
const EXP_T_LO: Float64Array = new Float64Array(EXP_N);
/** EXP_T_HI split in 26-bit halves (Dekker), for the exact product T·rh. */
const EXP_T_H26: Float64Array = new Float64Array(EXP_N);
const EXP_T_L26: Float64Array = new Float64Array(EXP_N);
/** The table 2^{j/32} as double-doubles and ln2/32 split for Cody–Waite (src/kernels/exp-tables.ts). */
for (let j = 0; j < EXP_N; j++) {
  const th = EXP2_32_HI[j] as number;
  EXP_T_HI[j] = th;
  const ct = SPLIT * th;
  EXP_T_H26[j] = ct - (ct - th);
  EXP_T_L26[j] = th - (ct - (ct - th));
  EXP_T_LO[j] = EXP2_32_LO[j] as number;
}
const EXP_C_HI = LN2_32_HI;
const EXP_C_LO = LN2_32_LO;
/** EXP_SCALE[m + 1022] = 2^m (exact), m = −1022..1023: the 2^m of fastExp without a Math.pow call. */
const EXP_SCALE: Float64Array = Float64Array.from({ length: 2046 }, (_, n) => 2 ** (n - 1022));
const EXP_INV_C = EXP_N / Math.LN2; // only picks k: its rounding just widens |r| by < 2^−40

/**
 * Scratch outputs of fastExp, fastSigmoidPair and fastGap: pairs without allocating arrays. A
 * Float64Array, because a double stored in a module-level `let` is boxed on every write.
 */
const OUT = new Float64Array(8);
const EH = 0;
const EL = 1;
const SH = 2;
const SL = 3;
const CH = 4;
const CL = 5;
const DH = 6;
const DL = 7;

/** e^x = OUT[EH] + OUT[EL] for |x| ≤ FAST_MAX_Z, relative error ≤ FAST_EXP_REL_ERR (see above). */
function fastExp(x: number): void {
  // k = round(x·32/ln2) by the 1.5·2^52 shifter (|x·32/ln2| < 2^15, so the sum's ulp is 1).
  const kd = x * EXP_INV_C + 6755399441055744 - 6755399441055744;
  const k = kd | 0;
  const j = k & (EXP_N - 1); // k mod 32 in [0, 32), also for k < 0
  const r1 = x - kd * EXP_C_HI;
  const kl = kd * EXP_C_LO;
  const rh = r1 - kl;
  const bv = rh - r1;
  const rl = r1 - (rh - bv) + (-kl - bv);
  const q = rh * rh * (0.5 + rh * (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh * (1 / 720 + rh / 5040)))));
  const th = EXP_T_HI[j] as number;
  const tl = EXP_T_LO[j] as number;
  const ah = th * rh;
  // th·rh − ah exactly (Dekker, th pre-split in the table).
  const cr = SPLIT * rh;
  const rhh = cr - (cr - rh);
  const rhl = rh - rhh;
  const t1 = EXP_T_H26[j] as number;
  const t2 = EXP_T_L26[j] as number;
  const al = t2 * rhl - (ah - t1 * rhh - t2 * rhh - t1 * rhl);
  const sh = th + ah; // Fast2Sum: |ah| < th
  const sl = th - sh + ah;
  const t = q + rl;
  const low = sl + al + th * t + tl * (1 + rh + t);
  const h = sh + low;
  const l = low - (h - sh);
  const scale = EXP_SCALE[((k - j) >> 5) + 1022] as number; // 2^m, m = (k − j)/32 ∈ [−938, 938]
  OUT[EH] = h * scale;
  OUT[EL] = l * scale;
}

/**
 * e^x as a double-double out[0] + out[1] (high, low) for |x| ≤ 650, relative error ≤ 2^−60
 * (fastExp above; ~1.5× Math.exp's cost, ~20× cheaper than ddExp). false, out untouched, for
 * |x| > 650 or NaN. Exported for the distribution kernels' log correction.
 */
export function expDd(x: number, out: Float64Array): boolean {
  if (!(Math.abs(x) <= FAST_MAX_Z)) return false;
  fastExp(x);
  out[0] = OUT[EH] as number;
  out[1] = OUT[EL] as number;
  return true;
}

/**
 * σ(z) = OUT[SH] + OUT[SL] and σ(−z) = OUT[CH] + OUT[CL] for |z| ≤ FAST_MAX_Z, each within
 * FAST_SIGMOID_REL_ERR relative: E = e^{−|z|} by fastExp, D = 1 + E exactly as dh + dl (Fast2Sum, E ≤ 1), E/D
 * corrected by its exact remainder (Dekker), and 1/D = 1 − E/D by TwoSum. false (nothing set) for
 * |z| > FAST_MAX_Z or NaN: the callers then take their careful paths.
 */
function fastSigmoidPair(z: number): boolean {
  if (!(Math.abs(z) <= FAST_MAX_Z)) return false;
  fastExp(-Math.abs(z));
  const eh = OUT[EH] as number;
  const el = OUT[EL] as number;
  const dh = 1 + eh;
  const dl = 1 - dh + eh + el;
  // The smaller one, E/D, corrected by the division's exact remainder eh − qh·dh (Dekker).
  const qh = eh / dh;
  const pq = qh * dh;
  const ql = (eh - pq - mulErr(qh, dh, pq) + el - qh * dl) / dh;
  // The larger one as 1 − E/D (TwoSum): its absolute error is E/D's, so its relative error is no
  // larger (1 − E/D ≥ E/D): no second division.
  const bh = 1 - qh;
  const bv = bh - 1;
  const bl = 1 - (bh - bv) + (-qh - bv) - ql;
  if (z >= 0) {
    OUT[SH] = bh;
    OUT[SL] = bl;
    OUT[CH] = qh;
    OUT[CL] = ql;
  } else {
    OUT[SH] = qh;
    OUT[SL] = ql;
    OUT[CH] = bh;
    OUT[CL] = bl;
  }
  return true;
}

/**
 * σ(z) in two branches so that exp never overflows and the subtraction 1 − σ never happens:
 * z ≥ 0: 1/(1 + e^−z); z < 0: e^z/(1 + e^z). 1 + E is kept exact as dh + dl (Fast2Sum, 1 ≥ E) and
 * the quotient is corrected by its exact remainder (TwoProduct), so the division by 1 + E is
 * rounded once: error ≤ δ_exp·max(1, E)/(1 + E) + ½ ulp + O(u²), with δ_exp < 1 ulp (fdlibm's exp).
 * The plain three-rounding form was measured at 2.06 ULPs (z = −2.7377), over the 2-ULP budget.
 * NaN → NaN; ±∞ → 1, 0; subnormal results for z < −708 come straight from exp.
 */
export function sigmoid(z: number): number {
  const neg = z < 0;
  const e = exp(neg ? z : -z); // NaN → NaN
  const dh = 1 + e;
  const dl = e - (dh - 1); // 1 + e = dh + dl exactly
  const num = neg ? e : 1;
  const q = num / dh;
  const [pl, ph] = twoProduct(q, dh) as DD;
  const r = num - ph - pl; // num − q·dh exactly (Sterbenz: q·dh ≈ num)
  return q + (r - q * dl) / dh;
}

/**
 * softplus(z) = log(1 + e^z) as max(z, 0) + log1p(e^−|z|): exp never overflows, and for z ≤ 0 the
 * result keeps full relative accuracy however small (log1p of a tiny e^z is e^z). For z > 0 both
 * terms are positive, so the sum does not cancel. NaN → NaN, +∞ → +∞, −∞ → 0. Measured ≤ 1.5 ULPs.
 */
export function softplus(z: number): number {
  if (z > 0) return z + log1p(exp(-z));
  return log1p(exp(z)); // z ≤ 0 or NaN
}

/**
 * log σ(z) = −softplus(−z): z − log1p(e^z) for z ≤ 0 (two terms of one sign) and −log1p(e^−z) for
 * z > 0 (no 1 − σ, so log σ(z) ≈ −e^−z stays accurate for large z). +∞ → 0, −∞ → −∞, NaN → NaN.
 * Measured ≤ 1.5 ULPs.
 */
export function logSigmoid(z: number): number {
  return -softplus(-z);
}

/**
 * logit(p) = log(p/(1 − p)). 1 − p = qh + ql exactly (TwoSum), and the ratio's rounding error is
 * recovered exactly (TwoProduct via the dd division), so only the final log / log1p rounds:
 * - p ∈ [¼, ¾]: log1p((2p − 1)/(1 − p)); 2p − 1 is exact there (Sterbenz), so the result, which
 *   tends to 0 at p = ½, keeps its relative accuracy (log of a ratio ≈ 1 would lose it);
 * - otherwise: log(p/(1 − p)), the ratio far from 1.
 * The ratio's low part enters as a first-order correction t_lo/(1 + t) (second order is < 2^−106).
 * 0 → −∞, 1 → +∞, ½ → 0, NaN → NaN. Measured ≤ 1.5 ULPs.
 */
export function logit(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? Number.NEGATIVE_INFINITY : p === 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  const q = twoSum(1, -p) as DD; // 1 − p exactly as [lo, hi]
  if (p >= 0.25 && p <= 0.75) {
    const t = ddDivDd([0, 2 * p - 1], q) as DD; // 2p − 1 exact
    return log1p(t[1]) + t[0] / (1 + t[1]);
  }
  const t = ddDivDd([0, p], q) as DD;
  return log(t[1]) + t[0] / t[1];
}

/**
 * σ′(z) = σ(z)·σ(−z). For |z| ≤ 650 both factors come from fastSigmoidPair (2^−58 relative; see the
 * bound there): ≤ 0.5 + 2^−4 ULPs. Beyond (the result is below 2^−938 and leaves the range where the
 * pair's low words stay normal), and for NaN, both factors from ddSigmoidPair (E = e^−|z| in
 * double-double, no 1 − σ anywhere), multiplied in double-double and rounded once: ≤ 0.5 ULP + 2^−87 relative where the
 * result is normal. The plain-double E/(1 + E)² piles exp's ulp on three roundings and was measured
 * at 2.37 ULPs (z = 5.5456), over the 2-ULP budget. ±∞ → 0, NaN → NaN.
 */
export function sigmoidGrad(z: number): number {
  if (fastSigmoidPair(z)) {
    // Fast path (|z| ≤ 650): σ(z)·σ(−z) from the fast pair, the product of the high words exact
    // (Dekker) and the cross terms added once: relative error ≤ 2·2^−58 + O(u²) before the final
    // rounding, i.e. ≤ 2^−4 ULP, so ≤ 0.5 + 2^−4 ULPs in all (budget 2).
    const sh = OUT[SH] as number;
    const ch = OUT[CH] as number;
    const p = sh * ch;
    return p + (mulErr(sh, ch, p) + sh * (OUT[CL] as number) + (OUT[SL] as number) * ch);
  }
  if (Number.isNaN(z)) return z;
  const [s, c] = ddSigmoidPair(z);
  return ddRound(ddMultDd(s, c) as DD);
}

/**
 * bce(p, y) = −y·log p − (1 − y)·log(1 − p) with 0·log 0 = 0.
 * Hard labels take one call: −log p (y = 1), −log1p(−p) (y = 0; log1p keeps −log(1 − p) ≈ p
 * accurate for tiny p). Soft labels: both terms are ≥ 0, so their sum does not cancel; 1 − y is
 * split exactly (TwoSum) so that its rounding does not add to the error. Measured ≤ 1.5 ULPs.
 * bce(0, 1) = bce(1, 0) = +∞, bce(0, 0) = bce(1, 1) = 0, bce(0 or 1, soft y) = +∞, NaN → NaN.
 */
export function bce(p: number, y: number): number {
  if (y === 1) return -log(p);
  if (y === 0) return -log1p(-p);
  if (p === 0 || p === 1) return Number.isNaN(y) ? y : Number.POSITIVE_INFINITY; // soft y: an infinite log counts
  const a = -log(p);
  const b = -log1p(-p);
  const q = twoSum(1, -y); // 1 − y = q[1] + q[0]
  const [ql, qh] = q as DD;
  return sumOfProducts(y, a, qh, b, ql * b);
}

/**
 * x1·a1 + x2·a2 + tail with the two products and their sum exact (TwoProduct, TwoSum) and one final
 * rounding: a positive sum of two terms then has the terms' own relative errors plus ½ ulp.
 */
function sumOfProducts(x1: number, a1: number, x2: number, a2: number, tail: number): number {
  // TwoProduct's splitting overflows above ~2^996; there the plain sum of two positive products
  // (≤ 1.5 ulp) is used.
  if (Math.abs(a1) > 2 ** 996 || Math.abs(a2) > 2 ** 996) return x1 * a1 + x2 * a2 + tail;
  const [l1, h1] = twoProduct(x1, a1) as DD;
  const [l2, h2] = twoProduct(x2, a2) as DD;
  const [sl, sh] = twoSum(h1, h2) as DD;
  return sh + (sl + l1 + l2 + tail);
}

/**
 * ∂bce/∂p = (p − y)/(p(1 − p)).
 * Hard labels simplify exactly: −1/p (y = 1) and 1/(1 − p) (y = 0), one or two roundings; they
 * give the limits bceGrad(1, 1) = −1 and bceGrad(0, 0) = 1 where the quotient is 0/0.
 * Soft labels: p − y cancels when p ≈ y, so p − y and 1 − p are formed exactly (TwoSum), p(1 − p)
 * in double-double, and the quotient rounded once: ≤ 0.5 ULP + 2^−100 relative, whatever the
 * cancellation (p and y are doubles, so p − y is exact). p = 0 → −∞, p = 1 → +∞ for soft y.
 */
export function bceGrad(p: number, y: number): number {
  if (y === 1) return -1 / p;
  if (y === 0) return 1 / (1 - p);
  if (!(p > 0 && p < 1))
    return p === 0 && y > 0 ? Number.NEGATIVE_INFINITY : p === 1 && y < 1 ? Number.POSITIVE_INFINITY : Number.NaN;
  const d = twoSum(p, -y) as DD;
  // Below 2^−500, p is scaled by 2^600 (exactly) so that the double-double product and quotient keep
  // their low words out of the subnormal range; the quotient is scaled back at the end.
  const scale = p < 2 ** -500 ? 2 ** 600 : 1;
  const den = ddMultDouble2(p * scale, twoSum(1, -p)) as DD;
  if (d[1] === 0) return 0; // p = y
  const r = ddDivDd(d, den) as DD;
  return (r[1] + r[0]) * scale; // overflows to ±∞ exactly when the quotient is beyond float64
}

/**
 * bceWithLogits(z, y) = bce(σ(z), y) = (1 − y)·softplus(z) + y·softplus(−z).
 * Written this way (rather than softplus(z) − y·z) both terms are ≥ 0, so nothing cancels: at y = 1
 * and large z, softplus(z) − z would return 0 for e^−z. Hard labels take one softplus; 1 − y is split
 * exactly for soft labels. Limits: (+∞, 1) → 0, (+∞, 0) → +∞, (±∞, soft y) → +∞. Measured ≤ 1.5 ULPs.
 */
export function bceWithLogits(z: number, y: number): number {
  if (y === 0) return softplus(z);
  if (y === 1) return softplus(-z);
  if (!Number.isFinite(z)) return Number.isNaN(z) || Number.isNaN(y) ? Number.NaN : Number.POSITIVE_INFINITY;
  const a = softplus(z);
  const b = softplus(-z);
  const q = twoSum(1, -y);
  const [ql, qh] = q as DD;
  return sumOfProducts(qh, a, y, b, ql * a);
}

// ---------------------------------------------------------------- σ(z) − y for soft labels

/** What the soft-label kernels need: d = σ(z) − y, σ(z) and σ(−z), as double-doubles. */
interface SoftGap {
  d: DD;
  s: DD;
  c: DD;
}

/**
 * σ(z) − y in double-double, or undefined when the error bound of ddSigmoidPair cannot guarantee
 * 2^−60 relative accuracy of the difference (|d| < 2^60·err(σ)): then σ(z) ≈ y and the caller falls
 * back to `exactSoft`.
 */
function softGap(z: number, y: number): SoftGap | undefined {
  const [s, c] = ddSigmoidPair(z);
  if (y === 0.5 && Math.abs(z) < 2 ** -20) {
    // σ(z) − ½ = ½·tanh(z/2) = z/4 − z³/48 + O(z⁵): near 0 σ(z)'s absolute error (2^−89) would
    // swamp a difference of size z/4, so it is formed from z directly as the double-double
    // z/4 − z³/48, normalised by TwoSum (the next term is 2^−80 relative below |z| < 2^−20). Below
    // 2^−1000, z/4 rounds in the subnormal range (once) and z³ vanishes.
    if (Math.abs(z) < 2 ** -1000) return { d: [0, z * 0.25], s, c };
    return { d: twoSum(z * 0.25, (-z * z * z) / 48) as DD, s, c };
  }
  // σ(z) − y, subtracting the smaller of the two forms: for σ(z) > ½ use (1 − y) − σ(−z), where
  // 1 − y is exact (TwoSum) and σ(−z) carries its full relative accuracy.
  const d = (z > 0 ? ddAddDd(twoSum(1, -y), [-c[0], -c[1]]) : ddAddDd(s, [0, -y])) as DD;
  const err = DD_SIGMOID_REL_ERR * Math.min(s[1], c[1]) + DD_SIGMOID_ABS_ERR;
  if (!(Math.abs(d[1]) >= 2 ** 60 * err)) return undefined;
  return { d, s, c };
}

/**
 * The slow path of the soft-label kernels: f(σ(z) − y, σ(z), σ(−z)) in decimal.js at rising
 * precision (40, 80, …, 1280 digits) until two successive evaluations agree to 30 digits and round
 * to the same double; a zero result is never accepted as stable (except σ(0) − ½, which is exact).
 * z and y are read exactly from their bits. Below z = −800 (or above 800) e^−|z| < 2^−1154 is
 * below every double the result can round to next to y, so it is taken as 0.
 */
function exactSoft(z: number, y: number, f: (d: Decimal, s: Decimal, c: Decimal) => Decimal): number {
  let prev: Decimal | undefined;
  for (let precision = 40; precision <= 1280; precision *= 2) {
    const D = decimalContext(precision);
    const a = exactDecimal(Math.abs(z));
    const e = a.gt(800) ? new D(0) : D.exp(a.neg());
    const one = new D(1);
    const den = one.plus(e);
    const big = one.div(den);
    const small = e.div(den);
    const [s, c] = z >= 0 ? [big, small] : [small, big];
    // σ − y formed from the smaller side, as in softGap, in the working precision.
    // Near z = 0, σ(z) − y = (½ − y) + ½·tanh(z/2): σ(−z) = ½ − z/4 + … would need |log10 z| more
    // digits to resolve a difference of size z.
    const Y = exactDecimal(y);
    let d: Decimal;
    if (a.lt(1)) d = new D(0.5).minus(Y).plus(D.tanh(exactDecimal(z).div(2)).div(2));
    else d = z > 0 ? new D(1).minus(Y).minus(c) : s.minus(Y);
    const v = f(d, s, c);
    // A zero is exact only at σ(0) = ½ = y; elsewhere it is an unresolved cancellation.
    if (v.isZero() && !(z === 0 && y === 0.5)) {
      prev = undefined;
      continue;
    }
    if (prev !== undefined) {
      const close = v.minus(prev).abs().lte(v.abs().times('1e-30'));
      const got = Number(v.toPrecision(25));
      if (close && got === Number(prev.toPrecision(25))) return got;
    }
    prev = v;
  }
  // Still unresolved at 1280 digits: a zero there means |result| < 10^−1280, which rounds to 0.
  return prev === undefined ? 0 : Number(prev.toPrecision(25));
}

const ddRound = (x: DD): number => x[1] + x[0];

/**
 * σ(z) − y for a soft y from the fast pair, as OUT[DH] + OUT[DL], formed from the smaller side as in
 * softGap
 * (z > 0: (1 − y) − σ(−z) with 1 − y exact by TwoSum; z ≤ 0: σ(z) − y), the high words' difference
 * exact (TwoSum). The pair's error, ≤ 2^−58·min(σ(z), σ(−z)), is certified small against the result
 * only where |σ(z) − y| ≥ 2^−5·min(σ(z), σ(−z)): there the pair is within 2^−53·(1 + 2^−40)·|d|,
 * i.e. ≤ 1 ULP of d (and of d², d·σ·σ′ in relative terms: 2^−53 per factor of d). false otherwise
 * (σ(z) ≈ y, |z| > 650, NaN): the caller takes softGap, then exactSoft.
 */
function fastGap(z: number, y: number): boolean {
  if (!fastSigmoidPair(z)) return false;
  let h: number;
  let l: number;
  let small: number; // min(σ(z), σ(−z))
  if (z > 0) {
    const oh = 1 - y;
    const b1 = oh - 1;
    const ol = 1 - (oh - b1) + (-y - b1);
    const ch = OUT[CH] as number;
    h = oh - ch;
    const b2 = h - oh;
    l = oh - (h - b2) + (-ch - b2) + ol - (OUT[CL] as number);
    small = ch;
  } else {
    const sh = OUT[SH] as number;
    h = sh - y;
    const b = h - sh;
    l = sh - (h - b) + (-y - b) + (OUT[SL] as number);
    small = sh;
  }
  const dh = h + l;
  // The pair's error 2^−58·small is ≤ 2^−53·|d| where |d| ≥ 2^53·2^−58·small = 2^−5·small.
  if (!(Math.abs(dh) >= 2 ** 53 * FAST_SIGMOID_REL_ERR * small)) return false;
  OUT[DH] = dh;
  OUT[DL] = l - (dh - h);
  return true;
}

/**
 * ∂bceWithLogits/∂z = σ(z) − y.
 * Hard labels: σ(z) (y = 0) and −σ(−z) (y = 1), never σ(z) − 1 (0 for z > 36.74). ≤ 1.5 ULPs.
 * Soft labels: first the fast pair (fastGap: ≤ 1.5 ULPs, certified where |σ(z) − y| ≥
 * 2^−5·min(σ(z), σ(−z)) and |z| ≤ 650); else σ(z) − y, which cancels when σ(z) ≈ y, in double-double
 * (ddSigmoidPair, error ≤ 2^−88 relative), rounded once, ≤ 0.5 ULP + 2^−60 relative; the decimal.js
 * fallback covers |σ(z) − y| < 2^−28·σ(z). Limits: z = +∞ → 1 − y, z = −∞ → −y; NaN → NaN.
 */
export function bceWithLogitsGrad(z: number, y: number): number {
  if (y === 0) return sigmoid(z);
  if (y === 1) return -sigmoid(-z);
  if (fastGap(z, y)) return (OUT[DH] as number) + (OUT[DL] as number); // ≤ 1 ULP before rounding (fastGap): ≤ 1.5 + 2^−40 ULPs
  if (Number.isNaN(z) || Number.isNaN(y)) return Number.NaN;
  const g = softGap(z, y);
  if (g !== undefined) return ddRound(g.d);
  return exactSoft(z, y, (d) => d);
}

/**
 * (σ(z) − y)². Hard labels: σ(z)² and σ(−z)², two roundings after σ: measured ≤ 3 ULPs (the square
 * doubles σ's relative error). Soft labels: fastGap's difference squared (≤ 2.5 ULPs where it
 * certifies itself), else the double-double difference squared, rounded once (≤ 0.5 ULP + 2^−59
 * relative), with the decimal.js fallback where σ(z) ≈ y.
 * Limits: z = +∞ → (1 − y)², z = −∞ → y²; NaN → NaN.
 */
export function sigmoidSquaredError(z: number, y: number): number {
  if (y === 0) {
    const s = sigmoid(z);
    return s * s;
  }
  if (y === 1) {
    const c = sigmoid(-z);
    return c * c;
  }
  if (fastGap(z, y)) {
    // d² with DH² exact (Dekker) and the cross term once: 2·2^−53 relative before rounding, ≤ 2 ULPs;
    // ≤ 2.5 + 2^−40 ULPs in all (budget 4).
    const dh = OUT[DH] as number;
    const p = dh * dh;
    // Below 2^−960 TwoProduct's partial products could underflow: the careful path decides.
    if (p >= 2 ** -960) return p + (mulErr(dh, dh, p) + 2 * dh * (OUT[DL] as number));
  }
  if (Number.isNaN(z) || Number.isNaN(y)) return Number.NaN;
  const g = softGap(z, y);
  if (g !== undefined) return ddRound(ddMultDd(g.d, g.d) as DD);
  return exactSoft(z, y, (d) => d.times(d));
}

/**
 * ∂/∂z (σ(z) − y)² = 2(σ(z) − y)·σ(z)·σ(−z).
 * Hard labels, with E = e^−|z| and D = 1 + E (so σ = 1/D or E/D, never 1 − σ):
 * y = 0 → 2σ(z)²σ(−z), y = 1 → −2σ(z)σ(−z)², i.e. ±2E/D³ or ±2E²/D³ by the sign of z. The three
 * factors are computed in double-double and rounded once (E/D³ in plain doubles would pile up
 * about six roundings: up to ~5 ULPs): for |z| ≤ 650 from the fast pair (≤ 0.5 + 2^−4 ULPs), beyond
 * from ddSigmoidPair. Soft labels: 2·d·σ(z)·σ(−z) from fastGap (≤ 1.6 ULPs where it certifies
 * itself), else in double-double from softGap (≤ 0.5 ULP + 2^−59 relative where the result is
 * normal), with the decimal.js fallback.
 * Limits: z = ±∞ → 0; NaN → NaN.
 */
export function sigmoidSquaredErrorGrad(z: number, y: number): number {
  const hard = y === 0 || y === 1;
  if (hard ? fastSigmoidPair(z) : fastGap(z, y)) {
    // Fast path: d·σ(z)·σ(−z) from the fast pair (d = σ(z), −σ(−z) or fastGap's difference), each
    // product's high part exact (Dekker), low parts once. Relative error before the final rounding:
    // hard labels 3·2^−58, soft 2^−53 (d) + 2·2^−58 (the pair), plus O(u²): ≤ 1.07 ULPs, so
    // ≤ 1.6 ULPs in all (budget 4).
    const sh = OUT[SH] as number;
    const sl = OUT[SL] as number;
    const ch = OUT[CH] as number;
    const cl = OUT[CL] as number;
    const ph = sh * ch;
    const pl = mulErr(sh, ch, ph) + sh * cl + sl * ch;
    const dh = y === 0 ? sh : y === 1 ? -ch : (OUT[DH] as number);
    const dl = y === 0 ? sl : y === 1 ? -cl : (OUT[DL] as number);
    const r = dh * ph;
    // Below 2^−960 (|z| > ~330 with a hard label) TwoProduct's partial products could underflow:
    // the careful path decides.
    if (Math.abs(r) >= 2 ** -960) return 2 * r + 2 * (mulErr(dh, ph, r) + dh * pl + dl * ph);
  }
  if (Number.isNaN(z) || Number.isNaN(y)) return Number.NaN;
  let d: DD;
  let s: DD;
  let c: DD;
  if (y === 0 || y === 1) {
    [s, c] = ddSigmoidPair(z);
    d = y === 0 ? s : [-c[0], -c[1]];
  } else {
    const g = softGap(z, y);
    if (g === undefined) return exactSoft(z, y, (dd, ss, cc) => dd.times(ss).times(cc).times(2));
    ({ d, s, c } = g);
  }
  const sc = ddMultDd(s, c) as DD;
  const r = ddMultDd(d, sc) as DD;
  return 2 * r[1] + 2 * r[0];
}
