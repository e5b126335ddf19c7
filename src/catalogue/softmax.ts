/**
 * Catalogue entries of the softmax family: multiclass outputs through softmax (docs/catalogue.md).
 *
 * References share one decomposition (`prepare`): m = max z at the first arg-max i, d_k = z_k − m
 * formed exactly (the Exact context, since e^{d_k} needs d_k to absolute accuracy), E_k = e^{d_k}
 * (E_i = 1; a Tiny below decimal.js's range), r = Σ_{k≠i} E_k and S = 1 + r. Every formula is then
 * written without cancellation for hard labels: 1 − p_k is Σ_{j≠k} E_j / S (an exclusive sum, never a
 * subtraction), p_k − y_k is p_k·(1 − y_k) − y_k·(1 − p_k), and Σ_{j≠k} y_j is an exact exclusive
 * sum. What remains to cancel (a soft y with p ≈ y) is inherent and left to the adaptive loop.
 *
 * Infinite logits (docs/catalogue.md#values-at-the-edges), component by component where the limit exists: a
 * −∞ logit gets probability 0 (log-probability −∞); a single +∞ logit takes all mass; with two or more +∞
 * logits their own components have no limit (NaN) and the others are 0; all −∞ is NaN for K ≥ 2 (the limit
 * depends on the path) and the constant softmax [1] for K = 1. NaN in any argument gives NaN.
 */
import * as f32 from '../kernels/float32/softmax.ts';
import * as f64 from '../kernels/float64/softmax.ts';
import * as naive from '../kernels/naive/softmax.ts';
import { type Decimal, decimalContext, Exact } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import { isTiny, type Num } from '../reference/tiny.ts';
import { type CatalogueEntry, defineEntry } from './types.ts';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

type Vec = readonly Decimal[];

/** The finite case of the shared decomposition (see the module comment). */
interface Shifted {
  readonly i: number;
  readonly mx: Decimal;
  /** z_k − m exactly (Exact context); −∞ for a −∞ logit. */
  readonly d: Decimal[];
  /** e^{d_k}; E_i = 1. */
  readonly E: Num[];
  /** S = 1 + Σ_{k≠i} E_k. */
  readonly S: Decimal;
}

type Prepared = { kind: 'finite'; s: Shifted } | { kind: 'limit'; P: Num[]; logP: Num[] };

function nanVec(m: RefMath, K: number): Decimal[] {
  return Array.from({ length: K }, () => m.n(Number.NaN));
}

/** The limits of the edge rules (see the module comment); undefined when the maximum is finite. */
function limitOf(m: RefMath, z: Vec): { P: Num[]; logP: Num[] } | undefined {
  const K = z.length;
  if (z.some((v) => v.isNaN())) return { P: nanVec(m, K), logP: nanVec(m, K) };
  const plus = z.filter((v) => !v.isFinite() && v.isPos()).length;
  const minus = z.filter((v) => !v.isFinite() && v.isNeg()).length;
  const posInf = (v: Decimal) => !v.isFinite() && v.isPos();
  if (plus === 1) {
    return {
      P: z.map((v) => m.n(posInf(v) ? 1 : 0)),
      logP: z.map((v) => m.n(posInf(v) ? 0 : Number.NEGATIVE_INFINITY)),
    };
  }
  if (plus > 1) {
    return {
      P: z.map((v) => m.n(posInf(v) ? Number.NaN : 0)),
      logP: z.map((v) => m.n(posInf(v) ? Number.NaN : Number.NEGATIVE_INFINITY)),
    };
  }
  if (minus === K) return K === 1 ? { P: [m.one], logP: [m.zero] } : { P: nanVec(m, K), logP: nanVec(m, K) };
  return undefined;
}

/**
 * d rounded to the absolute accuracy e^d needs at the working precision: p + 10 digits after the
 * point. An exact difference of doubles can carry ~1000 digits (a subnormal minus a normal), and
 * decimal.js's exp costs grow with the argument's length (12× at 1075 digits).
 */
function expArg(m: RefMath, d: Decimal): Decimal {
  if (!d.isFinite() || d.isZero()) return d;
  const intDigits = Math.max(0, d.e + 1);
  return d.toSignificantDigits(m.precision + 10 + intDigits, 6 /* ROUND_HALF_EVEN */);
}

function prepare(m: RefMath, z: Vec): Prepared {
  const lim = limitOf(m, z);
  if (lim !== undefined) return { kind: 'limit', ...lim };
  let i = 0;
  for (let k = 1; k < z.length; k++) if ((z[k] as Decimal).gt(z[i] as Decimal)) i = k;
  const mx = z[i] as Decimal;
  const d = z.map((v) => new Exact(v).minus(mx));
  const E: Num[] = d.map((dk, k) => (k === i ? m.one : m.exp(expArg(m, dk))));
  let r: Num = m.zero;
  for (let k = 0; k < E.length; k++) if (k !== i) r = m.add(r, E[k] as Num);
  return { kind: 'finite', s: { i, mx, d, E, S: m.add(m.one, r) as Decimal } };
}

/** Rounds a Decimal to the working precision (a value built in Exact keeps all its digits). */
function at(m: RefMath, x: Num): Num {
  return isTiny(x) ? x : m.D.add(x, 0);
}

/** Exclusive sums X_k = Σ_{j≠k} x_j from prefix and suffix sums: no subtraction, no cancellation. */
function exclusive(m: RefMath, xs: readonly Num[]): Num[] {
  const out: Num[] = [];
  let acc: Num = m.zero;
  for (const x of xs) {
    out.push(acc);
    acc = m.add(acc, x);
  }
  acc = m.zero;
  for (let k = xs.length - 1; k >= 0; k--) {
    out[k] = m.add(out[k] as Num, acc);
    acc = m.add(acc, xs[k] as Num);
  }
  return out;
}

/** log1p(r) = log Σ e^{d_k}, the tail of log-sum-exp. */
function tail(m: RefMath, s: Shifted): Num {
  let r: Num = m.zero;
  for (let k = 0; k < s.E.length; k++) if (k !== s.i) r = m.add(r, s.E[k] as Num);
  return m.log1p(r);
}

/**
 * S·(p_k − y_k) = E_k·(1 − y_k) − y_k·Σ_{j≠k} E_j (1 − y_k exact): no cancellation when y_k ∈ {0, 1}.
 * Kept over the common denominator S so that the one division comes last (see crossEntropyGradRef).
 */
function residualNumerators(m: RefMath, s: Shifted, y: Vec): { n: Num[]; X: Num[] } {
  const X = exclusive(m, s.E);
  const n = s.E.map((ek, k) => {
    const yk = y[k] as Decimal;
    return m.sub(m.mul(ek, new Exact(1).minus(yk)), m.mul(X[k] as Num, yk));
  });
  return { n, X };
}

function softmaxRef(m: RefMath, z: Vec): Num[] {
  const P = prepare(m, z);
  if (P.kind === 'limit') return P.P;
  return P.s.E.map((e) => m.div(e, P.s.S));
}

function logSoftmaxRef(m: RefMath, z: Vec): Num[] {
  const P = prepare(m, z);
  if (P.kind === 'limit') return P.logP;
  const t = tail(m, P.s);
  // (z_k − m) − log1p(r): both ≤ 0, so the difference is a sum of like-signed terms.
  return P.s.d.map((dk, k) => (k === P.s.i ? m.neg(t) : at(m, m.sub(dk, t))));
}

function crossEntropyRef(m: RefMath, z: Vec, y: Vec): Num {
  if (y.some((v) => v.isNaN())) return m.n(Number.NaN);
  const P = prepare(m, z);
  let sum: Num = m.zero;
  if (P.kind === 'limit') {
    if (z.some((v) => v.isNaN())) return m.n(Number.NaN);
    for (let k = 0; k < z.length; k++) sum = m.add(sum, m.mulZ(y[k] as Decimal, m.neg(P.logP[k] as Num)));
    return sum;
  }
  const t = tail(m, P.s);
  for (let k = 0; k < z.length; k++) {
    // −log p_k = log1p(r) + (m − z_k) ≥ 0: every term is ≥ 0 (a term with y_k = 0 is 0, even at ∞).
    const c = k === P.s.i ? t : at(m, m.sub(t, P.s.d[k] as Decimal));
    sum = m.add(sum, m.mulZ(y[k] as Decimal, c));
  }
  return sum;
}

/**
 * The logits in ascending order of d and the gaps between neighbours: G_k = E_{σ(k+1)} − E_{σ(k)} ≥ 0,
 * formed as E_{σ(k+1)}·(−expm1(d_{σ(k)} − d_{σ(k+1)})) with the logit difference exact (Exact
 * context). A gap between tied logits is exactly 0, and any other gap keeps its relative accuracy
 * however close the logits are (5e−250 apart, or 1 against 1 + 2e^−700 in a sum): E_i − E_j is then a
 * sum of like-signed gaps, never a subtraction of two rounded values.
 */
interface Gaps {
  /** order[k]: the index at position k (ascending d, ties in index order). */
  readonly order: number[];
  readonly G: Num[];
}

function gapsOf(m: RefMath, s: Shifted): Gaps {
  const order = s.d.map((_, k) => k).sort((a, b) => (s.d[a] as Decimal).cmp(s.d[b] as Decimal) || a - b);
  const G: Num[] = [];
  for (let k = 0; k + 1 < order.length; k++) {
    const lo = order[k] as number;
    const hi = order[k + 1] as number;
    const dl = s.d[lo] as Decimal;
    const dh = s.d[hi] as Decimal;
    if (dl.eq(dh)) G.push(m.zero);
    else if (!dl.isFinite())
      G.push(s.E[hi] as Num); // a −∞ logit: E = 0 exactly
    else G.push(m.mul(s.E[hi] as Num, m.neg(m.expm1(expArg(m, new Exact(dl).minus(dh))))));
  }
  return { order, G };
}

/**
 * For weights w_j ≥ 0: the two like-signed parts of Σ_j w_j·(E_i − E_j) for every i, as
 * [lower_i, upper_i] with the sum = lower_i − upper_i: lower_i = Σ_{j below i} w_j·(E_i − E_j) =
 * Σ_{k < pos(i)} G_k·(Σ_{pos(j) ≤ k} w_j) and upper_i = Σ_{j above i} w_j·(E_j − E_i) =
 * Σ_{k ≥ pos(i)} G_k·(Σ_{pos(j) > k} w_j), by telescoping E_i − E_j over the gaps (O(K), no
 * subtraction). Tied logits contribute exact zeros, the j = i term included.
 */
function weightedGapSums(m: RefMath, g: Gaps, w: readonly Num[]): { lower: Num[]; upper: Num[] } {
  const K = g.order.length;
  const lower: Num[] = new Array(K);
  const upper: Num[] = new Array(K);
  let c: Num = m.zero;
  let acc: Num = m.zero;
  for (let k = 0; k < K; k++) {
    const idx = g.order[k] as number;
    if (k > 0) acc = m.add(acc, m.mul(g.G[k - 1] as Num, c));
    lower[idx] = acc;
    c = m.add(c, w[idx] as Num);
  }
  c = m.zero;
  acc = m.zero;
  for (let k = K - 1; k >= 0; k--) {
    const idx = g.order[k] as number;
    if (k < K - 1) acc = m.add(acc, m.mul(g.G[k] as Num, c));
    upper[idx] = acc;
    c = m.add(c, w[idx] as Num);
  }
  return { lower, upper };
}

/** The indices grouped by equal label value (exact comparison), in order of first appearance. */
function labelGroups(y: Vec): number[][] {
  const groups: number[][] = [];
  const seen = new Map<string, number[]>();
  y.forEach((v, k) => {
    const key = v.toString();
    let g = seen.get(key);
    if (g === undefined) {
      g = [];
      seen.set(key, g);
      groups.push(g);
    }
    g.push(k);
  });
  return groups;
}

function crossEntropyGradRef(m: RefMath, z: Vec, y: Vec): Num[] {
  if (y.some((v) => v.isNaN())) return nanVec(m, z.length);
  const P = prepare(m, z);
  const sy = y.reduce((a, b) => a.plus(b), new Exact(0));
  if (P.kind === 'limit') {
    if (z.some((v) => v.isNaN())) return nanVec(m, z.length);
    return P.P.map((pk, k) => at(m, m.sub(m.mulZ(sy, pk), y[k] as Decimal)));
  }
  // S·(s·p_k − y_k) = Σ_{j≠k} (E_k·y_j − y_k·E_j), summed per label group b (value v_b, n_b members,
  // R_b = Σ_{j∈b} E_j): the own group gives y_k·Σ_{j∈b} (E_k − E_j) (weightedGapSums with unit
  // weights: exact 0 between tied logits, no 1 − (1 + 2e^−700) in multi-hot labels), another group
  // E_k·v_b·n_b − y_k·R_b, where for hard labels one of the two products is 0. The earlier
  // E_k·Σ_{j≠k} y_j − y_k·Σ_{j≠k} E_j cancelled to 0 at every precision the adaptive loop tries at
  // z = [0, 0, −700], y = [1, 1, 0] (exact component 0: −e^−700/(2 + e^−700)).
  // The one division comes last, so a result that is exactly a float (tied logits, float32 labels) is
  // computed exactly and the adaptive loop can settle its rounding.
  const { E, S } = P.s;
  const K = z.length;
  const groups = labelGroups(y);
  const R = groups.map((g) => g.reduce<Num>((a, j) => m.add(a, E[j] as Num), m.zero));
  const g = groups.some((b) => b.length > 1) ? gapsOf(m, P.s) : undefined;
  const own: Num[] = new Array(K).fill(m.zero);
  groups.forEach((b) => {
    if (b.length < 2 || g === undefined || (y[b[0] as number] as Decimal).isZero()) return;
    const w: Num[] = E.map(() => m.zero);
    for (const j of b) w[j] = m.one;
    const { lower, upper } = weightedGapSums(m, g, w);
    for (const k of b) own[k] = m.mul(y[k] as Decimal, m.sub(lower[k] as Num, upper[k] as Num));
  });
  return E.map((ek, k) => {
    const yk = y[k] as Decimal;
    let acc: Num = own[k] as Num;
    groups.forEach((b, gi) => {
      const vb = y[b[0] as number] as Decimal;
      if (vb.eq(yk)) return;
      acc = m.add(acc, m.sub(m.mulZ(ek, vb.times(b.length)), m.mulZ(yk, R[gi] as Num)));
    });
    return m.div(acc, S);
  });
}

function squaredErrorRef(m: RefMath, z: Vec, y: Vec): Num {
  if (y.some((v) => v.isNaN())) return m.n(Number.NaN);
  const P = prepare(m, z);
  let sum: Num = m.zero;
  if (P.kind === 'limit') {
    for (let k = 0; k < z.length; k++) sum = m.add(sum, m.sqr(m.sub(P.P[k] as Num, y[k] as Decimal)));
    return sum;
  }
  // A sum of squares of residuals that do not cancel for hard labels: no difference of sums.
  for (const nk of residualNumerators(m, P.s, y).n) sum = m.add(sum, m.sqr(nk));
  return m.div(sum, m.sqr(P.s.S));
}

function squaredErrorGradRef(m: RefMath, z: Vec, y: Vec): Num[] {
  if (y.some((v) => v.isNaN())) return nanVec(m, z.length);
  const P = prepare(m, z);
  const two = m.n(2);
  if (P.kind === 'limit') {
    let c: Num = m.zero;
    for (let j = 0; j < z.length; j++) {
      c = m.add(c, m.mulZ(P.P[j] as Num, m.sub(P.P[j] as Num, y[j] as Decimal)));
    }
    // A component with p_i = 0 has the limit 0 whatever the bracket does (it stays bounded).
    return P.P.map((pi, i) => m.mulZ(m.mul(two, pi), m.sub(m.sub(pi, y[i] as Decimal), c)));
  }
  // g_i = 2E_i·B_i / S³ with B_i = S²·Σ_{j≠i} p_j·(d_i − d_j) = Σ_{j≠i} E_j·δ_ij, d = p − y and
  // δ_ij = S·(d_i − d_j) = (E_i − E_j) − (y_i − y_j)·S. The earlier X_i·n_i − T_i (the same B_i as a
  // difference of two sums) cancelled to 0 at every precision the adaptive loop tries at
  // z = [−60, −760, −60, −760], y = 0: (1 + 2e) − (1 + 2e²), e = e^−700. Here B_i is summed per label
  // group b (value v_b, R_b = Σ_{j∈b} E_j, Q_b = Σ_{j∈b} E_j², U_b = Σ_{j∈b} E_j·X_j), with
  // c = y_i − v_b exact and X_k = Σ_{j≠k} E_j = S − E_k (an exclusive sum, never that subtraction):
  //   c ≥ 0:  δ_ij = (1 − c)·(E_i − E_j) − c·(X_i + E_j),
  //   c < 0:  δ_ij = (1 − |c|)·(E_i − E_j) + |c|·(X_j + E_i),
  // so the group gives (1 − |c|)·W_b(i) − c·(X_i·R_b + Q_b) or + |c|·(E_i·R_b + U_b), where
  // W_b(i) = Σ_{j∈b} E_j·(E_i − E_j) comes from weightedGapSums (tied logits give exact zeros). For hard
  // labels (c ∈ {0, ±1}) one of the two parts is 0 and the other has like-signed terms; writing the
  // label part as −c·S·R_b instead cancels 1 against 1 when c = −(1 − 10^−149) (measured: a stable
  // wrong sign at 60–147 digits for z = [−343.03…, 9e−323, −744.13…], y = [1.05e−149, 1, 1e−323]).
  // What cancels between the two parts for soft labels is p ≈ y, inherent. The one division comes last.
  const { E, S } = P.s;
  const K = z.length;
  const X = exclusive(m, E);
  const groups = labelGroups(y);
  const g = gapsOf(m, P.s);
  const one = new Exact(1);
  const B: Num[] = new Array(K).fill(m.zero);
  groups.forEach((b) => {
    const vb = y[b[0] as number] as Decimal;
    const cs = y.map((yi) => new Exact(yi).minus(vb));
    let gs: { lower: Num[]; upper: Num[] } | undefined;
    let R: Num | undefined;
    let Q: Num | undefined;
    let U: Num | undefined;
    for (let i = 0; i < K; i++) {
      const c = cs[i] as Decimal;
      const keep = one.minus(c.abs());
      let t: Num = m.zero;
      if (!keep.isZero()) {
        if (gs === undefined) {
          const w: Num[] = E.map(() => m.zero);
          for (const j of b) w[j] = E[j] as Num;
          gs = weightedGapSums(m, g, w);
        }
        t = m.mul(keep, m.sub(gs.lower[i] as Num, gs.upper[i] as Num));
      }
      if (!c.isZero()) {
        R ??= b.reduce<Num>((acc, j) => m.add(acc, E[j] as Num), m.zero);
        if (c.isPos()) {
          Q ??= b.reduce<Num>((acc, j) => m.add(acc, m.sqr(E[j] as Num)), m.zero);
          t = m.sub(t, m.mul(c, m.add(m.mul(X[i] as Num, R), Q)));
        } else {
          U ??= b.reduce<Num>((acc, j) => m.add(acc, m.mul(E[j] as Num, X[j] as Num)), m.zero);
          t = m.add(t, m.mul(c.neg(), m.add(m.mul(E[i] as Num, R), U)));
        }
      }
      B[i] = m.add(B[i] as Num, t);
    }
  });
  const S3 = m.mul(m.sqr(S), S);
  return E.map((ei, i) => m.div(m.mul(m.mul(two, ei), B[i] as Num), S3));
}

// ------------------------------------------------------------------ alternates (cross-check only)

/**
 * log1p(r) written independently of RefMath.log1p: r summed in ascending order, then ln(1 + r) in a
 * context wide enough to hold r's digits below the 1; for r < 10^−(p+5), ln(1 + r) = r to p digits.
 */
function altTail(m: RefMath, s: Shifted): Num {
  const terms = s.E.filter((_, k) => k !== s.i).sort((a, b) => m.cmp(a, b));
  let r: Num = m.zero;
  for (const t of terms) r = m.add(r, t);
  if (isTiny(r) || r.isZero()) return r;
  const below = Math.max(0, -r.e);
  if (below > m.precision + 5) return r;
  const W = decimalContext(m.precision + below + 15);
  return m.D.add(W.ln(new W(1).plus(r)), 0);
}

/** softmax as exp((z_k − m) − log Σ e^{d_j}), the exponent formed exactly: no division. */
function altSoftmax(m: RefMath, z: Vec): Num[] {
  const P = prepare(m, z);
  if (P.kind === 'limit') return P.P;
  const t = altTail(m, P.s);
  return P.s.d.map((dk) => m.exp(expArg(m, isTiny(t) ? dk : new Exact(dk).minus(t))));
}

/**
 * p_k − p_j for two components of one softmax p (from any of its forms): p_big·(−expm1(z_small −
 * z_big)) with the logit difference exact, so tied logits give an exact 0 and close ones keep their
 * digits (a direct subtraction loses them; O(1) per pair, independent of the reference's gap sums).
 */
function altPairDiff(m: RefMath, d: readonly Decimal[], p: readonly Num[], k: number, j: number): Num {
  const dk = d[k] as Decimal;
  const dj = d[j] as Decimal;
  if (dk.eq(dj)) return m.zero;
  const [big, small, sign] = dk.gt(dj) ? [k, j, 1] : [j, k, -1];
  const ds = d[small] as Decimal;
  const f = ds.isFinite() ? m.neg(m.expm1(expArg(m, new Exact(ds).minus(d[big] as Decimal)))) : m.one;
  const v = m.mul(p[big] as Num, f);
  return sign > 0 ? v : m.neg(v);
}

/**
 * Σ_{j≠k} (y_j·p_k − y_k·p_j): the gradient as a sum of pairwise terms (O(K²)); a pair with equal
 * labels is y_k·(p_k − p_j) through altPairDiff (exact 0 between tied logits).
 */
function altCrossEntropyGrad(m: RefMath, z: Vec, y: Vec): Num[] {
  if (y.some((v) => v.isNaN()) || z.some((v) => v.isNaN())) return nanVec(m, z.length);
  const p = altSoftmax(m, z);
  const P = prepare(m, z);
  if (P.kind === 'limit' || p.some((v) => m.isNaN(v))) {
    const sy = y.reduce((a, b) => a.plus(b), new Exact(0));
    return p.map((pk, k) => at(m, m.sub(m.mulZ(sy, pk), y[k] as Decimal)));
  }
  return p.map((pk, k) => {
    let g: Num = m.zero;
    const yk = y[k] as Decimal;
    for (let j = 0; j < p.length; j++) {
      if (j === k) continue;
      const yj = y[j] as Decimal;
      const t = yj.eq(yk) ? m.mulZ(yk, altPairDiff(m, P.s.d, p, k, j)) : m.sub(m.mul(pk, yj), m.mul(p[j] as Num, yk));
      g = m.add(g, t);
    }
    return g;
  });
}

/** Residuals over the common denominator: (E_k·(1 − y_k) − y_k·Σ_{j≠k} E_j) / S, sums direct (O(K²)). */
function altResiduals(m: RefMath, s: Shifted, y: Vec): { p: Num[]; q: Num[]; d: Num[] } {
  const R = s.E.map((_, k) => {
    let acc: Num = m.zero;
    for (let j = s.E.length - 1; j >= 0; j--) if (j !== k) acc = m.add(acc, s.E[j] as Num);
    return acc;
  });
  const d = s.E.map((ek, k) => {
    const yk = y[k] as Decimal;
    return m.div(m.sub(m.mul(ek, new Exact(1).minus(yk)), m.mul(R[k] as Num, yk)), s.S);
  });
  return { p: s.E.map((e) => m.div(e, s.S)), q: R.map((x) => m.div(x, s.S)), d };
}

export const entries: readonly CatalogueEntry[] = [
  defineEntry({
    id: 'logSumExp',
    family: 'softmax',
    args: [{ name: 'z', kind: 'realVec' }],
    result: 'scalar',
    minLength: 1,
    definition: 'log Σ_k e^{z_k}',
    edges: [
      { args: [[-INF, -INF]], value: -INF, note: 'all logits −∞: log 0 = −∞' },
      { args: [[INF, 0]], value: INF, note: 'a +∞ logit dominates' },
      { args: [[INF, -INF]], value: INF, note: 'a +∞ logit dominates a −∞ one' },
      { args: [[INF, INF]], value: INF, note: 'log(e^a + e^b) → +∞ on every path' },
      { args: [[-INF, 0]], value: 0, note: 'a −∞ logit adds e^−∞ = 0: log(0 + 1)' },
      { args: [[5]], value: 5, note: 'K = 1: log e^z = z' },
      { args: [[NAN, 0]], value: NAN, note: 'NaN in a component' },
    ],
    // m + log1p(r), as RefMath.logSumExp, with the exp arguments rounded (expArg) for speed.
    reference: (m: RefMath, z: Vec) => {
      const P = prepare(m, z);
      if (P.kind === 'limit') return m.logSumExp(z);
      const t = tail(m, P.s);
      return isTiny(t) ? (P.s.mx.isZero() ? t : at(m, P.s.mx)) : m.D.add(P.s.mx, t);
    },
    // m + ln(1 + r) with r summed in ascending order and ln in a widened context (altTail).
    alternate: (m: RefMath, z: Vec) => {
      const P = prepare(m, z);
      if (P.kind === 'limit') return m.logSumExp(z);
      const t = altTail(m, P.s);
      return isTiny(t) ? (P.s.mx.isZero() ? t : P.s.mx) : m.D.add(P.s.mx, t);
    },
    float64: f64.logSumExp,
    float32: f32.logSumExp,
    naive: naive.logSumExp,
  }),
  defineEntry({
    id: 'softmax',
    family: 'softmax',
    args: [{ name: 'z', kind: 'realVec' }],
    result: 'vector',
    minLength: 1,
    definition: 'e^{z_k} / Σ_j e^{z_j}',
    edges: [
      { args: [[INF, INF]], value: [NAN, NAN], note: 'two +∞ logits: their shares have no limit' },
      { args: [[INF, INF, 0]], value: [NAN, NAN, 0], note: 'the finite component → 0 on every path' },
      { args: [[INF, 0]], value: [1, 0], note: 'one +∞ logit takes all mass' },
      { args: [[-INF, 0]], value: [0, 1], note: 'a −∞ logit gets probability 0' },
      { args: [[-INF, -INF]], value: [NAN, NAN], note: 'all −∞ (K ≥ 2): the limit depends on the path' },
      { args: [[-INF]], value: [1], note: 'K = 1: softmax is the constant 1' },
      { args: [[0, 0]], value: [0.5, 0.5], note: 'equal logits: uniform, exactly' },
      { args: [[NAN, 0]], value: [NAN, NAN], note: 'NaN in a component: every component NaN' },
    ],
    reference: softmaxRef,
    alternate: altSoftmax,
    float64: f64.softmax,
    float32: f32.softmax,
    naive: naive.softmax,
  }),
  defineEntry({
    id: 'logSoftmax',
    family: 'softmax',
    args: [{ name: 'z', kind: 'realVec' }],
    result: 'vector',
    minLength: 1,
    definition: 'z_k − logSumExp(z)',
    edges: [
      { args: [[-INF, 0]], value: [-INF, 0], note: 'a −∞ logit: log 0 = −∞; the other gets log 1' },
      { args: [[INF, 0]], value: [0, -INF], note: 'one +∞ logit: log 1 and log 0' },
      {
        args: [[INF, INF, 0]],
        value: [NAN, NAN, -INF],
        note: 'two +∞ logits: no limit for theirs; the finite one → −∞',
      },
      { args: [[0, 0]], value: [-Math.LN2, -Math.LN2], note: '−log 2, correctly rounded (Math.LN2 = fl(ln 2))' },
      { args: [[NAN, 1]], value: [NAN, NAN], note: 'NaN in a component' },
    ],
    reference: logSoftmaxRef,
    // (z_k − m) − ln(1 + r) through altTail.
    alternate: (m: RefMath, z: Vec) => {
      const P = prepare(m, z);
      if (P.kind === 'limit') return P.logP;
      const t = altTail(m, P.s);
      return P.s.d.map((dk) => (dk.isZero() ? m.neg(t) : isTiny(t) ? at(m, dk) : m.D.sub(dk, t)));
    },
    float64: f64.logSoftmax,
    float32: f32.logSoftmax,
    naive: naive.logSoftmax,
  }),
  defineEntry({
    id: 'softmaxCrossEntropy',
    family: 'softmax',
    args: [
      { name: 'z', kind: 'realVec' },
      { name: 'y', kind: 'targetVec' },
    ],
    result: 'scalar',
    minLength: 1,
    definition: 'Σ_k y_k·(logSumExp(z) − z_k); a term with y_k = 0 is 0',
    edges: [
      {
        args: [
          [-INF, 0],
          [0, 1],
        ],
        value: 0,
        note: 'the −∞ logit has weight 0; the weighted one takes all mass',
      },
      {
        args: [
          [-INF, 0],
          [1, 0],
        ],
        value: INF,
        note: '−log 0: the weighted logit is −∞',
      },
      {
        args: [
          [INF, 0],
          [1, 0],
        ],
        value: 0,
        note: 'the weighted logit is the single +∞: −log 1',
      },
      {
        args: [
          [INF, 0],
          [0, 1],
        ],
        value: INF,
        note: 'a +∞ logit on a class of weight 0: −log 0',
      },
      {
        args: [
          [INF, INF, 0],
          [0, 0, 1],
        ],
        value: INF,
        note: 'LSE − z_3 → +∞ on every path',
      },
      {
        args: [
          [INF, INF],
          [1, 0],
        ],
        value: NAN,
        note: '−log p_1 depends on the path',
      },
      {
        args: [
          [0, 0],
          [1, 0],
        ],
        value: Math.LN2,
        note: 'log 2, correctly rounded',
      },
      {
        args: [
          [NAN, 0],
          [0, 1],
        ],
        value: NAN,
        note: 'NaN in z, even under y_k = 0',
      },
    ],
    reference: crossEntropyRef,
    // Grouped differently: (Σ_k y_k)·log Σ e^{d_j} + Σ_k y_k·(m − z_k), both sums ≥ 0.
    alternate: (m: RefMath, z: Vec, y: Vec) => {
      const P = prepare(m, z);
      if (P.kind === 'limit' || y.some((v) => v.isNaN())) return crossEntropyRef(m, z, y);
      const sy = y.reduce((a, b) => a.plus(b), new Exact(0));
      let gaps: Num = m.zero;
      for (let k = 0; k < z.length; k++) gaps = m.add(gaps, m.mulZ(y[k] as Decimal, (P.s.d[k] as Decimal).neg()));
      return m.add(m.mulZ(sy, altTail(m, P.s)), at(m, gaps));
    },
    float64: f64.softmaxCrossEntropy,
    float32: f32.softmaxCrossEntropy,
    naive: naive.softmaxCrossEntropy,
  }),
  defineEntry({
    id: 'softmaxCrossEntropyGrad',
    family: 'softmax',
    args: [
      { name: 'z', kind: 'realVec' },
      { name: 'y', kind: 'targetVec' },
    ],
    result: 'vector',
    minLength: 1,
    definition: '(Σ_j y_j)·softmax(z) − y',
    edges: [
      {
        args: [
          [-INF, 0],
          [0, 1],
        ],
        value: [0, 0],
        note: 'p = (0, 1) = y',
      },
      {
        args: [
          [INF, 0],
          [0, 1],
        ],
        value: [1, -1],
        note: 'p = (1, 0)',
      },
      {
        args: [
          [INF, INF, 0],
          [0, 0, 1],
        ],
        value: [NAN, NAN, -1],
        note: 'two +∞ logits: p_1, p_2 have no limit; p_3 → 0',
      },
      {
        args: [
          [0, 0],
          [1, 0],
        ],
        value: [-0.5, 0.5],
        note: 'p = (½, ½)',
      },
      {
        args: [
          [NAN, 0],
          [0, 0],
        ],
        value: [NAN, NAN],
        note: 'NaN in z',
      },
    ],
    reference: crossEntropyGradRef,
    alternate: altCrossEntropyGrad,
    float64: f64.softmaxCrossEntropyGrad,
    float32: f32.softmaxCrossEntropyGrad,
    naive: naive.softmaxCrossEntropyGrad,
  }),
  defineEntry({
    id: 'softmaxSquaredError',
    family: 'softmax',
    args: [
      { name: 'z', kind: 'realVec' },
      { name: 'y', kind: 'targetVec' },
    ],
    result: 'scalar',
    minLength: 1,
    definition: 'Σ_k (softmax(z)_k − y_k)²',
    edges: [
      {
        args: [
          [INF, 0],
          [1, 0],
        ],
        value: 0,
        note: 'p = (1, 0) = y',
      },
      {
        args: [
          [INF, 0],
          [0, 1],
        ],
        value: 2,
        note: 'p = (1, 0) against y = (0, 1): 1 + 1',
      },
      {
        args: [
          [INF, INF],
          [1, 0],
        ],
        value: NAN,
        note: '(t − 1)² + (1 − t)² depends on the path t',
      },
      {
        args: [
          [0, 0],
          [1, 0],
        ],
        value: 0.5,
        note: '(½ − 1)² + ½²',
      },
      {
        args: [
          [NAN, 0],
          [1, 0],
        ],
        value: NAN,
        note: 'NaN in z',
      },
    ],
    reference: squaredErrorRef,
    // Residuals over the common denominator S, with direct exclusive sums (altResiduals).
    alternate: (m: RefMath, z: Vec, y: Vec) => {
      const P = prepare(m, z);
      if (P.kind === 'limit' || y.some((v) => v.isNaN())) return squaredErrorRef(m, z, y);
      let sum: Num = m.zero;
      for (const dk of altResiduals(m, P.s, y).d) sum = m.add(sum, m.sqr(dk));
      return sum;
    },
    float64: f64.softmaxSquaredError,
    float32: f32.softmaxSquaredError,
    naive: naive.softmaxSquaredError,
  }),
  defineEntry({
    id: 'softmaxSquaredErrorGrad',
    family: 'softmax',
    args: [
      { name: 'z', kind: 'realVec' },
      { name: 'y', kind: 'targetVec' },
    ],
    result: 'vector',
    minLength: 1,
    definition: '2·J(p)·(p − y), p = softmax(z), J = diag(p) − p·pᵀ',
    edges: [
      {
        args: [
          [INF, 0],
          [0, 1],
        ],
        value: [0, 0],
        note: 'J(e_1) = 0',
      },
      {
        args: [
          [INF, INF, 0],
          [0, 0, 1],
        ],
        value: [NAN, NAN, 0],
        note: 'two +∞ logits: no limit for theirs; 2p_3·(bounded) → 0',
      },
      {
        args: [
          [0, 0],
          [1, 0],
        ],
        value: [-0.5, 0.5],
        note: 'd = p − y = (−½, ½), Σ p·d = 0',
      },
      {
        args: [
          [-INF, -INF],
          [1, 0],
        ],
        value: [NAN, NAN],
        note: 'all −∞: p has no limit',
      },
      {
        args: [
          [NAN, 0],
          [0, 1],
        ],
        value: [NAN, NAN],
        note: 'NaN in z',
      },
    ],
    reference: squaredErrorGradRef,
    // Pairwise, O(K²): g_i = 2p_i·Σ_{j≠i} p_j·(d_i − d_j), with d_i − d_j per pair (c = y_i − y_j):
    // (1 − |c|)·(p_i − p_j) − c·(q_i + p_j) for c ≥ 0, (1 − |c|)·(p_i − p_j) + |c|·(p_i + q_j) for c < 0,
    // p_i − p_j through altPairDiff and q = 1 − p from direct exclusive sums (altResiduals). (The explicit Jacobian
    // p_i·q_i·d_i − Σ_{j≠i} p_i·p_j·d_j cancels as the old reference did, to 0 at tied logits next to
    // e^−700 components.)
    alternate: (m: RefMath, z: Vec, y: Vec) => {
      const P = prepare(m, z);
      if (P.kind === 'limit' || y.some((v) => v.isNaN())) return squaredErrorGradRef(m, z, y);
      const { p, q } = altResiduals(m, P.s, y);
      return p.map((pi, i) => {
        let h: Num = m.zero;
        for (let j = 0; j < p.length; j++) {
          if (j === i) continue;
          const c = new Exact(y[i] as Decimal).minus(y[j] as Decimal);
          const keep = new Exact(1).minus(c.abs());
          let dd: Num = keep.isZero() ? m.zero : m.mul(keep, altPairDiff(m, P.s.d, p, i, j));
          if (c.isPos()) dd = m.sub(dd, m.mul(c, m.add(q[i] as Num, p[j] as Num)));
          else if (c.isNeg()) dd = m.add(dd, m.mul(c.neg(), m.add(pi, q[j] as Num)));
          h = m.add(h, m.mul(p[j] as Num, dd));
        }
        return m.mul(m.mul(m.n(2), pi), h);
      });
    },
    float64: f64.softmaxSquaredErrorGrad,
    float32: f32.softmaxSquaredErrorGrad,
    naive: naive.softmaxSquaredErrorGrad,
  }),
];
