/**
 * float64 kernels of the softmax family (SPEC §1, vector table). Budget: every component within
 * 4 ULPs of its exact value, the subnormal ulp as floor.
 *
 * Shared scheme: m = max z (first arg-max i), d_j = z_j − m split exactly into hi_j + lo_j (TwoSum:
 * fl(z_j − m) alone carries up to ½ulp(|d_j|) ≈ 2^−44 absolute error at |d_j| ≈ 700, which e^{d_j}
 * turns into hundreds of ULPs), e_j = e^{hi_j}·(1 + lo_j), and the rest r = Σ_{j≠i} e_j summed with
 * Neumaier compensation (recursive summation would lose up to (K−1)/2 ULPs at K = 64). The arg-max
 * term 1 stays out of r, so log Σ e^{d_j} = log1p(r) keeps its relative accuracy when r is tiny.
 *
 * Where the result cancels (log-sum-exp near 0; s·p_k − y_k and p_k − y_k for p ≈ y) the kernels
 * switch to double-double (dd-extra.ts, ~2^−104): the one-hot and typical paths stay in plain float64.
 *
 * Infinite logits (SPEC §2): a −∞ logit gets probability 0; one +∞ logit takes all mass; two or more
 * +∞ logits leave their own components undefined (NaN) and the others 0; all −∞ (K ≥ 2) is NaN,
 * while K = 1 is the constant softmax [1]. NaN anywhere gives NaN.
 */
import type { DD } from '../dd.ts';
import { ddAddDd, ddDivDd, ddMultDd } from '../dd.ts';
import { ddAddDouble, ddExpDd, ddLog1p } from '../dd-extra.ts';

/** Below this d_j, e^{d_j} rounds to 0 in float64 (e^−745.2 < 2^−1075). */
const EXP_ZERO_BELOW = -746;

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

/** Infinite or NaN logits: the limit softmax P and log-softmax (SPEC §2 and the module comment). */
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
  const rHi = s + c;
  const rLo = c - (rHi - s);
  const L = Math.log1p(rHi) + rLo / (1 + rHi);
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
 * log Σ_k e^{z_k} = m + log1p(r).
 *
 * No cancellation when m ≥ 0 or log1p(r) ≤ −m/4 (then |result| ≥ 3·log1p(r) and the ≤ 1 ulp error of
 * log1p stays below ½ ulp of the result): error ≤ 1.5 ULPs. Otherwise (m ∈ (−16.7, 0): the sum of up to
 * 64 terms of size ≤ 1 nearly cancels m) it recomputes r and log1p(r) in double-double, so the result
 * keeps ~2^−100 absolute accuracy however close to 0 it is. Measured ≤ 1 ULP (see the report test).
 * NaN → NaN; any +∞ → +∞; all −∞ → −∞.
 */
export function logSumExp(z: readonly number[]): number {
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
 * Σ_k y_k·(log1p(r) − (z_k − m)): every term is ≥ 0, so the sum does not cancel; terms with y_k = 0
 * are skipped (0·∞ = 0, SPEC §1). Products are rounded once and summed with Neumaier compensation.
 * Error ≤ 1.5 (each c_k) + ½ (product) + ½ (sum) ≈ 2.5 ULPs in theory, measured ≤ 2.
 * Where m − z_k overflows (|z| ≈ 1e308) the term is y_k·log1p(r) + (y_k·m − y_k·z_k), which is finite
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
 * The double-double softmax state for the cancelling kernels: P_k = E_k/S and Q_k = 1 − P_k =
 * (Σ_{j≠k} E_j)/S, the latter formed without subtraction (so 1 − p_k stays exact in relative terms
 * when p_k ≈ 1, e.g. a gap of 40 where fl(1 − p_k) = 0).
 */
function ddState(s: Shifted): { P: DD[]; Q: DD[] } {
  const E = s.hi.map((h, j): DD => {
    if (j === s.i) return [0, 1];
    if (s.e[j] === 0) return [0, 0];
    return ddExpDd([s.lo[j] as number, h]);
  });
  const X = exclusiveSums(E);
  const S = ddAddDd(X[0] as DD, E[0] as DD) as DD;
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

/** p_k − y_k = P_k·(1 − y_k) − y_k·Q_k in double-double: no cancellation for hard labels. */
function ddResiduals(P: readonly DD[], Q: readonly DD[], y: readonly number[]): DD[] {
  return P.map((pk, k) => {
    const yk = y[k] as number;
    const a = ddMultDd(pk, oneMinus(yk)) as DD;
    const b = ddMultDd([0, yk], Q[k] as DD) as DD;
    return ddAddDd(a, [-b[0], -b[1]]) as DD;
  });
}

/**
 * ∂/∂z softmaxCrossEntropy = (Σ_j y_j)·p − y.
 *
 * - One-hot y = e_t (the common case), plain float64: g_k = p_k (k ≠ t) and g_t = −(Σ_{j≠t} e_j)/S,
 *   i.e. −(1 − p_t) formed without the subtraction: ≤ 2 ULPs per component.
 * - y = 0: the gradient is 0.
 * - Soft or multi-hot y: g_k = p_k·Σ_{j≠k} y_j − y_k·(1 − p_k) in double-double (dd-extra.ts), so a
 *   cancellation s·p_k ≈ y_k of up to ~48 bits still leaves ≤ 4 ULPs.
 */
export function softmaxCrossEntropyGrad(z: readonly number[], y: readonly number[]): number[] {
  if (y.some(Number.isNaN)) return z.map(() => Number.NaN);
  const P = prepare(z);
  const K = z.length;
  if (P.kind === 'limit') {
    if (z.some(Number.isNaN)) return z.map(() => Number.NaN);
    let sy = 0;
    for (const v of y) sy += v;
    return P.l.p.map((pk, k) => (pk === 0 || sy === 0 ? 0 : sy * pk) - (y[k] as number));
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
  return Pd.map((pk, k) => {
    const a = ddMultDd(pk, A[k] as DD) as DD;
    const b = ddMultDd([0, y[k] as number], Q[k] as DD) as DD;
    const g = ddAddDd(a, [-b[0], -b[1]]) as DD;
    return g[1] + g[0];
  });
}

/**
 * Σ_k (p_k − y_k)², with each residual p_k − y_k = p_k(1 − y_k) − y_k(1 − p_k) in double-double
 * (the squares double a residual's relative error, and residuals cancel when p ≈ y), summed in
 * double-double and rounded once. Error ≤ 1 ULP where the residuals cancel by less than ~45 bits.
 */
export function softmaxSquaredError(z: readonly number[], y: readonly number[]): number {
  if (y.some(Number.isNaN)) return Number.NaN;
  const P = prepare(z);
  if (P.kind === 'limit') {
    let sum = 0;
    for (let k = 0; k < z.length; k++) sum += ((P.l.p[k] as number) - (y[k] as number)) ** 2;
    return sum;
  }
  const { P: Pd, Q } = ddState(P.s);
  let acc: DD = [0, 0];
  for (const d of ddResiduals(Pd, Q, y)) acc = ddAddDd(acc, ddMultDd(d, d)) as DD;
  return acc[1] + acc[0];
}

/**
 * ∂/∂z softmaxSquaredError = 2·J(p)(p − y), component i = 2p_i·Σ_{j≠i} p_j·(d_i − d_j) with d = p − y
 * formed without cancellation for hard labels (ddResiduals). The textbook d_i − Σ_j p_j·d_j loses
 * everything at p_t ≈ 1 (both terms ≈ −(1 − p_t)); the pairwise form keeps like-signed terms there and
 * is exactly 0 between tied logits. All in double-double, O(K²). Measured ≤ 3.6 ULPs (default seed
 * and FC_NUM_RUNS=1000, see the report); cancellation between near-tied (not exactly tied) logits
 * beyond ~50 bits is outside double-double's reach.
 */
export function softmaxSquaredErrorGrad(z: readonly number[], y: readonly number[]): number[] {
  if (y.some(Number.isNaN)) return z.map(() => Number.NaN);
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
  const D = ddResiduals(Pd, Q, y);
  const K = z.length;
  // Bracket h_i = Σ_{j≠i} p_j·(d_i − d_j) (= d_i − Σ_j p_j·d_j, as Σ_j p_j = 1), O(K²): tied logits
  // with equal labels give d_i − d_j = 0 exactly, so e.g. five tied arg-maxes under a one-hot label
  // elsewhere leave only the tiny p_t-term (the (1 − p_i)·d_i − Σ_{j≠i} p_j·d_j form cancels 4/25
  // against 4/25 there); and for y = e_t, d_t − d_j = −(1 − p_t) − p_j keeps like-signed terms.
  return Pd.map((pi, i) => {
    const di = D[i] as DD;
    let h: DD = [0, 0];
    for (let j = 0; j < K; j++) {
      if (j === i) continue;
      const dj = D[j] as DD;
      const diff = ddAddDd(di, [-dj[0], -dj[1]]) as DD;
      if (diff[1] !== 0) h = ddAddDd(h, ddMultDd(Pd[j] as DD, diff)) as DD;
    }
    const g = ddMultDd(pi, h) as DD;
    return 2 * (g[1] + g[0]);
  });
}
