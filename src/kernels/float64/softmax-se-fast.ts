/**
 * The certified fast path of the softmax squared-error kernels (softmaxSquaredError and its gradient):
 * O(K) plain float64 with error-free transformations (TwoSum, Dekker's TwoProduct), no allocation
 * beyond the result, and a cheap a-posteriori error bound. A caller takes the result only when the
 * bound certifies it (`certifiedFast`); otherwise it runs its careful double-double path.
 *
 * Why not plain Math.exp: its error (up to 1 ulp, 2^−52 relative) is a perturbation of the logits,
 * and the squared-error gradient amplifies it by Σ_k |∂g_i/∂z_k| / |g_i|, measured up to ~40 on
 * typical inputs (K = 10, z ∈ [−10, 10], one-hot y): no bound can then certify 4 ULPs. So e^{d_k} is
 * formed here as a double-double (`expDd`, relative error ≤ EXP_REL_ERR = 2^−72), and p, d = p − y,
 * Σ p·d and the brackets are carried as (hi, lo) pairs: the arithmetic then adds ~2^−100 relative.
 *
 * Scope: finite logits with every d_k = z_k − max z either −∞ or ≥ FAST_D_MIN (= −600): then every
 * E_k and p_k is ≥ 2^−870 and their low words are normal. Other inputs (and infinite or NaN ones)
 * return undefined and the caller's careful path handles them.
 */
import { EXP2_64_HI, EXP2_64_LO, INV_LN2_64, LN2_64_HI, LN2_64_LO } from '../exp-tables.ts';

/** d_k below this (e^d < 2^−865) leaves the fast path. */
export const FAST_D_MIN = -600;

/**
 * A bound on the relative error of `expDd` over [FAST_D_MIN, 0]: 2^−72. Derivation: the reduction
 * x = N·ln2/64 + r (Cody–Waite, L1 with 36 bits so N·L1 is exact for |N| < 2^16; the rounding of N·L2
 * and the dropped tail of ln2/64 below L2 cost ≤ 2^−80 each), the degree-8 Taylor polynomial at
 * |r| ≤ ln2/128 (truncation ≤ 2^−86) with 1 + r + r²/2 exact and only q3 = r³/6 + … (≤ 2.7e−8) rounded
 * (≤ 2^−78), e^{r+c} = e^r·(1 + c) with |c| ≤ 2^−43 (c²/2 ≤ 2^−87), the table value 2^{j/64} to
 * 2^−106, and the recombination with one exact product and a low-order sum ≤ 2^−24 rounded once
 * (≤ 2^−77): ≤ 2^−76 in all; 2^−72 keeps a factor 16 of margin. Measured ≤ 2^−77 (asserted ≤ 2^−74 in
 * softmax-se-fast.test.ts).
 */
export const EXP_REL_ERR = 2 ** -72;

const SPLITTER = 134217729; // 2^27 + 1, Dekker's splitting constant (exact as a double)

/** The table 2^{j/64} (j = 0..63) as double-doubles, and ln2/64 as L1 (36 bits) + L2 (src/kernels/exp-tables.ts). */
const TH = new Float64Array(64);
const TL = new Float64Array(64);
/** Powers of two used on the hot path (a `**` there is evaluated at run time). */
const TWO_M54 = 2 ** -54;
const TWO_M1077 = 2 ** -1077;
const TWO_M1070 = 2 ** -1070;
const SLACK = 1 + 2 ** -40;

/** POW2[n] = 2^−n for n = 0..900 (Math.pow on a variable exponent is slow). */
const POW2 = new Float64Array(901);
for (let n = 0; n <= 900; n++) POW2[n] = 2 ** -n;
for (let j = 0; j < 64; j++) {
  TH[j] = EXP2_64_HI[j] as number;
  TL[j] = EXP2_64_LO[j] as number;
}
// ln2/64 = L1 + L2 with L1 of ≤ 36 bits (L1·2^42 is an integer), so N·L1 is exact for |N| < 2^16
// (N ≥ −600·64/ln2 ≈ −55,400).
const L1 = LN2_64_HI;
const L2 = LN2_64_LO;
const INV_L = INV_LN2_64;

/**
 * Output registers of expDd and twoProd, [hi, lo]: a typed array, since doubles stored in module-level
 * `let` bindings are boxed on every assignment (measured 10× slower).
 */
const R = new Float64Array(2);

/**
 * e^{xh + xl} for xh ∈ [FAST_D_MIN, 0] (|xl| ≤ ulp(xh)): sets R to [hi, lo], an unevaluated sum with relative
 * error ≤ EXP_REL_ERR (see there for the derivation).
 */
function expDd(xh: number, xl: number): void {
  const N = Math.round(xh * INV_L);
  const t = xh - N * L1; // exact (N·L1 exact and within a factor 2 of xh, or N = 0)
  const w = N * L2;
  const r = t - w;
  // c: the TwoSum error of t − w plus the low word of x.
  const bv = r - t;
  const c = t - (r - bv) + (-w - bv) + xl;
  // e^r = 1 + r + r²/2 + q3, q3 = r³·(1/6 + … + r⁵/40320) (degree 8: truncation ≤ 2^−86): r² exactly
  // (TwoProduct), r + r²/2 exactly (TwoSum), and only q3 (≤ 2.7e−8) and the c-terms rounded.
  // e^{r + c} = e^r·(1 + c) to c²/2 < 2^−87.
  const j = N & 63;
  const k = (N - j) / 64;
  const th = TH[j] as number;
  const tl = TL[j] as number;
  twoProd(r, r);
  const r2h = R[0] as number;
  const r2l = R[1] as number;
  const half = 0.5 * r2h;
  const u1 = r + half;
  const bu = u1 - r;
  const u1l = r - (u1 - bu) + (half - bu);
  const q3 = r2h * r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r * (1 / 5040 + r * (1 / 40320))))));
  const small = u1l + 0.5 * r2l + q3 + c * (1 + u1 + q3);
  // th·(1 + u1 + small) + tl·(1 + u1 + small): th·u1 exactly (TwoProduct), the rest (≤ 2^−24·th) in
  // one rounded sum.
  twoProd(th, u1);
  const p = R[0] as number;
  const pe = R[1] as number;
  const s = th + p; // Fast2Sum: |th| ≥ 1 > |p|
  const se = p - (s - th);
  const lo = se + pe + th * small + tl * (1 + u1 + small);
  const h = s + lo;
  const scale = POW2[-k] as number;
  R[0] = h * scale;
  R[1] = (lo - (h - s)) * scale;
}

/** For tests: e^{xh + xl} as [hi, lo] (see expDd). */
export function expDdPair(xh: number, xl = 0): [number, number] {
  expDd(xh, xl);
  return [R[0] as number, R[1] as number];
}

/** TwoProduct(a, b): sets R to [hi, lo] with hi + lo = a·b exactly (when no underflow). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  const a1 = a * SPLITTER;
  const ah = a1 - (a1 - a);
  const al = a - ah;
  const b1 = b * SPLITTER;
  const bh = b1 - (b1 - b);
  const bl = b - bh;
  R[0] = p;
  R[1] = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Scratch: p_k and d_k = p_k − y_k as pairs, M_k (the magnitude d_k's error is relative to). */
let PH = new Float64Array(64);
let PL = new Float64Array(64);
let DH = new Float64Array(64);
let DL = new Float64Array(64);
let MK = new Float64Array(64);

/**
 * The relative error a of the pairs of fillState, for K components: (K² + 4K + 8)·2^−104. The sum S
 * takes K TwoSums (exact) and K additions of low words, each rounded to u·|partial low sum| ≤ u·k·u·S:
 * ≤ K²·u²·S; a pair division adds ≤ 4u², the subtraction S − E_k 2u²·S, TwoSum steps u².
 */
const TWO_M104 = 2 ** -104;
const pairRelErr = (K: number): number => (K * K + 4 * K + 8) * TWO_M104;

/**
 * Fills PH/PL (p_k), DH/DL (d_k = p_k − y_k) and MK for the fast path; returns false when the input is
 * outside its scope (see the module comment). With the computed E_k = e^{d_k}(1 + θ_k), |θ_k| ≤
 * EXP_REL_ERR, each pair below is, for that perturbed input, within a·M_k of its exact value, where
 * a = pairRelErr(K): S is a sum of K positive pairs, p_k = E_k/S one pair division; for y_k = 1,
 * d_k = −X_k/S with X_k = S − E_k (a subtraction of pairs: absolute error ≤ a·S, so M_k = 1 + q_k);
 * otherwise d_k = p_k − y_k (TwoSum: M_k = p_k + |d_k|).
 */
function fillState(z: readonly number[], y: readonly number[]): boolean {
  const K = z.length;
  if (PH.length < K) {
    const n = 2 * K;
    PH = new Float64Array(n);
    PL = new Float64Array(n);
    DH = new Float64Array(n);
    DL = new Float64Array(n);
    MK = new Float64Array(n);
  }
  let i = 0;
  for (let k = 1; k < K; k++) if ((z[k] as number) > (z[i] as number)) i = k;
  const m = z[i] as number;
  if (!Number.isFinite(m)) return false;
  // E_k into PH/PL first, and S = Σ E_k as (sh, sl): TwoSum on the high words, low words summed.
  let sh = 0;
  let sl = 0;
  for (let k = 0; k < K; k++) {
    const zk = z[k] as number;
    const yk = y[k] as number;
    if (!(yk >= 0 && yk <= 1)) return false;
    if (zk === Number.NEGATIVE_INFINITY) {
      PH[k] = 0;
      PL[k] = 0;
      continue;
    }
    const d = zk - m;
    if (!(d >= FAST_D_MIN)) return false;
    const bv = d - zk;
    const dl = zk - (d - bv) + (-m - bv);
    expDd(d, dl);
    PH[k] = R[0] as number;
    PL[k] = R[1] as number;
    const t = sh + (R[0] as number);
    const b2 = t - sh;
    sl += sh - (t - b2) + ((R[0] as number) - b2) + (R[1] as number);
    sh = t;
  }
  const h = sh + sl;
  sl -= h - sh;
  sh = h;
  for (let k = 0; k < K; k++) {
    const eh = PH[k] as number;
    const el = PL[k] as number;
    const yk = y[k] as number;
    // p_k = E_k / S: q1 = eh/sh, then the remainder E_k − q1·S (q1·sh exactly by TwoProduct).
    const q1 = eh / sh;
    twoProd(q1, sh);
    const q2 = (eh - (R[0] as number) - (R[1] as number) + el - q1 * sl) / sh;
    const ph = q1 + q2;
    const pl = q2 - (ph - q1);
    PH[k] = ph;
    PL[k] = pl;
    let dh: number;
    let dlo: number;
    if (yk === 1) {
      // −X_k/S with X_k = S − E_k: (sh − eh) + (sl − el), then one pair division.
      const xh0 = sh - eh;
      const bx = xh0 - sh;
      const xl = sh - (xh0 - bx) + (-eh - bx) + sl - el;
      const xh = xh0 + xl;
      const xlo = xl - (xh - xh0);
      const r1 = xh / sh;
      twoProd(r1, sh);
      const r2 = (xh - (R[0] as number) - (R[1] as number) + xlo - r1 * sl) / sh;
      dh = -(r1 + r2);
      dlo = -(r2 - (r1 + r2 - r1));
      MK[k] = 1 - ph + 1;
    } else {
      // TwoSum(ph, −y_k) + pl.
      const s = ph - yk;
      const bs = s - ph;
      const e = ph - (s - bs) + (-yk - bs) + pl;
      dh = s + e;
      dlo = e - (dh - s);
      MK[k] = ph + Math.abs(dh);
    }
    DH[k] = dh;
    DL[k] = dlo;
  }
  return true;
}

/**
 * Whether a result v (before its final rounding) with error bound B is certified: B ≤ 2^−54·|v| puts
 * it within ½ ulp before the final rounding, so within 1 ULP after it (the 4-ULP budget, with a factor
 * 4 of margin); or B ≤ 2^−1077, an eighth of the subnormal ulp.
 */
function certifiedFast(v: number, B: number): boolean {
  return B <= TWO_M54 * Math.abs(v) || B <= TWO_M1077;
}

/**
 * Σ_k (p_k − y_k)² on the fast path, or undefined when out of scope or not certified.
 *
 * Σ d_k² is summed as pairs (TwoProduct of the high words, cross terms added once). Error bound, for
 * a = pairRelErr(K) (see fillState) and τ = EXP_REL_ERR:
 *   Σ_k (2|d_k|·a·M_k + (a·M_k)²) + a·SE          (the pair arithmetic)
 *   + τ·4·Σ_k p_k|d_k|·(1 + 2^−40)                 (exp errors, first order: Σ_k |∂SE/∂z_k|·τ with
 *                                                   |g_k| ≤ 2p_k(|d_k| + Σ_l p_l|d_l|), so ≤ 4Σ p|d|)
 *   + K·2^−1070                                     (products below the normal range).
 */
export function squaredErrorFast(z: readonly number[], y: readonly number[]): number | undefined {
  if (!fillState(z, y)) return undefined;
  const K = z.length;
  const a = pairRelErr(K);
  let sh = 0;
  let sl = 0;
  let B = 0;
  let C1 = 0;
  for (let k = 0; k < K; k++) {
    const dh = DH[k] as number;
    const dlo = DL[k] as number;
    twoProd(dh, dh);
    const lo = (R[1] as number) + 2 * dh * dlo;
    const t = sh + (R[0] as number);
    const b2 = t - sh;
    sl += sh - (t - b2) + ((R[0] as number) - b2) + lo;
    sh = t;
    const ad = Math.abs(dh);
    const am = a * (MK[k] as number);
    B += 2 * ad * am + am * am;
    C1 += (PH[k] as number) * ad;
  }
  const v = sh + sl;
  B = (B + a * v + EXP_REL_ERR * 4 * C1) * SLACK + K * TWO_M1070;
  return certifiedFast(v, B) ? v : undefined;
}

/**
 * ∂/∂z Σ_k (p_k − y_k)² on the fast path: g_i = 2p_i·(d_i − c), c = Σ_k p_k·d_k, all as pairs (O(K));
 * undefined when out of scope or when a component is not certified.
 *
 * Error bound per component (a, τ as in squaredErrorFast; W = Σ_k p_k·(M_k + 2|d_k|)):
 *   c within 3a·W; h_i = d_i − c within a·M_i + 3a·W + a·|h_i|;
 *   g_i within 2p_i·(a·|h_i| + a·M_i + 3a·W + a·|h_i|)               (the pair arithmetic)
 *   + τ·4p_i·(|h_i| + p_i + Σ_l p_l·|2p_l − y_l|)·(1 + 2^−40)           (exp errors, first order:
 *     Σ_k |∂g_i/∂z_k| ≤ 4p_i(1 − p_i)|h_i| + 2p_i·(2p_i(1 − p_i) + 2Σ_l p_l(1 − p_l)|2p_l − y_l|))
 *   + 2p_i·K·2^−1070                                                 (products below the normal range).
 * Where h_i cancels (p_t ≈ 1 under a one-hot label, p ≈ y) the bound is large against |g_i| and the
 * caller's careful path takes over.
 */
export function squaredErrorGradFast(z: readonly number[], y: readonly number[]): number[] | undefined {
  if (!fillState(z, y)) return undefined;
  const K = z.length;
  const a = pairRelErr(K);
  // c = Σ p_k d_k as a pair; W and Wh (plain doubles, only for the bound).
  let ch = 0;
  let cl = 0;
  let W = 0;
  let Wh = 0;
  for (let k = 0; k < K; k++) {
    const ph = PH[k] as number;
    const dh = DH[k] as number;
    twoProd(ph, dh);
    const lo = (R[1] as number) + ph * (DL[k] as number) + (PL[k] as number) * dh;
    const t = ch + (R[0] as number);
    const b2 = t - ch;
    cl += ch - (t - b2) + ((R[0] as number) - b2) + lo;
    ch = t;
    W += ph * ((MK[k] as number) + 2 * Math.abs(dh));
    Wh += ph * Math.abs(2 * ph - (y[k] as number));
  }
  const c = ch + cl;
  const cLo = cl - (c - ch);
  const out: number[] = [];
  for (let i = 0; i < K; i++) {
    const ph = PH[i] as number;
    const dh = DH[i] as number;
    // h_i = d_i − c: TwoSum of the high words, low words added.
    const s = dh - c;
    const bs = s - dh;
    const e = dh - (s - bs) + (-c - bs) + (DL[i] as number) - cLo;
    const hh = s + e;
    const hl = e - (hh - s);
    twoProd(ph, hh);
    const v = 2 * ((R[0] as number) + ((R[1] as number) + ph * hl + (PL[i] as number) * hh));
    const ah = Math.abs(hh);
    const B =
      (2 * ph * (2 * a * ah + a * (MK[i] as number) + 3 * a * W) + EXP_REL_ERR * 4 * ph * (ah + ph + Wh)) * SLACK +
      2 * ph * K * TWO_M1070;
    if (!certifiedFast(v, B)) return undefined;
    out.push(v);
  }
  return out;
}
