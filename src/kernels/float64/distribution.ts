/**
 * float64 kernels of the distribution family: cross-entropy, KL divergence and entropy of
 * probability vectors (not necessarily normalised: the domain is [0, 1] per component).
 */
import { ddAddDd, ddMultDouble2, twoProduct } from 'double-double';
import type { DD } from '../dd.ts';
import { mulErr } from '../dd.ts';
import { DD_LOG_RATIO_REL_ERR, ddLogRatio } from '../ddlog.ts';
import { LN_FIXED_ERR, lnFixed, scaledToDouble, toScaledInt } from '../fixedpoint.ts';
import { expDd } from './sigmoid.ts';

/**
 * Σ_k w_k·(−log p_k) over the components with w_k > 0, all terms ≥ 0: each term is the exact
 * product (twoProduct) of w_k and fdlibm's −log p_k (< 1 ulp), accumulated in double-double, so
 * the sum's relative error is below that of the worst log: ≤ 2^−52, i.e. ≤ 2 ULPs + 0.5 for the
 * final rounding (measured ≤ 1.14 over 2000 runs). When every weight is below 2^−900 they are scaled by 2^600
 * (exact) so that the products do not underflow term by term, and the result back by 2^−600.
 * NaN anywhere gives NaN; p_k = 0 with w_k > 0 gives +∞; a term with w_k = 0 is 0 (0·log 0 = 0).
 */
function weightedNegLogSum(w: readonly number[], p: readonly number[]): number {
  const fast = weightedNegLogSumFast(w, p);
  if (fast !== undefined) return fast;
  return weightedNegLogSumScaled(w, p);
}

/** Dekker's splitting constant 2^27 + 1 (exact products of 26-bit halves; no FMA in JS). */
const SPLIT = 134217729;

/**
 * weightedNegLogSum's common path, the same algorithm written inline (no pair arrays): the exact
 * product w_k·(−log p_k) by Dekker's TwoProduct, accumulated by TwoSum into hi + lo with the
 * products' low words and the TwoSum errors summed in lo (Ogita–Rump–Oishi Sum2). Bound: the terms
 * are ≥ 0 and each carries the relative error of fdlibm's log (< 1 ulp ≤ 2^−52), the summation adds
 * ≤ K²u²·S (u = 2^−53): before the final rounding ≤ 2u·S·(1 + 2^−40) < 2 ULPs, with it ≤ 2.5 ULPs,
 * against the budget of 4. undefined (take the scaled path) when the largest weight is below 2^−900
 * (the products' low words would underflow term by term), or for NaN and p_k = 0 with w_k > 0.
 */
function weightedNegLogSumFast(w: readonly number[], p: readonly number[]): number | undefined {
  let big = 0;
  let sh = 0;
  let sl = 0;
  for (let k = 0; k < w.length; k++) {
    const a = w[k] as number;
    const pk = p[k] as number;
    if (!(a > 0)) {
      if (a === 0 && !Number.isNaN(pk)) continue; // 0·log 0 = 0 (NaN p_k still gives NaN)
      return undefined; // NaN weight
    }
    if (!(pk > 0)) return undefined; // p_k = 0 (+∞) or NaN: the careful path decides
    if (a > big) big = a;
    const l = -Math.log(pk);
    const x = a * l;
    const ca = SPLIT * a;
    const ah = ca - (ca - a);
    const al = a - ah;
    const cl = SPLIT * l;
    const lh = cl - (cl - l);
    const ll = l - lh;
    const y = al * ll - (x - ah * lh - al * lh - ah * ll); // a·l = x + y exactly
    const t = sh + x;
    const tv = t - sh;
    sl += sh - (t - tv) + (x - tv) + y;
    sh = t;
  }
  if (big < 2 ** -900) return undefined;
  return sh + sl;
}

/** weightedNegLogSum with pair arithmetic and the 2^600 scaling of tiny weights (see above). */
function weightedNegLogSumScaled(w: readonly number[], p: readonly number[]): number {
  let big = 0;
  for (let k = 0; k < w.length; k++) {
    const a = w[k] as number;
    if (Number.isNaN(a) || Number.isNaN(p[k] as number)) return Number.NaN;
    if (a > big) big = a;
  }
  let inf = false;
  const scale = big < 2 ** -900 ? 2 ** 600 : 1;
  let s: DD = [0, 0];
  for (let k = 0; k < w.length; k++) {
    const a = w[k] as number;
    if (a === 0) continue;
    const pk = p[k] as number;
    if (pk === 0) {
      inf = true;
      continue;
    }
    s = ddAddDd(s, twoProduct(a * scale, -Math.log(pk))) as DD;
  }
  if (inf) return Number.POSITIVE_INFINITY;
  const r = s[1] + s[0];
  return scale === 1 ? r : r * 2 ** -600;
}

/** −Σ_k y_k·log p_k with 0·log 0 = 0 (a term with y_k = 0 is 0 whatever p_k). See weightedNegLogSum. */
export function crossEntropy(p: readonly number[], y: readonly number[]): number {
  return weightedNegLogSum(y, p);
}

/** −Σ_k q_k·log q_k with 0·log 0 = 0; every term ≥ 0 (q_k ≤ 1). See weightedNegLogSum. */
export function entropy(q: readonly number[]): number {
  return weightedNegLogSum(q, q);
}

/**
 * klDivergence in binary fixed point at rising precision G: q_k are exact integers times 2^−1074,
 * ln q_k and ln p_k within LN_FIXED_ERR units of 2^−G, so the sum is within 2·LN_FIXED_ERR·Σq_k
 * units of 2^−(G+1074). Stops when that is below 2^−60 of the result, or at G = 1536 (absolute
 * error far below the subnormal ulp). Components with q_k = p_k contribute exactly 0 and are skipped.
 */
export function klDivergenceFixed(q: readonly number[], p: readonly number[]): number {
  const terms: Array<[bigint, number, number]> = [];
  let sumQ = 0n;
  for (let k = 0; k < q.length; k++) {
    const a = q[k] as number;
    const b = p[k] as number;
    if (a === 0 || a === b) continue;
    const Q = toScaledInt(a);
    sumQ += Q;
    terms.push([Q, a, b]);
  }
  if (terms.length === 0) return 0;
  const bound = sumQ * BigInt(2 * LN_FIXED_ERR + 1);
  for (let G = 128; ; G *= 2) {
    let S = 0n;
    for (const [Q, a, b] of terms) S += Q * (lnFixed(a, G) - lnFixed(b, G));
    const mag = S < 0n ? -S : S;
    if (mag >= bound << 60n || G >= 1536) return scaledToDouble(S, -G - 1074);
  }
}

/**
 * klDivergence's common path, with fdlibm's log and an a-posteriori error bound.
 *
 * Per term: ρ = q/p as ρh + ρl (the quotient corrected by its exact remainder, Dekker), so
 * log(q/p) = log ρh + ρl/ρh (the omitted second order is ≤ 2^−105); Math.log(ρh) is within 1 ulp,
 * ≤ 2^−52·|ℓ|. The term q·ℓ is split exactly (TwoProduct) and everything is summed by TwoSum into
 * hi + lo (Sum2), so the sum adds ≤ K²u²·Σ|t| (u = 2^−53). Before the final rounding the error is
 * therefore ≤ Σ_k 2^−52·q_k·|ℓ_k| + 2^−100·Σ|t| + K·2^−1060, and the result is returned only when
 * that is ≤ 2.5 ULPs of the exact value (`certifies`): ≤ 3.5 ULPs with the final rounding, against
 * the budget of 4. This holds whenever the terms cancel by less than a factor 1.25 (Σ|t| ≤
 * 1.25·|KL|, more with KL's mantissa); otherwise klDivergenceNewton tries with corrected logs.
 * undefined (the careful path decides) when both bounds fail, for NaN,
 * p_k = 0 < q_k, or any q_k, p_k below 2^−900 that is not 0 (the low words could underflow).
 */
function klDivergenceFast(q: readonly number[], p: readonly number[]): number | undefined {
  let sh = 0;
  let sl = 0;
  let bound = 0;
  for (let k = 0; k < q.length; k++) {
    const a = q[k] as number;
    const b = p[k] as number;
    if (a === 0 && !Number.isNaN(b)) continue; // 0·log(0/p) = 0
    if (!(a >= 2 ** -900 && b >= 2 ** -900)) return undefined; // NaN, p_k = 0, or tiny
    if (a === b) continue;
    const rh = a / b;
    const pr = rh * b;
    const rl = (a - pr - mulErr(rh, b, pr)) / b; // q − ρh·p is exact (division remainder)
    const l = Math.log(rh) + rl / rh;
    const x = a * l;
    const y = mulErr(a, l, x);
    const t = sh + x;
    const tv = t - sh;
    sl += sh - (t - tv) + (x - tv) + y;
    sh = t;
    bound += Math.abs(x);
  }
  const r = sh + sl;
  // In units of 2^−53: 2·q·|ℓ| (the log) + 2^−47·Σ|t| (the rest), and the low words' floor.
  if (certifies(r, 2 ** -53 * (2.0001 * bound + q.length * 2 ** -1000))) return r;
  return klDivergenceNewton(q, p);
}

const EXP_OUT = new Float64Array(2);

/**
 * klDivergenceFast's second try, where fdlibm's 1-ulp log error is too large against the
 * cancellation: each log(q/p) gets one Newton step, ℓ = ℓ0 + (ρ·e^{−ℓ0} − 1) with ℓ0 = Math.log(ρh)
 * and e^{−ℓ0} from expDd (2^−60 relative): ρh·eh is exact (TwoProduct) and ≈ 1, so ρ·e^{−ℓ0} − 1 = δ
 * is formed with absolute error ≤ 2^−60·(1 + 2^−40), and log(1 + δ) = δ − δ²/2 with δ² ≤ 2^−100. Each
 * ℓ is thus within 1.01·2^−60 absolute; the terms q·(ℓ0 + δ) are summed as before. The result is
 * returned when Σq·1.01·2^−60 + 2^−99·Σ|t| + K·2^−1053 is ≤ 2.5 ULPs (`certifies`; ≤ 3.5 ULPs with
 * the final rounding, as above); undefined otherwise (q ≈ p, unnormalised vectors that nearly balance, a
 * |log(q/p)| beyond 650): the careful path.
 */
function klDivergenceNewton(q: readonly number[], p: readonly number[]): number | undefined {
  let sh = 0;
  let sl = 0;
  let sumQ = 0;
  let bound = 0;
  for (let k = 0; k < q.length; k++) {
    const a = q[k] as number;
    const b = p[k] as number;
    if (a === 0 || a === b) continue; // the first pass excluded NaN and tiny components
    const rh = a / b;
    const pr = rh * b;
    const rl = (a - pr - mulErr(rh, b, pr)) / b;
    const l0 = Math.log(rh);
    if (!expDd(-l0, EXP_OUT)) return undefined;
    const eh = EXP_OUT[0] as number;
    const el = EXP_OUT[1] as number;
    const ph = rh * eh;
    const delta = ph - 1 + (mulErr(rh, eh, ph) + rh * el + rl * eh); // ph − 1 exact (Sterbenz)
    const x = a * l0;
    const y = mulErr(a, l0, x) + a * delta;
    const t = sh + x;
    const tv = t - sh;
    sl += sh - (t - tv) + (x - tv) + y;
    sh = t;
    sumQ += a;
    bound += Math.abs(x);
  }
  const r = sh + sl;
  // In units of 2^−53.
  return certifies(r, 2 ** -53 * (1.01 * 2 ** -7 * sumQ + 2 ** -46 * bound + q.length * 2 ** -1000)) ? r : undefined;
}

const BITS = new DataView(new ArrayBuffer(8));

/**
 * Whether a result r with an absolute error ≤ err before its final rounding is within 2.5 ULPs of
 * the exact value R there: err ≤ 2.5·ulp(|r| − err) (ulp is nondecreasing in |R| and |R| ≥ |r| − err;
 * ulp from the exponent bits, normal range only, else false). With the final rounding (≤ ½ ulp of
 * r's binade, at most one binade above R's) the error is then ≤ 3.5 ULPs.
 */
function certifies(r: number, err: number): boolean {
  const low = Math.abs(r) - err * 1.0001;
  if (!(low >= 2 ** -960)) return false;
  BITS.setFloat64(0, low);
  const e = (BITS.getUint32(0) >>> 20) & 0x7ff; // biased exponent of low, ≥ 63 here
  BITS.setUint32(0, (e - 52) << 20);
  BITS.setUint32(4, 0);
  return err <= 2.5 * BITS.getFloat64(0);
}

/**
 * Σ_k q_k·log(q_k/p_k); a term with q_k = 0 is 0, and q_k > 0 with p_k = 0 gives +∞.
 *
 * The terms have both signs (for normalised q ≠ p always), and the sum cancels without bound: to
 * second order in q − p when q ≈ p (KL ≈ Σ(q − p)²/(2q) while each term is of order q − p), and to
 * any depth for unnormalised vectors. So:
 * - each term is q_k·log(q_k/p_k) in double-double, the log by ddLogRatio (which forms
 *   (q − p)/(q + p) exactly when q/p ∈ [½, 2], so q and p one ulp apart still give a log accurate
 *   to 2^−86 relative), summed in double-double;
 * - the sum is certified by an a-priori bound (≤ 2^−57·|result|: ≤ 0.5 + 2^−4 ULPs), which holds
 *   while the cancellation ratio Σ|terms|/|result| stays below about 2^40 (2^27 for terms with
 *   q/p outside [½, 2]);
 * - otherwise (q a few ulps from p with Σq = Σp, unnormalised vectors that nearly balance) the
 *   fixed-point path computes the sum to the same accuracy (klDivergenceFixed).
 * When every q_k is below 2^−900 the weights are scaled by 2^600 (the logs do not depend on it).
 * NaN anywhere gives NaN. Accuracy: ≤ 0.5 + 2^−4 ULPs at every input.
 */
export function klDivergence(q: readonly number[], p: readonly number[]): number {
  const fast = klDivergenceFast(q, p);
  if (fast !== undefined) return fast;
  let big = 0;
  let inf = false;
  for (let k = 0; k < q.length; k++) {
    const a = q[k] as number;
    const b = p[k] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
    if (a > big) big = a;
    if (a > 0 && b === 0) inf = true;
  }
  if (inf) return Number.POSITIVE_INFINITY;
  const scale = big < 2 ** -900 ? 2 ** 600 : 1;
  let s: DD = [0, 0];
  let err = q.length * 2 ** -1060; // subnormal low words: a few 2^−1074 per term
  for (let k = 0; k < q.length; k++) {
    const a = q[k] as number;
    const b = p[k] as number;
    if (a === 0 || a === b) continue;
    const t = ddMultDouble2(a * scale, ddLogRatio(a, b)) as DD;
    // The log within 2^−98 relative where q/p ∈ [½, 2] (the atanh path), DD_LOG_RATIO_REL_ERR
    // elsewhere; the dd product and the dd additions within 2^−102 of the terms' magnitudes.
    const rel = a <= 2 * b && b <= 2 * a ? 2 ** -97 : DD_LOG_RATIO_REL_ERR * 2;
    err += Math.abs(t[1]) * rel;
    s = ddAddDd(s, t) as DD;
  }
  const r = s[1] + s[0];
  if (err <= Math.abs(r) * 2 ** -57) return scale === 1 ? r : r * 2 ** -600;
  return klDivergenceFixed(q, p);
}
