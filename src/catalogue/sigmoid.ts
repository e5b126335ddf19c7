/**
 * Catalogue entries of the sigmoid family: binary outputs through σ (docs/catalogue.md).
 *
 * References are written with RefMath so that they are Tiny-safe and free of cancellation where the
 * mathematics allows: σ(−z) rather than 1 − σ(z), log1p rather than ln(1 + x), and for σ(z) − y with
 * a hard label the cancellation-free −σ(−z). Where a result cancels by nature (σ(z) − y, p − y for a
 * soft y) the differences of doubles are formed exactly in the `Exact` context, or the adaptive loop
 * raises the precision until the answer is stable.
 */
import * as f32 from '../kernels/float32/sigmoid.ts';
import * as f64 from '../kernels/float64/sigmoid.ts';
import * as naive from '../kernels/naive/sigmoid.ts';
import { type Decimal, Exact } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import type { Num } from '../reference/tiny.ts';
import { type CatalogueEntry, defineEntry } from './types.ts';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** 1 − y, exact (y is a double: the difference has at most ~1100 digits, well inside Exact). */
const oneMinus = (y: Decimal): Decimal => new Exact(1).minus(y);

/** σ(z) − y without cancellation for hard labels (−σ(−z) at y = 1); soft labels cancel by nature. */
function sigmoidMinus(m: RefMath, z: Decimal, y: Decimal): Num {
  if (y.eq(1)) return m.neg(m.sigmoid(z.neg()));
  if (y.isZero()) return m.sigmoid(z);
  // Near 0, σ(z) = ½ + ½·tanh(z/2): σ(z) itself rounds to ½ at the working precision when |z| is
  // below 10^−precision (σ(−1e−300) − ½ would need 300 digits, and the adaptive loop would accept
  // the 0 it gets at every precision), while tanh(z/2) keeps its relative accuracy.
  if (z.abs().lt(1)) return m.add(new Exact(0.5).minus(y), m.D.tanh(z.div(2)).div(2));
  // For z > 0, σ(z) = 1 − σ(−z): (1 − y) − σ(−z) keeps σ(−z)'s Tiny tail when z is huge.
  return z.gt(0) ? m.sub(oneMinus(y), m.sigmoid(z.neg())) : m.sub(m.sigmoid(z), y);
}

/**
 * The alternates' σ(z) − y: (1 − y)·σ(z) − y·σ(−z) (σ(z) + σ(−z) = 1), and near 0
 * (½ − y) + expm1(z)/(2(e^z + 1)), since σ(z) − ½ = (e^z − 1)/(2(e^z + 1)) and expm1 keeps tiny z.
 */
function sigmoidMinusAlt(m: RefMath, z: Decimal, y: Decimal): Num {
  if (z.abs().lt(1)) {
    const half = m.div(m.expm1(z), m.mul(m.n(2), m.D.exp(z).plus(1)));
    return m.add(new Exact(0.5).minus(y), half);
  }
  return m.sub(m.mulZ(oneMinus(y), m.sigmoid(z)), m.mulZ(y, m.sigmoid(z.neg())));
}

/** e^−|z|/(1 + e^−|z|)²: σ(z)σ(−z) written through one exponential (the alternate's form). */
function sigmoidGradExp(m: RefMath, z: Decimal): Num {
  const e = m.exp(z.abs().neg());
  const d = m.add(m.one, e);
  return m.div(e, m.mul(d, d));
}

export const entries: readonly CatalogueEntry[] = [
  defineEntry({
    id: 'sigmoid',
    float64Budget: 2,
    family: 'sigmoid',
    args: [{ name: 'z', kind: 'real' }],
    result: 'scalar',
    definition: 'σ(z) = 1/(1 + e^−z)',
    edges: [
      { args: [NAN], value: NAN, note: 'NaN in, NaN out' },
      { args: [INF], value: 1, note: 'σ(+∞) = 1' },
      { args: [-INF], value: 0, note: 'σ(−∞) = 0' },
      { args: [0], value: 0.5, note: 'σ(0) = ½ exactly' },
    ],
    reference: (m: RefMath, z: Decimal) => m.sigmoid(z),
    // Independently: σ(z) = ½ + ½·tanh(z/2) near 0, and σ(z) = exp(z − softplus(z)) elsewhere
    // (z − softplus(z) = −softplus(−z) = log σ(z)), through softplus and exp instead of a division.
    alternate: (m: RefMath, z: Decimal) => {
      if (z.isNaN()) return z;
      if (z.abs().lt(1)) return m.D.tanh(z.div(2)).div(2).plus(0.5);
      return m.exp(m.neg(m.softplus(z.neg())) as Decimal);
    },
    float64: f64.sigmoid,
    float32: f32.sigmoid,
    naive: naive.sigmoid,
  }),
  defineEntry({
    id: 'logSigmoid',
    float64Budget: 2,
    family: 'sigmoid',
    args: [{ name: 'z', kind: 'real' }],
    result: 'scalar',
    definition: 'log σ(z) = −softplus(−z)',
    edges: [
      { args: [NAN], value: NAN, note: 'NaN' },
      { args: [INF], value: 0, note: 'log σ(+∞) = log 1' },
      { args: [-INF], value: -INF, note: 'log σ(−∞) = log 0' },
    ],
    reference: (m: RefMath, z: Decimal) => m.neg(m.softplus(z.neg())),
    // ln σ(z) directly where σ(z) ≤ ½ (no cancellation; a Tiny σ has its log at hand), and
    // −log1p(e^−z) for z > 0, where ln of σ(z) ≈ 1 would cancel.
    alternate: (m: RefMath, z: Decimal) => {
      if (z.isNaN()) return z;
      if (z.lte(0)) return m.ln(m.sigmoid(z));
      return m.neg(m.log1p(m.exp(z.neg())));
    },
    float64: f64.logSigmoid,
    float32: f32.logSigmoid,
    naive: naive.logSigmoid,
  }),
  defineEntry({
    id: 'softplus',
    float64Budget: 2,
    family: 'sigmoid',
    args: [{ name: 'z', kind: 'real' }],
    result: 'scalar',
    definition: 'softplus(z) = log(1 + e^z)',
    edges: [
      { args: [NAN], value: NAN, note: 'NaN' },
      { args: [INF], value: INF, note: 'softplus(+∞) = +∞' },
      { args: [-INF], value: 0, note: 'softplus(−∞) = 0' },
    ],
    reference: (m: RefMath, z: Decimal) => m.softplus(z),
    // log(e^0 + e^z) through the log-sum-exp building block (arg-max kept out of the sum).
    alternate: (m: RefMath, z: Decimal) => {
      if (z.isNaN()) return z;
      return m.logSumExp([m.zero, z]);
    },
    float64: f64.softplus,
    float32: f32.softplus,
    naive: naive.softplus,
  }),
  defineEntry({
    id: 'logit',
    float64Budget: 2,
    family: 'sigmoid',
    args: [{ name: 'p', kind: 'prob' }],
    result: 'scalar',
    definition: 'logit(p) = log(p/(1 − p))',
    edges: [
      { args: [NAN], value: NAN, note: 'NaN' },
      { args: [0], value: -INF, note: 'logit(0) = −∞, never a clamp' },
      { args: [1], value: INF, note: 'logit(1) = +∞, never a clamp' },
      { args: [0.5], value: 0, note: 'logit(½) = 0 exactly' },
    ],
    // log1p((2p − 1)/(1 − p)) on [¼, ¾], where the result is near 0 and ln of a ratio near 1 would
    // cancel; ln(p/(1 − p)) elsewhere, where log1p of a ratio near −1 would cancel. 1 − p and
    // 2p − 1 are exact (Exact context); only the quotient and the log round.
    reference: (m: RefMath, p: Decimal) => {
      if (p.isNaN()) return p;
      if (p.isZero()) return m.n(-INF);
      if (p.eq(1)) return m.n(INF);
      const q = oneMinus(p);
      if (p.gte(0.25) && p.lte(0.75)) return m.log1p(new m.D(p.times(2).minus(1)).div(q));
      return m.D.ln(new m.D(p).div(q));
    },
    // ln p − log1p(−p): a difference that cancels near p = ½, resolved by the adaptive loop.
    alternate: (m: RefMath, p: Decimal) => {
      if (p.isNaN()) return p;
      return m.sub(m.D.ln(p), m.log1p(p.neg()));
    },
    float64: f64.logit,
    float32: f32.logit,
    naive: naive.logit,
  }),
  defineEntry({
    id: 'sigmoidGrad',
    float64Budget: 2,
    family: 'sigmoid',
    args: [{ name: 'z', kind: 'real' }],
    result: 'scalar',
    definition: 'σ′(z) = σ(z)·σ(−z)',
    edges: [
      { args: [NAN], value: NAN, note: 'NaN' },
      { args: [INF], value: 0, note: 'σ′(+∞) = 0' },
      { args: [-INF], value: 0, note: 'σ′(−∞) = 0' },
      { args: [0], value: 0.25, note: 'σ′(0) = ¼ exactly' },
    ],
    reference: (m: RefMath, z: Decimal) => {
      if (z.isNaN()) return z;
      return m.mul(m.sigmoid(z), m.sigmoid(z.neg()));
    },
    alternate: (m: RefMath, z: Decimal) => {
      if (z.isNaN()) return z;
      return sigmoidGradExp(m, z);
    },
    float64: f64.sigmoidGrad,
    float32: f32.sigmoidGrad,
    naive: naive.sigmoidGrad,
  }),
  defineEntry({
    id: 'bce',
    float64Budget: 2,
    family: 'sigmoid',
    args: [
      { name: 'p', kind: 'prob' },
      { name: 'y', kind: 'target' },
    ],
    result: 'scalar',
    definition: 'bce(p, y) = −y·log p − (1 − y)·log(1 − p), with 0·log 0 = 0',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN p' },
      { args: [0.5, NAN], value: NAN, note: 'NaN y' },
      { args: [0, 1], value: INF, note: '−log 0 = +∞, never a clamp' },
      { args: [1, 0], value: INF, note: 'bce(1, 0) = +∞' },
      { args: [0, 0], value: 0, note: '0·log 0 = 0' },
      { args: [1, 1], value: 0, note: '0·log 0 = 0' },
      { args: [0, 0.5], value: INF, note: 'a soft label weights the infinite log' },
      { args: [1, 0.25], value: INF, note: 'a soft label weights the infinite log' },
    ],
    // Both terms are ≥ 0 (no cancellation); mulZ makes a term with a zero weight 0 even where its
    // log is infinite; log1p(−p) keeps −log(1 − p) ≈ p for tiny p.
    reference: (m: RefMath, p: Decimal, y: Decimal) => {
      if (p.isNaN() || y.isNaN()) return m.n(NAN);
      const a = m.mulZ(y, m.neg(m.D.ln(p)));
      const b = m.mulZ(oneMinus(y), m.neg(m.log1p(p.neg())));
      return m.add(a, b);
    },
    // The same terms through ln(1 − p) with 1 − p formed exactly, and each weight applied after the
    // logs are summed as y·ln(p/(1 − p)) + ln(1 − p) where both are finite.
    alternate: (m: RefMath, p: Decimal, y: Decimal) => {
      if (p.isNaN() || y.isNaN()) return m.n(NAN);
      const lnP = m.D.ln(p);
      const lnQ = m.D.ln(oneMinus(p));
      if (!lnP.isFinite() || !lnQ.isFinite()) {
        // p ∈ {0, 1}: the term with the infinite log counts only if its weight is nonzero.
        const infinite = (p.isZero() && !y.isZero()) || (p.eq(1) && !y.eq(1));
        return m.n(infinite ? INF : 0);
      }
      return lnP.minus(lnQ).times(y).plus(lnQ).neg();
    },
    float64: f64.bce,
    float32: f32.bce,
    naive: naive.bce,
  }),
  defineEntry({
    id: 'bceGrad',
    float64Budget: 4,
    family: 'sigmoid',
    args: [
      { name: 'p', kind: 'prob' },
      { name: 'y', kind: 'target' },
    ],
    result: 'scalar',
    definition: '∂bce/∂p = (p − y)/(p(1 − p))',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN p' },
      { args: [0.5, NAN], value: NAN, note: 'NaN y' },
      { args: [0, 1], value: -INF, note: '−1/p at p = 0' },
      { args: [1, 0], value: INF, note: '1/(1 − p) at p = 1' },
      { args: [1, 1], value: -1, note: 'limit of (p − 1)/(p(1 − p)) = −1/p at p = 1' },
      { args: [0, 0], value: 1, note: 'limit of p/(p(1 − p)) = 1/(1 − p) at p = 0' },
      { args: [0, 0.5], value: -INF, note: '−y/0' },
      { args: [1, 0.5], value: INF, note: '(1 − y)/0' },
      { args: [0.5, 0.5], value: 0, note: 'p = y' },
    ],
    // Hard labels simplify exactly (−1/p, 1/(1 − p)), which gives the limits −1 at (1, 1) and 1 at
    // (0, 0) where the quotient is 0/0. For soft labels p − y and p(1 − p) are exact in the Exact
    // context, so the cancellation costs nothing; only the quotient rounds.
    reference: (m: RefMath, p: Decimal, y: Decimal) => {
      if (p.isNaN() || y.isNaN()) return m.n(NAN);
      if (y.eq(1)) return m.one.div(p).neg();
      if (y.isZero()) return m.one.div(oneMinus(p));
      return new m.D(p.minus(y)).div(p.times(oneMinus(p)));
    },
    // The derivative term by term: −y/p + (1 − y)/(1 − p) (a term with a zero weight is 0).
    alternate: (m: RefMath, p: Decimal, y: Decimal) => {
      if (p.isNaN() || y.isNaN()) return m.n(NAN);
      const a = y.isZero() ? m.zero : new m.D(y).div(p).neg();
      const b = y.eq(1) ? m.zero : new m.D(oneMinus(y)).div(oneMinus(p));
      return a.plus(b);
    },
    float64: f64.bceGrad,
    float32: f32.bceGrad,
    naive: naive.bceGrad,
  }),
  defineEntry({
    id: 'bceWithLogits',
    float64Budget: 2,
    family: 'sigmoid',
    args: [
      { name: 'z', kind: 'real' },
      { name: 'y', kind: 'target' },
    ],
    result: 'scalar',
    definition: 'bce(σ(z), y) = softplus(z) − y·z',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN z' },
      { args: [0, NAN], value: NAN, note: 'NaN y' },
      { args: [INF, 1], value: 0, note: 'softplus(−∞) = 0: a confident right logit costs nothing' },
      { args: [INF, 0], value: INF, note: 'softplus(+∞) = +∞: a confident wrong logit' },
      { args: [-INF, 0], value: 0, note: 'mirror of (+∞, 1)' },
      { args: [-INF, 1], value: INF, note: 'mirror of (+∞, 0)' },
      { args: [INF, 0.5], value: INF, note: 'a soft label keeps the diverging term' },
    ],
    // (1 − y)·softplus(z) + y·softplus(−z): two terms ≥ 0, so no cancellation (softplus(z) − y·z
    // cancels at y = 1 for large z); mulZ drops a zero-weight term even where softplus is ∞.
    reference: (m: RefMath, z: Decimal, y: Decimal) => {
      if (z.isNaN() || y.isNaN()) return m.n(NAN);
      return m.add(m.mulZ(oneMinus(y), m.softplus(z)), m.mulZ(y, m.softplus(z.neg())));
    },
    // −y·log σ(z) − (1 − y)·log σ(−z) with log σ(x) = −log Σ(e^0, e^−x) through log-sum-exp.
    alternate: (m: RefMath, z: Decimal, y: Decimal) => {
      if (z.isNaN() || y.isNaN()) return m.n(NAN);
      const negLogSig = (x: Decimal): Num => m.logSumExp([m.zero, x.neg()]);
      return m.add(m.mulZ(y, negLogSig(z)), m.mulZ(oneMinus(y), negLogSig(z.neg())));
    },
    float64: f64.bceWithLogits,
    float32: f32.bceWithLogits,
    naive: naive.bceWithLogits,
  }),
  defineEntry({
    id: 'bceWithLogitsGrad',
    float64Budget: 4,
    family: 'sigmoid',
    args: [
      { name: 'z', kind: 'real' },
      { name: 'y', kind: 'target' },
    ],
    result: 'scalar',
    definition: '∂bceWithLogits/∂z = σ(z) − y',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN z' },
      { args: [0, NAN], value: NAN, note: 'NaN y' },
      { args: [INF, 1], value: 0, note: 'σ(+∞) − 1' },
      { args: [-INF, 1], value: -1, note: 'σ(−∞) − 1' },
      { args: [INF, 0], value: 1, note: 'σ(+∞)' },
      { args: [-INF, 0], value: 0, note: 'σ(−∞)' },
      { args: [INF, 0.25], value: 0.75, note: '1 − y' },
      { args: [-INF, 0.25], value: -0.25, note: '−y' },
      { args: [0, 0.5], value: 0, note: 'σ(0) = ½ = y' },
    ],
    reference: (m: RefMath, z: Decimal, y: Decimal) => {
      if (z.isNaN() || y.isNaN()) return m.n(NAN);
      return sigmoidMinus(m, z, y);
    },
    alternate: (m: RefMath, z: Decimal, y: Decimal) => {
      if (z.isNaN() || y.isNaN()) return m.n(NAN);
      return sigmoidMinusAlt(m, z, y);
    },
    float64: f64.bceWithLogitsGrad,
    float32: f32.bceWithLogitsGrad,
    naive: naive.bceWithLogitsGrad,
  }),
  defineEntry({
    id: 'sigmoidSquaredError',
    float64Budget: 4,
    family: 'sigmoid',
    args: [
      { name: 'z', kind: 'real' },
      { name: 'y', kind: 'target' },
    ],
    result: 'scalar',
    definition: '(σ(z) − y)²',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN z' },
      { args: [0, NAN], value: NAN, note: 'NaN y' },
      { args: [INF, 1], value: 0, note: '(1 − 1)²' },
      { args: [-INF, 1], value: 1, note: '(0 − 1)²' },
      { args: [INF, 0.25], value: 0.5625, note: '(1 − ¼)²' },
      { args: [0, 0.5], value: 0, note: '(½ − ½)²' },
    ],
    reference: (m: RefMath, z: Decimal, y: Decimal) => {
      if (z.isNaN() || y.isNaN()) return m.n(NAN);
      return m.sqr(sigmoidMinus(m, z, y));
    },
    alternate: (m: RefMath, z: Decimal, y: Decimal) => {
      if (z.isNaN() || y.isNaN()) return m.n(NAN);
      return m.sqr(sigmoidMinusAlt(m, z, y));
    },
    float64: f64.sigmoidSquaredError,
    float32: f32.sigmoidSquaredError,
    naive: naive.sigmoidSquaredError,
  }),
  defineEntry({
    id: 'sigmoidSquaredErrorGrad',
    float64Budget: 4,
    family: 'sigmoid',
    args: [
      { name: 'z', kind: 'real' },
      { name: 'y', kind: 'target' },
    ],
    result: 'scalar',
    definition: '∂/∂z (σ(z) − y)² = 2(σ(z) − y)·σ(z)·σ(−z)',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN z' },
      { args: [0, NAN], value: NAN, note: 'NaN y' },
      { args: [INF, 1], value: 0, note: 'σ′(+∞) = 0' },
      { args: [-INF, 1], value: 0, note: 'σ′(−∞) = 0' },
      { args: [INF, 0.25], value: 0, note: 'σ′(+∞) = 0 with a soft label' },
      { args: [0, 1], value: -0.25, note: '2(½ − 1)·¼' },
    ],
    reference: (m: RefMath, z: Decimal, y: Decimal) => {
      if (z.isNaN() || y.isNaN()) return m.n(NAN);
      const g = m.mul(m.sigmoid(z), m.sigmoid(z.neg()));
      return m.mul(m.mul(m.n(2), sigmoidMinus(m, z, y)), g);
    },
    alternate: (m: RefMath, z: Decimal, y: Decimal) => {
      if (z.isNaN() || y.isNaN()) return m.n(NAN);
      const diff = sigmoidMinusAlt(m, z, y);
      return m.mul(m.mul(m.n(2), diff), sigmoidGradExp(m, z));
    },
    float64: f64.sigmoidSquaredErrorGrad,
    float32: f32.sigmoidSquaredErrorGrad,
    naive: naive.sigmoidSquaredErrorGrad,
  }),
];
