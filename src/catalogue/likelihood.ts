/**
 * Catalogue entries of the likelihood family: negative log-likelihoods of the Gaussian (with its
 * gradient in the mean), Bernoulli and categorical models (SPEC §1).
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
    reference: (m: RefMath, p: Decimal[], k: number) => {
      if (p.some((v) => v.isNaN())) return new m.D(Number.NaN); // NaN in any argument (SPEC §2)
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
