/**
 * Catalogue entries of the likelihood family: negative log-likelihoods of the Gaussian (with its
 * gradient in the mean), Bernoulli and categorical models (docs/catalogue.md).
 *
 * As in the regression family, the Gaussian's observation y is a real number (kind `real`).
 * bernoulliNll is defined for a hard label only (−log p if y = 1, −log(1 − p) if y = 0): its y is
 * of kind `label`, a soft y is outside the definition (the reference gives NaN, the validated entry
 * points reject it); `bce` is the function of a soft target.
 */
import * as f32 from '../kernels/float32/likelihood.ts';
import * as f64 from '../kernels/float64/likelihood.ts';
import * as naive from '../kernels/naive/likelihood.ts';
import { type Decimal, Exact } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import type { Num } from '../reference/tiny.ts';
import { type CatalogueEntry, defineEntry } from './types.ts';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** NaN when any argument is NaN or ∞ − ∞ occurs in y − mu; +∞ for the other infinite cases. */
function gaussianSpecial(m: RefMath, mu: Decimal, y: Decimal, v: Decimal): Decimal | undefined {
  if (mu.isNaN() || y.isNaN() || v.isNaN()) return new m.D(Number.NaN);
  if (mu.isFinite() && y.isFinite() && v.isFinite()) return undefined;
  // (y − mu)²/(2v) ≥ 0 and ½·log(2πv) → +∞ as v → ∞; |y − mu| → ∞ drives the quadratic to +∞.
  return new Exact(y).minus(mu).isNaN() ? new m.D(Number.NaN) : new m.D(Number.POSITIVE_INFINITY);
}

/** 2π at m's precision (decimal.js's acos(−1), correctly rounded). */
const twoPi = (m: RefMath): Decimal => m.D.acos(-1).times(2);

export const entries: readonly CatalogueEntry[] = [
  defineEntry({
    id: 'gaussianNll',
    family: 'likelihood',
    args: [
      { name: 'mu', kind: 'real' },
      { name: 'y', kind: 'real' },
      { name: 'v', kind: 'variance' },
    ],
    result: 'scalar',
    definition: '½·log(2π·v) + (y − mu)²/(2v)',
    edges: [
      { args: [NAN, 0, 1], value: NAN, note: 'NaN mu' },
      { args: [0, 0, NAN], value: NAN, note: 'NaN v' },
      { args: [INF, 0, 1], value: INF, note: 'mu = +∞' },
      { args: [0, -INF, 1], value: INF, note: 'y = −∞' },
      { args: [INF, INF, 1], value: NAN, note: 'y − mu = ∞ − ∞' },
      { args: [0, 1, INF], value: INF, note: 'v = +∞: ½·log(2πv) → ∞' },
      { args: [-Number.MAX_VALUE, Number.MAX_VALUE, 5e-324], value: INF, note: 'the quadratic overflows' },
    ],
    // The sum cancels for v < 1/(2π); the adaptive loop raises the precision until it is stable
    // (y − mu is exact, so the only errors are those of the working precision).
    reference: (m: RefMath, mu: Decimal, y: Decimal, v: Decimal) => {
      const special = gaussianSpecial(m, mu, y, v);
      if (special) return special;
      const d = new m.D(new Exact(y).minus(mu));
      const half = m.D.ln(twoPi(m).times(v)).div(2);
      return half.plus(d.times(d).div(new m.D(v).times(2)));
    },
    // Independently: −log of the density exp(−(y − mu)²/(2v))/√(2πv), through exp (a Tiny when the
    // quadratic is huge) and a Num-aware division and log.
    alternate: (m: RefMath, mu: Decimal, y: Decimal, v: Decimal) => {
      const special = gaussianSpecial(m, mu, y, v);
      if (special) return special;
      const d = new m.D(new Exact(y).minus(mu));
      const q = d.times(d).div(new m.D(v).times(2));
      const density = m.div(m.exp(q.neg()), twoPi(m).times(v).sqrt());
      return m.ln(density).neg();
    },
    float64: f64.gaussianNll,
    float32: f32.gaussianNll,
    naive: naive.gaussianNll,
  }),
  defineEntry({
    id: 'gaussianNllGradMu',
    float64Budget: 2,
    family: 'likelihood',
    args: [
      { name: 'mu', kind: 'real' },
      { name: 'y', kind: 'real' },
      { name: 'v', kind: 'variance' },
    ],
    result: 'scalar',
    definition: '∂gaussianNll/∂mu = (mu − y)/v',
    edges: [
      { args: [NAN, 0, 1], value: NAN, note: 'NaN' },
      { args: [INF, 0, 1], value: INF, note: 'mu = +∞' },
      { args: [INF, INF, 1], value: NAN, note: '∞ − ∞' },
      { args: [1, 0, INF], value: 0, note: 'v = +∞' },
      { args: [INF, 0, INF], value: NAN, note: '∞/∞' },
      { args: [3, 1, 2], value: 1, note: 'exact' },
    ],
    reference: (m: RefMath, mu: Decimal, y: Decimal, v: Decimal) => new m.D(new Exact(mu).minus(y)).div(v),
    // Independently: mu/v − y/v (cancels where mu ≈ y; the adaptive loop raises the precision).
    alternate: (m: RefMath, mu: Decimal, y: Decimal, v: Decimal) => {
      if (!mu.isFinite() || !y.isFinite() || !v.isFinite()) return new m.D(new Exact(mu).minus(y)).div(v);
      return new m.D(mu).div(v).minus(new m.D(y).div(v));
    },
    float64: f64.gaussianNllGradMu,
    float32: f32.gaussianNllGradMu,
    naive: naive.gaussianNllGradMu,
  }),
  defineEntry({
    id: 'bernoulliNll',
    float64Budget: 2,
    family: 'likelihood',
    args: [
      { name: 'p', kind: 'prob' },
      { name: 'y', kind: 'label' },
    ],
    result: 'scalar',
    definition: '−log p if y = 1; −log(1 − p) if y = 0',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN p' },
      { args: [0, 1], value: INF, note: 'p = 0, y = 1: +∞, never a clamp' },
      { args: [1, 0], value: INF, note: 'p = 1, y = 0: +∞' },
      { args: [0, 0], value: 0, note: 'p = 0, y = 0: 0' },
      { args: [1, 1], value: 0, note: 'p = 1, y = 1: 0' },
      { args: [0.5, 0.5], value: NAN, note: 'a soft y is outside the definition' },
    ],
    // −log1p(−p), never log(1 − p) at the working precision: p below 10^−precision survives.
    reference: (m: RefMath, p: Decimal, y: Decimal): Num => {
      if (p.isNaN() || y.isNaN()) return new m.D(Number.NaN);
      if (y.eq(1)) return m.ln(p).neg();
      if (y.isZero()) return m.neg(m.log1p(p.neg()));
      return new m.D(Number.NaN); // a soft y is outside the definition
    },
    // Independently: log(1/p) and log(1/(1 − p)) with 1 − p exact in the Exact context.
    alternate: (m: RefMath, p: Decimal, y: Decimal) => {
      if (p.isNaN() || y.isNaN()) return new m.D(Number.NaN);
      if (y.eq(1)) return m.D.ln(new m.D(1).div(p));
      if (y.isZero()) return m.D.ln(new m.D(1).div(new Exact(1).minus(p)));
      return new m.D(Number.NaN);
    },
    float64: f64.bernoulliNll,
    float32: f32.bernoulliNll,
    naive: naive.bernoulliNll,
  }),
  defineEntry({
    id: 'categoricalNll',
    family: 'likelihood',
    args: [
      { name: 'p', kind: 'probVec' },
      { name: 'k', kind: 'index' },
    ],
    result: 'scalar',
    definition: '−log p_k',
    edges: [
      { args: [[0.5, NAN], 0], value: NAN, note: 'NaN in a component other than p_k' },
      { args: [[0, 1], 0], value: INF, note: 'p_k = 0' },
      { args: [[0, 1], 1], value: 0, note: 'p_k = 1' },
    ],
    reference: (m: RefMath, p: Decimal[], k: number) => {
      if (p.some((v) => v.isNaN())) return new m.D(Number.NaN); // NaN in any argument: NaN (edge rule 1)
      return m.ln(p[k] as Decimal).neg();
    },
    // Independently: log(1/p_k).
    alternate: (m: RefMath, p: Decimal[], k: number) => {
      if (p.some((v) => v.isNaN())) return new m.D(Number.NaN);
      return m.D.ln(new m.D(1).div(p[k] as Decimal));
    },
    float64: f64.categoricalNll,
    float32: f32.categoricalNll,
    naive: naive.categoricalNll,
  }),
];
