/**
 * float64 kernels of the softmax family (docs/catalogue.md). Budget: every component within
 * 4 ULPs of its exact value, the subnormal ulp as floor.
 *
 * Shared scheme: m = max z (first arg-max i), d_j = z_j − m split exactly into hi_j + lo_j (TwoSum:
 * fl(z_j − m) alone carries up to ½ulp(|d_j|) ≈ 2^−44 absolute error at |d_j| ≈ 700, which e^{d_j}
 * turns into hundreds of ULPs), e_j = e^{hi_j}·(1 + lo_j), and the rest r = Σ_{j≠i} e_j summed with
 * Neumaier compensation (recursive summation would lose up to (K−1)/2 ULPs at K = 64). The arg-max
 * term 1 stays out of r, so log Σ e^{d_j} = log1p(r) keeps its relative accuracy when r is tiny.
 *
 * Where the result cancels (log-sum-exp near 0; s·p_k − y_k and p_k − y_k for p ≈ y) the kernels
 * switch to double-double (dd-extra.ts, ~2^−100), scaled by 2^SCALE so that tiny components keep
 * their low words: the one-hot and typical paths stay in plain float64. p is transcendental, so a
 * soft y can lie arbitrarily close to it (y = fl(softmax(z)) cancels ~53 bits, beyond
 * double-double): each double-double result carries an error bound, and a component the bound does
 * not certify to ½ ulp is recomputed in decimal.js at rising precision (`exactComponents`, the
 * sigmoid kernels' Ziv strategy). Random soft labels reach it only where p_k ≈ y_k to ~38 bits.
 *
 * Infinite logits (docs/catalogue.md#values-at-the-edges): a −∞ logit gets probability 0; one +∞ logit
 * takes all mass; two or more +∞ logits leave their own components undefined (NaN) and the others 0; all −∞
 * (K ≥ 2) is NaN, while K = 1 is the constant softmax [1]. NaN anywhere gives NaN.
 */
import { type Decimal, type DecimalCtor, decimalContext, exactDecimal } from '../../reference/decimal.ts';
import type { DD } from '../dd.ts';
import { ddAddDd, ddDivDd, ddMultDd } from '../dd.ts';
import { ddAddDouble, ddExpDd, ddExpDdScaled, ddLog1p } from '../dd-extra.ts';
import { squaredErrorFast, squaredErrorGradFast } from './softmax-se-fast.ts';

/** Below this d_j, e^{d_j} rounds to 0 in float64 (e^−745.2 < 2^−1075). */
const EXP_ZERO_BELOW = -746;
/** Below this the tail r = Σ_{j≠max} e^{d_j} is re-summed scaled (see prepare): 2^−969, where a double's
 * low bits start to fall into the subnormal range. */
const TAIL_NORMAL_FROM = 2 ** -969;
/** The scaling of that re-sum: e^{d}·2^256 is normal down to d ≈ −922. */
const TAIL_SCALE = 256;

/** The finite case: an arg-max m, the exact differences z_j − m and their exponentials. */
interface Shifted {
  readonly i: number;
  readonly m: number;
  /** fl(z_j − m); −∞ for a −∞ logit or where the difference overflows. */
  readonly hi: number[];
  /** z_j − m − hi_j exactly (0 where hi_j is −∞). */
  readonly lo: number[];
  /** e^{z_j − m} to about 1 ulp; e_i = 1. */
  readonly e: number[];
  /** r = Σ_{j≠i} e_j as rHi + rLo (Neumaier). */
  readonly rHi: number;
  readonly rLo: number;
  /** log1p(r), to about 1 ulp. */
  readonly L: number;
}

/** Infinite or NaN logits: the limit softmax P and log-softmax (the edge rules; see the module comment). */
interface Limit {
  readonly p: number[];
  readonly logP: number[];
}

type Prepared = { readonly kind: 'finite'; readonly s: Shifted } | { readonly kind: 'limit'; readonly l: Limit };

function limitOf(z: readonly number[]): Limit | undefined {
  const K = z.length;
  let nan = false;
  let plus = 0;
  let minus = 0;
  for (const v of z) {
    if (Number.isNaN(v)) nan = true;
    else if (v === Number.POSITIVE_INFINITY) plus++;
    else if (v === Number.NEGATIVE_INFINITY) minus++;
  }
  if (nan) return { p: z.map(() => Number.NaN), logP: z.map(() => Number.NaN) };
  if (plus === 1) {
    return {
      p: z.map((v) => (v === Number.POSITIVE_INFINITY ? 1 : 0)),
      logP: z.map((v) => (v === Number.POSITIVE_INFINITY ? 0 : Number.NEGATIVE_INFINITY)),
    };
  }
  if (plus > 1) {
    const inf = (v: number) => v === Number.POSITIVE_INFINITY;
    return {
      p: z.map((v) => (inf(v) ? Number.NaN : 0)),
      logP: z.map((v) => (inf(v) ? Number.NaN : Number.NEGATIVE_INFINITY)),
    };
  }
  if (minus === K) {
    // softmax of one logit is the constant 1; for K ≥ 2 the limit depends on the path.
    return K === 1 ? { p: [1], logP: [0] } : { p: z.map(() => Number.NaN), logP: z.map(() => Number.NaN) };
  }
  return undefined;
}

function prepare(z: readonly number[]): Prepared {
  const l = limitOf(z);
  if (l !== undefined) return { kind: 'limit', l };
  const K = z.length;
  let i = 0;
  for (let k = 1; k < K; k++) if ((z[k] as number) > (z[i] as number)) i = k;
  const m = z[i] as number;
  const hi = new Array<number>(K);
  const lo = new Array<number>(K);
  const e = new Array<number>(K);
  let s = 0;
  let c = 0;
  for (let j = 0; j < K; j++) {
    if (j === i) {
      hi[j] = 0;
      lo[j] = 0;
      e[j] = 1;
      continue;
    }
    const zj = z[j] as number;
    const d = zj - m;
    hi[j] = d;
    if (d === Number.NEGATIVE_INFINITY) {
      lo[j] = 0;
      e[j] = 0;
      continue;
    }
    // TwoSum(z_j, −m): the exact rounding error of the difference.
    const bv = d - zj;
    const err = zj - (d - bv) + (-m - bv);
    lo[j] = err;
    let ej = 0;
    if (d >= EXP_ZERO_BELOW) {
      ej = Math.exp(d);
      ej += ej * err; // e^{hi + lo} = e^{hi}(1 + lo + O(lo²)), lo² < 2^−88
    }
    e[j] = ej;
    // Neumaier: s and e_j are both ≥ 0.
    const t = s + ej;
    c += s >= ej ? s - t + ej : ej - t + s;
    s = t;
  }
  let rHi = s + c;
  let rLo = c - (rHi - s);
  let L = Math.log1p(rHi) + rLo / (1 + rHi);
  if (rHi < TAIL_NORMAL_FROM) {
    // Every other term is below 2^−969, where e^{d_j} has lost relative digits (a subnormal, or 0
    // below d = −745): summing the rounded terms can be off by several ulps of r itself (14 terms
    // of e^−745 ≈ 2.8e−324 each round to 4.9e−324). Re-sum them scaled by 2^TAIL_SCALE in
    // double-double, then round r once into the subnormal range; log1p(r) = r there (r² ≪ ulp(r)).
    let acc: DD = [0, 0];
    for (let j = 0; j < K; j++) {
      const h = hi[j] as number;
      if (j === i || h === Number.NEGATIVE_INFINITY) continue;
      acc = ddAddDd(acc, ddExpDdScaled([lo[j] as number, h], TAIL_SCALE)) as DD;
    }
    rHi = (acc[1] + acc[0]) * 2 ** -TAIL_SCALE;
    rLo = 0;
    L = rHi;
  }
  return { kind: 'finite', s: { i, m, hi, lo, e, rHi, rLo, L } };
}

/** S = 1 + r as a (hi, lo) pair, for the divisions p_k = e_k / S. */
function denominator(s: Shifted): [number, number] {
  // TwoSum(1, r): the exact rounding error of 1 + r, plus the low word of r.
  const sh = 1 + s.rHi;
  const bv = sh - 1;
  return [sh, 1 - (sh - bv) + (s.rHi - bv) + s.rLo];
}

/** e_k / S with S = sh + sl: one division and a first-order correction for sl. */
function divide(ek: number, sh: number, sl: number): number {
  const q = ek / sh;
  return q - (q * sl) / sh;
}

/**
 * logSumExp's common path without `prepare`'s arrays: the same arithmetic (first arg-max m, exact
 * differences by TwoSum, e^{hi}(1 + lo), Neumaier sum of the rest r, log1p(r) with r's low word), so
 * the same accuracy, returned only where logSumExp's no-cancellation test (m ≥ 0 or log1p(r) ≤ −m/4)
 * certifies it: there the error is ≤ 1 ulp (log1p) + ½ (the sum m + L) + the exp errors carried by
 * log1p's argument r ≤ 1 ulp relative, ≤ 1.5 ULPs in all. undefined for NaN or infinite logits and
 * for the cancelling case, which take the careful path.
 */
function logSumExpFast(z: readonly number[]): number | undefined {
  const K = z.length;
  let i = -1;
  let m = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < K; k++) {
    const v = z[k] as number;
    if (v > m) {
      m = v;
      i = k;
    } else if (!(v <= m)) return undefined; // NaN
  }
  if (!(m > Number.NEGATIVE_INFINITY && m < Number.POSITIVE_INFINITY)) return undefined;
  let s = 0;
  let c = 0;
  for (let j = 0; j < K; j++) {
    if (j === i) continue;
    const zj = z[j] as number;
    const d = zj - m;
    if (!(d >= EXP_ZERO_BELOW)) continue; // e^d rounds to 0 (also a −∞ logit)
    const bv = d - zj;
    const err = zj - (d - bv) + (-m - bv); // TwoSum: z_j − m = d + err exactly
    let ej = Math.exp(d);
    ej += ej * err;
    const t = s + ej;
    c += s >= ej ? s - t + ej : ej - t + s;
    s = t;
  }
  const rHi = s + c;
  const rLo = c - (rHi - s);
  const L = Math.log1p(rHi) + rLo / (1 + rHi);
  return m >= 0 || L <= -m / 4 ? m + L : undefined;
}

/**
 * log Σ_k e^{z_k} = m + log1p(r).
 *
 * No cancellation when m ≥ 0 or log1p(r) ≤ −m/4 (then |result| ≥ 3·log1p(r) and the ≤ 1 ulp error of
 * log1p stays below ½ ulp of the result): error ≤ 1.5 ULPs. Otherwise (m ∈ (−16.7, 0): the sum of up to
 * 64 terms of size ≤ 1 nearly cancels m) it recomputes r and log1p(r) in double-double, so the result
 * keeps ~2^−100 absolute accuracy however close to 0 it is. Measured ≤ 1 ULP (see the report test).
 * NaN → NaN; any +∞ → +∞; all −∞ → −∞.
 */
export function logSumExp(z: readonly number[]): number {
  const fast = logSumExpFast(z);
  if (fast !== undefined) return fast;
  const P = prepare(z);
  if (P.kind === 'limit') {
    let mx = Number.NEGATIVE_INFINITY;
    for (const v of z) {
      if (Number.isNaN(v)) return Number.NaN;
      if (v > mx) mx = v;
    }
    return mx;
  }
  const { m, L } = P.s;
  if (m >= 0 || L <= -m / 4) return m + L;
  const { i, hi, lo, e } = P.s;
  let r: DD = [0, 0];
  for (let j = 0; j < z.length; j++) {
    if (j === i || e[j] === 0) continue;
    r = ddAddDd(r, ddExpDd([lo[j] as number, hi[j] as number])) as DD;
  }
  const v = ddAddDouble(ddLog1p(r), m) as DD;
  return v[1] + v[0];
}

/**
 * softmax(z)_k = e^{z_k − m} / (1 + r), with d_k exact (TwoSum) and r compensated, so each
 * component carries only the exp error (< 1 ulp), the division (½) and a first-order correction of S:
 * ≤ 2 ULPs, also for subnormal components (absolute error ≤ 1 subnormal ulp). A −∞ logit gives 0.
 */
export function softmax(z: readonly number[]): number[] {
  const P = prepare(z);
  if (P.kind === 'limit') return P.l.p;
  const [sh, sl] = denominator(P.s);
  return P.s.e.map((ek) => divide(ek, sh, sl));
}

/**
 * logSoftmax(z)_k = (z_k − m) − log1p(r): both parts ≤ 0, so no cancellation; at the arg-max it is
 * −log1p(r), accurate even when r is far below 2^−53 (where log(p_k) would give 0). d_k is used
 * exactly (hi + lo). Error ≤ 1 ulp (log1p) + ½ (sum): ≤ 2 ULPs.
 */
export function logSoftmax(z: readonly number[]): number[] {
  const P = prepare(z);
  if (P.kind === 'limit') return P.l.logP;
  const { i, hi, lo, L } = P.s;
  return hi.map((h, k) => {
    if (k === i) return -L;
    if (h === Number.NEGATIVE_INFINITY) return h;
    return h - L + (lo[k] as number);
  });
}

/**
 * Σ_k y_k·(log1p(r) − (z_k − m)): every term is ≥ 0, so the sum does not cancel; terms with y_k = 0 are
 * skipped (0·∞ = 0, the definition's convention: docs/catalogue.md). Products are rounded once and summed
 * with Neumaier compensation. Error ≤ 1.5 (each c_k) + ½ (product) + ½ (sum) ≈ 2.5 ULPs in theory, measured
 * ≤ 2. Where m − z_k overflows (|z| ≈ 1e308) the term is y_k·log1p(r) + (y_k·m − y_k·z_k), which is finite
 * whenever the exact term is.
 */
export function softmaxCrossEntropy(z: readonly number[], y: readonly number[]): number {
  if (y.some(Number.isNaN)) return Number.NaN;
  const P = prepare(z);
  if (P.kind === 'limit') {
    let sum = 0;
    for (let k = 0; k < z.length; k++) {
      const yk = y[k] as number;
      if (yk !== 0) sum += -yk * (P.l.logP[k] as number);
    }
    return z.some(Number.isNaN) ? Number.NaN : sum;
  }
  const { i, hi, lo, L, m } = P.s;
  let s = 0;
  let c = 0;
  for (let k = 0; k < z.length; k++) {
    const yk = y[k] as number;
    if (yk === 0) continue;
    const h = hi[k] as number;
    let t: number;
    if (k === i) t = yk * L;
    else if (h === Number.NEGATIVE_INFINITY) {
      const zk = z[k] as number;
      t = zk === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : yk * L + (yk * m - yk * zk);
    } else t = yk * (L - h - (lo[k] as number));
    const u = s + t;
    c += Math.abs(s) >= Math.abs(t) ? s - u + t : t - u + s;
    s = u;
  }
  return Number.isFinite(s) ? s + c : s;
}

/** The index of the single 1 when y is one-hot (one 1, all others 0); −1 otherwise. */
function oneHotIndex(y: readonly number[]): number {
  let t = -1;
  for (let k = 0; k < y.length; k++) {
    const v = y[k];
    if (v === 0) continue;
    if (v !== 1 || t >= 0) return -1;
    t = k;
  }
  return t;
}

/** Exclusive sums X_k = Σ_{j≠k} x_j of double-doubles by prefix and suffix sums (no subtraction). */
function exclusiveSums(xs: readonly DD[]): DD[] {
  const K = xs.length;
  const out = new Array<DD>(K);
  let acc: DD = [0, 0];
  for (let k = 0; k < K; k++) {
    out[k] = acc;
    acc = ddAddDd(acc, xs[k] as DD) as DD;
  }
  acc = [0, 0];
  for (let k = K - 1; k >= 0; k--) {
    out[k] = ddAddDd(out[k] as DD, acc) as DD;
    acc = ddAddDd(acc, xs[k] as DD) as DD;
  }
  return out;
}

/**
 * The double-double softmax state is kept scaled by 2^SCALE (P'_k = 2^SCALE·p_k and so on), so that
 * components down to e^−800 (e.g. p_k ≈ e^−744, which underflows to 0 as a double, while
 * (Σy)·p_k ≈ 16·p_k does not) stay normal with normal low words (≥ 2^−898); the scaling is undone
 * once, on the rounded result. Unscaled, ddExpDd loses its low word below 2^−968 and its high word
 * below 2^−1022, and (Σy)·p_k then inherits an absolute error of ½ subnormal ulp multiplied by Σy
 * (measured 9.65 ULPs at K = 37, multi-hot). 3·SCALE < 1023 keeps the cubic terms of the
 * squared-error gradient finite.
 */
const SCALE = 256;
/** Below this d_j, e^{d_j} < 2^−1154 is dropped from the double-double state (see DROPPED_ABS). */
const DROP_BELOW = -800;
/**
 * The relative error of each double-double quantity of the state and of the products and sums
 * formed from it, for K components: ddExpDdScaled ≤ 2^−100 (asserted in softmax-dd.test.ts), each
 * dd addition ≤ 3u² = 2^−104.4 relative to its exact result (Joldes–Muller–Popescu, Alg. 6; the
 * sums run over ≤ 2K terms), each dd product ≤ 2^−102, each division ≤ 15u² ≈ 2^−102. A few
 * levels of these stay below (K + 64)·2^−100, which keeps a factor ≥ 2 of margin.
 */
const ddRelErr = (K: number): number => (K + 64) * 2 ** -100;
/**
 * A rounded double-double result v (scaled by 2^σ) with error bound B is certified when
 * B ≤ 2^−54·|v| (then B < ½ ulp and the result is within 0.5 + 0.5 + 0.5 (the final scaling, in
 * the subnormal range) = 1.5 ULPs), or when B is below 2^−1077 unscaled (⅛ of the subnormal ulp).
 */
function certified(v: number, B: number, sigma: number): boolean {
  return B <= 2 ** -54 * Math.abs(v) || B * 2 ** -sigma <= 2 ** -1077;
}

/**
 * The double-double softmax state for the cancelling kernels, scaled by 2^SCALE: P_k = 2^SCALE·E_k/S
 * and Q_k = 2^SCALE·(1 − p_k) = 2^SCALE·(Σ_{j≠k} E_j)/S, the latter formed without subtraction (so
 * 1 − p_k stays exact in relative terms when p_k ≈ 1, e.g. a gap of 40 where fl(1 − p_k) = 0).
 * Each component has relative error ≤ ddRelErr(K) (E_j dropped below e^−800 aside).
 */
function ddState(s: Shifted): { P: DD[]; Q: DD[] } {
  const E = s.hi.map((h, j): DD => {
    if (j === s.i) return [0, 2 ** SCALE];
    if (!(h >= DROP_BELOW)) return [0, 0];
    return ddExpDdScaled([s.lo[j] as number, h], SCALE);
  });
  const X = exclusiveSums(E);
  const Ssc = ddAddDd(X[0] as DD, E[0] as DD) as DD;
  // S unscaled (≥ 1, so the scaling is exact up to a low word below 2^−1074·S).
  const S: DD = [Ssc[0] * 2 ** -SCALE, Ssc[1] * 2 ** -SCALE];
  return {
    P: E.map((ek) => ddDivDd(ek, S) as DD),
    Q: X.map((xk) => ddDivDd(xk, S) as DD),
  };
}

/** 1 − y exactly as a double-double (TwoSum). */
function oneMinus(y: number): DD {
  const s = 1 - y;
  const bv = s - 1;
  return [1 - (s - bv) + (-y - bv), s];
}

/**
 * p_k − y_k = P_k·(1 − y_k) − y_k·Q_k in double-double (scaled by 2^SCALE as P and Q): no
 * cancellation for hard labels. M_k = P_k·(1 − y_k) + y_k·Q_k (a double, ≥ |d_k|) is the magnitude
 * the error bound of d_k is relative to: |error| ≤ ddRelErr(K)·M_k.
 */
function ddResiduals(P: readonly DD[], Q: readonly DD[], y: readonly number[]): { D: DD[]; M: number[] } {
  const M = new Array<number>(P.length);
  const D = P.map((pk, k) => {
    const yk = y[k] as number;
    const a = ddMultDd(pk, oneMinus(yk)) as DD;
    const b = ddMultDd([0, yk], Q[k] as DD) as DD;
    M[k] = a[1] + b[1];
    return ddAddDd(a, [-b[0], -b[1]]) as DD;
  });
  return { D, M };
}

// ------------------------------------------------------------------ exact fallback

/** p_k − y_k = p_k·(1 − y_k) − y_k·q_k (q_k = 1 − p_k formed without subtraction), in decimal. */
function residual(p: Decimal, q: Decimal, y: Decimal, D: DecimalCtor): Decimal {
  return p.times(new D(1).minus(y)).minus(y.times(q));
}

/** d_j below which e^{d_j} < 10^−868 is taken as 0 in the fallback (far below every double result). */
const EXACT_DROP_BELOW = -2000;

/**
 * The slow path where the double-double bound cannot certify a component (p ≈ y to more than about
 * 38 bits, e.g. y = fl(softmax(z))): softmax in decimal.js from the exact logits (d_j = z_j − m exact
 * in the Exact context, then exp at the working precision), and `f` evaluated at rising precision
 * (40, 80, …, 1280 digits) until two successive evaluations of each wanted component agree to 30
 * digits and round to the same double (Ziv's strategy, as in the sigmoid kernels' fallback). A zero
 * is accepted when two successive precisions give exactly zero (tied logits, where p_k = 1/n is
 * exact). Returns the wanted components as doubles.
 */
function exactComponents(
  z: readonly number[],
  y: readonly number[],
  s: Shifted,
  want: readonly number[],
  f: (p: Decimal[], q: Decimal[], Y: Decimal[], k: number, D: DecimalCtor) => Decimal,
): number[] {
  let prev: (Decimal | undefined)[] = want.map(() => undefined);
  const done: (number | undefined)[] = want.map(() => undefined);
  const m = exactDecimal(s.m);
  // Agreement between two precisions proves nothing when both are blind to the same input detail:
  // logits δ apart give e^{d} equal to P digits when δ < 10^−P (z = [−800, 5e−250, 0], y = [0, 1, 1]:
  // p_1 − p_2 ≈ 1.2e−250 is all of components 1 and 2), so the first precision resolves the closest
  // pair of distinct kept logits to 30 digits.
  const kept = z.filter((_, j) => (s.hi[j] as number) >= EXACT_DROP_BELOW).sort((a, b) => a - b);
  let delta = Number.POSITIVE_INFINITY;
  for (let j = 1; j < kept.length; j++) {
    const gap = (kept[j] as number) - (kept[j - 1] as number);
    if (gap > 0 && gap < delta) delta = gap;
  }
  // Labels likewise: a label y_k far below 1 next to O(1) probabilities (z = [0, 0, −700],
  // y = [1e−300, 0, 0]: d_0 − d_1 = −1e−300 is all of components 0 and 1) is invisible below
  // −log10(y_k) digits, so the first precision also resolves the smallest nonzero label to 30 digits.
  let yMin = Number.POSITIVE_INFINITY;
  for (const v of y) if (v > 0 && v < yMin) yMin = v;
  const first = Math.max(40, Math.ceil(40 - Math.log10(delta)), Math.ceil(40 - Math.log10(yMin)));
  for (let precision = first; precision <= Math.max(1280, 4 * first); precision *= 2) {
    const D = decimalContext(precision);
    const E = z.map((zj, j) => {
      if (j === s.i) return new D(1);
      if (!((s.hi[j] as number) >= EXACT_DROP_BELOW)) return new D(0);
      return D.exp(exactDecimal(zj).minus(m));
    });
    let S = new D(0);
    for (const ej of E) S = S.plus(ej);
    const p = E.map((ej) => ej.div(S));
    // q_k = 1 − p_k as (Σ_{j≠k} E_j)/S: no subtraction, so 1 − p_k ≈ e^−150 keeps its digits.
    const q = E.map((_, k) => {
      let x = new D(0);
      E.forEach((ej, j) => {
        if (j !== k) x = x.plus(ej);
      });
      return x.div(S);
    });
    // Tied logits (every kept E_j is 0 or 1): p_k = 1/n, and a zero result can be exact.
    const tied = E.every((ej) => ej.isZero() || ej.eq(1));
    const Y = y.map((v) => new D(exactDecimal(v)));
    const cur = want.map((k, w) => (done[w] === undefined ? f(p, q, Y, k, D) : undefined));
    cur.forEach((v, w) => {
      const u = prev[w];
      if (v === undefined || u === undefined) return;
      // Elsewhere a zero is an unresolved cancellation (the exact value is transcendental).
      if (v.isZero() && !tied) return;
      const close = v.minus(u).abs().lte(v.abs().times('1e-30'));
      const got = Number(v.toPrecision(25));
      if (close && got === Number(u.toPrecision(25))) done[w] = got;
    });
    if (done.every((v) => v !== undefined)) return done as number[];
    prev = cur.map((v, w) => v ?? prev[w]);
  }
  // Unresolved at 1280 digits: the last evaluation (a difference below 10^−1250 relative rounds to it).
  return done.map((v, w) => v ?? Number((prev[w] as Decimal).toPrecision(25)));
}

/**
 * ∂/∂z softmaxCrossEntropy = (Σ_j y_j)·p − y.
 *
 * - One-hot y = e_t (the common case), plain float64: g_k = p_k (k ≠ t) and g_t = −(Σ_{j≠t} e_j)/S,
 *   i.e. −(1 − p_t) formed without the subtraction: ≤ 2 ULPs per component.
 * - y = 0: the gradient is 0.
 * - Soft or multi-hot y: g_k = p_k·Σ_{j≠k} y_j − y_k·(1 − p_k) in double-double (dd-extra.ts, scaled
 *   by 2^SCALE: (Σy)·p_k may be a normal number where p_k underflows), with the bound
 *   ddRelErr(K)·(|p_k·Σ_{j≠k} y_j| + |y_k·(1 − p_k)|); components it does not certify (cancellation
 *   beyond ~38 bits, e.g. y = fl(p)) take the decimal.js fallback. ≤ 1.5 ULPs by construction;
 *   measured ≤ 1.6 ULPs (softmax-accuracy.test.ts, FC_NUM_RUNS=1000).
 */
export function softmaxCrossEntropyGrad(z: readonly number[], y: readonly number[]): number[] {
  if (y.some(Number.isNaN)) return z.map(() => Number.NaN);
  const P = prepare(z);
  const K = z.length;
  if (P.kind === 'limit') {
    if (z.some(Number.isNaN)) return z.map(() => Number.NaN);
    // p is 0/1/NaN here: g_k = −y_k where p_k = 0, and Σ_{j≠k} y_j (exclusive sum, no cancellation
    // against y_k) at the single +∞ logit, where (Σy)·1 − y_k would lose the small y_j.
    const A = exclusiveSums(y.map((v): DD => [0, v]));
    return P.l.p.map((pk, k) => {
      if (pk === 0) return -(y[k] as number);
      if (pk === 1) return ((A[k] as DD)[1] + (A[k] as DD)[0]) as number;
      return y.every((v) => v === 0) ? 0 : Number.NaN; // two +∞ logits: 0·p − 0 = 0 whatever p is
    });
  }
  const t = oneHotIndex(y);
  if (t >= 0) {
    const { e, i, rHi, rLo } = P.s;
    const [sh, sl] = denominator(P.s);
    let qt: number;
    if (t === i) qt = divide(rHi, sh, sl) + rLo / sh;
    else {
      let s = 0;
      let c = 0;
      for (let j = 0; j < K; j++) {
        if (j === t) continue;
        const ej = e[j] as number;
        const u = s + ej;
        c += s >= ej ? s - u + ej : ej - u + s;
        s = u;
      }
      const qh = s + c;
      qt = divide(qh, sh, sl) + (c - (qh - s)) / sh;
    }
    return e.map((ek, k) => (k === t ? -qt : divide(ek, sh, sl)));
  }
  if (y.every((v) => v === 0)) return y.map(() => 0);
  const { P: Pd, Q } = ddState(P.s);
  const A = exclusiveSums(y.map((v): DD => [0, v]));
  const eps = ddRelErr(K);
  const out = new Array<number>(K);
  const slow: number[] = [];
  Pd.forEach((pk, k) => {
    const a = ddMultDd(pk, A[k] as DD) as DD;
    const b = ddMultDd([0, y[k] as number], Q[k] as DD) as DD;
    const g = ddAddDd(a, [-b[0], -b[1]]) as DD;
    const v = g[1] + g[0];
    // |error| ≤ eps·(|a| + |b|) (each factor and operation within eps, relative); the terms dropped
    // below e^−800 add at most K·2^−1154 unscaled.
    const B = eps * (Math.abs(a[1]) + Math.abs(b[1])) * (1 + 2 ** -50) + K * 2 ** (SCALE - 1150);
    if (certified(v, B, SCALE)) out[k] = v * 2 ** -SCALE;
    else slow.push(k);
  });
  if (slow.length > 0) {
    const exact = exactComponents(z, y, P.s, slow, (p, q, Y, k, D) => {
      // p_k·Σ_{j≠k} y_j − y_k·(1 − p_k), as in the double-double path.
      let a = new D(0);
      Y.forEach((v, j) => {
        if (j !== k) a = a.plus(v);
      });
      return a.times(p[k] as Decimal).minus((Y[k] as Decimal).times(q[k] as Decimal));
    });
    slow.forEach((k, w) => {
      out[k] = exact[w] as number;
    });
  }
  return out;
}

/**
 * Σ_k (p_k − y_k)², with each residual p_k − y_k = p_k(1 − y_k) − y_k(1 − p_k) in double-double
 * (the squares double a residual's relative error, and residuals cancel when p ≈ y), summed in
 * double-double and rounded once. The bound Σ_k (2ε·M_k·|d_k| + ε·d_k² + (ε·M_k)²) (ε = ddRelErr(K),
 * M_k the residual's magnitude) certifies ½ ulp unless every residual cancels (p ≈ y throughout,
 * e.g. y = fl(p)); then the decimal.js fallback. ≤ 1.5 ULPs by construction, measured ≤ 0.5.
 *
 * First, though, the O(K) fast path of softmax-se-fast.ts (double-double exp from a table, pair
 * arithmetic, an a-posteriori bound that includes the exp errors through |∂SE/∂z|): its result is
 * taken when the bound puts it within 1 ULP; otherwise (logits more than 600 apart, p ≈ y) the path
 * above runs. It takes 100% of the bench's typical inputs (K = 10, one-hot), ~14× faster.
 */
export function softmaxSquaredError(z: readonly number[], y: readonly number[]): number {
  if (y.some(Number.isNaN)) return Number.NaN;
  const fast = squaredErrorFast(z, y);
  if (fast !== undefined) return fast;
  const P = prepare(z);
  if (P.kind === 'limit') {
    let sum = 0;
    for (let k = 0; k < z.length; k++) sum += ((P.l.p[k] as number) - (y[k] as number)) ** 2;
    return sum;
  }
  const { P: Pd, Q } = ddState(P.s);
  const { D, M } = ddResiduals(Pd, Q, y);
  let acc: DD = [0, 0];
  let B = 0;
  const eps = ddRelErr(z.length);
  D.forEach((d, k) => {
    acc = ddAddDd(acc, ddMultDd(d, d)) as DD;
    // d_k = exact·(1 + θ) + e, |e| ≤ eps·M_k: |d_k² − exact²| ≤ 2·eps·M_k·|d_k| + (eps·M_k)², plus the
    // product's and the sum's own rounding (eps relative to the positive terms).
    const mk = (M[k] as number) * (1 + 2 ** -50);
    const dk = Math.abs(d[1]);
    B += eps * (2 * mk * dk + dk * dk) + (eps * mk) ** 2;
  });
  const v = acc[1] + acc[0];
  const sigma = 2 * SCALE;
  B += z.length * 2 ** (sigma - 1150);
  if (certified(v, B, sigma)) return v * 2 ** -sigma;
  return exactComponents(z, y, P.s, [0], (p, q, Y, _k, Dc) => {
    let sum = new Dc(0);
    p.forEach((pk, k) => {
      const r = residual(pk, q[k] as Decimal, Y[k] as Decimal, Dc);
      sum = sum.plus(r.times(r));
    });
    return sum;
  })[0] as number;
}

/**
 * ∂/∂z softmaxSquaredError = 2·J(p)(p − y), component i = 2p_i·Σ_{j≠i} p_j·(d_i − d_j) with d = p − y
 * formed without cancellation for hard labels (ddResiduals). The textbook d_i − Σ_j p_j·d_j loses
 * everything at p_t ≈ 1 (both terms ≈ −(1 − p_t)); the pairwise form keeps like-signed terms there and
 * is exactly 0 between tied logits. All in double-double (scaled by 2^SCALE, so 2^{3·SCALE} overall),
 * O(K²), with the bound 2p_i·ε·(Σ_{j≠i} p_j·(M_i + M_j + |d_i − d_j|) + |h_i|); uncertified
 * components (p ≈ y beyond ~38 bits; near-tied logits, where d_i − d_j cancels) take the decimal.js
 * fallback. ≤ 1.5 ULPs by construction, measured ≤ 1.0 ULP (FC_NUM_RUNS=1000).
 *
 * First, though, the O(K) fast path of softmax-se-fast.ts (g_i = 2p_i·(d_i − Σ p·d) in pair arithmetic,
 * with a bound that includes the exp errors through a Hessian row bound): taken when every component
 * is certified within 1 ULP (99% of the bench's typical inputs); a component near a zero of g_i
 * (d_i ≈ Σ p·d), logits more than 600 apart or p ≈ y send the whole vector to the path above.
 */
export function softmaxSquaredErrorGrad(z: readonly number[], y: readonly number[]): number[] {
  if (y.some(Number.isNaN)) return z.map(() => Number.NaN);
  const fast = squaredErrorGradFast(z, y);
  if (fast !== undefined) return fast;
  const P = prepare(z);
  if (P.kind === 'limit') {
    const p = P.l.p;
    let c = 0;
    for (let j = 0; j < z.length; j++) {
      const pj = p[j] as number;
      if (pj !== 0) c += pj * (pj - (y[j] as number));
    }
    return p.map((pi, i) => (pi === 0 ? 0 : 2 * pi * (pi - (y[i] as number) - c)));
  }
  const { P: Pd, Q } = ddState(P.s);
  const { D, M } = ddResiduals(Pd, Q, y);
  const K = z.length;
  const eps = ddRelErr(K);
  const sigma = 3 * SCALE;
  const out = new Array<number>(K);
  const slow: number[] = [];
  // Bracket h_i = Σ_{j≠i} p_j·(d_i − d_j) (= d_i − Σ_j p_j·d_j, as Σ_j p_j = 1), O(K²): tied logits
  // with equal labels give d_i − d_j = 0 exactly, so e.g. five tied arg-maxes under a one-hot label
  // elsewhere leave only the tiny p_t-term (the (1 − p_i)·d_i − Σ_{j≠i} p_j·d_j form cancels 4/25
  // against 4/25 there); and for y = e_t, d_t − d_j = −(1 − p_t) − p_j keeps like-signed terms.
  Pd.forEach((pi, i) => {
    const di = D[i] as DD;
    const mi = M[i] as number;
    let h: DD = [0, 0];
    // W = Σ_{j≠i} p_j·(M_i + M_j + |d_i − d_j|): the error of h is ≤ eps·W (each d within eps·M, each
    // product and each addition of the sum within eps of the terms' magnitudes).
    let W = 0;
    for (let j = 0; j < K; j++) {
      if (j === i) continue;
      const dj = D[j] as DD;
      const diff = ddAddDd(di, [-dj[0], -dj[1]]) as DD;
      const pj = (Pd[j] as DD)[1];
      W += pj * (mi + (M[j] as number) + Math.abs(diff[1]));
      if (diff[1] !== 0) h = ddAddDd(h, ddMultDd(Pd[j] as DD, diff)) as DD;
    }
    const g = ddMultDd(pi, h) as DD;
    const v = 2 * (g[1] + g[0]);
    // Products of two values near 2^−898 may underflow: an absolute K·2^−1070 in h (scaled).
    const B = 2 * Math.abs(pi[1]) * (eps * (W * (1 + 2 ** -50) + Math.abs(h[1])) + K * 2 ** -1070);
    if (certified(v, B + K * 2 ** (sigma - 1150), sigma)) out[i] = v * 2 ** -sigma;
    else slow.push(i);
  });
  if (slow.length > 0) {
    const exact = exactComponents(z, y, P.s, slow, (p, q, Y, i, Dc) => {
      // 2·p_i·Σ_{j≠i} p_j·(d_i − d_j), d = p − y formed as in ddResiduals: the pairwise form, whose
      // terms vanish between tied logits with equal labels.
      const d = p.map((pk, k) => residual(pk, q[k] as Decimal, Y[k] as Decimal, Dc));
      const di = d[i] as Decimal;
      let h = new Dc(0);
      p.forEach((pj, j) => {
        if (j !== i) h = h.plus(pj.times(di.minus(d[j] as Decimal)));
      });
      return (p[i] as Decimal).times(h).times(2);
    });
    slow.forEach((i, w) => {
      out[i] = exact[w] as number;
    });
  }
  return out;
}
