/**
 * Catalogue entries of the regression family: squared error, its gradient and the mean squared
 * error over K outputs (docs/catalogue.md).
 *
 * The target y of a regression loss is a real number here (kind `real`), not a probability: the notation
 * "y a target in [0, 1]" is about the classification losses; a squared error against a
 * target restricted to [0, 1] would reject every ordinary regression target.
 */
import * as f32 from '../kernels/float32/regression.ts';
import * as f64 from '../kernels/float64/regression.ts';
import * as naive from '../kernels/naive/regression.ts';
import { type Decimal, Exact } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import { type CatalogueEntry, defineEntry } from './types.ts';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** u − y exactly (arguments are exact Decimals of the Exact context; ∞ − ∞ is NaN). */
const diff = (u: Decimal, y: Decimal): Decimal => new Exact(u).minus(y);

/** Σ_k (u_k − y_k)² at m's precision: nonnegative terms, no cancellation. */
function sumSq(m: RefMath, u: readonly Decimal[], y: readonly Decimal[]): Decimal {
  let s = m.zero;
  u.forEach((uk, k) => {
    const d = new m.D(diff(uk, y[k] as Decimal));
    s = s.plus(d.times(d));
  });
  return s;
}

/**
 * The expanded form Σu² − 2Σuy + Σy², exact in the Exact context (products of two doubles have at
 * most 1534 digits), for the cross-checks only; non-finite arguments go through the difference.
 */
function expandedSumSq(m: RefMath, u: readonly Decimal[], y: readonly Decimal[]): Decimal {
  if ([...u, ...y].some((v) => !v.isFinite())) return sumSq(m, u, y);
  let s = new Exact(0);
  u.forEach((uk, k) => {
    const yk = y[k] as Decimal;
    s = s.plus(uk.times(uk)).minus(uk.times(yk).times(2)).plus(yk.times(yk));
  });
  return new m.D(s);
}

export const entries: readonly CatalogueEntry[] = [
  defineEntry({
    id: 'squaredError',
    float64Budget: 2,
    family: 'regression',
    args: [
      { name: 'u', kind: 'real' },
      { name: 'y', kind: 'real' },
    ],
    result: 'scalar',
    definition: '(u − y)²',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN in u' },
      { args: [1, NAN], value: NAN, note: 'NaN in y' },
      { args: [INF, 1], value: INF, note: 'u = +∞' },
      { args: [-INF, 1], value: INF, note: 'u = −∞' },
      { args: [INF, INF], value: NAN, note: '∞ − ∞ has no limit' },
      { args: [3, 1], value: 4, note: 'exact small integers' },
      { args: [-0, 0], value: 0, note: 'zeros' },
    ],
    reference: (m: RefMath, u: Decimal, y: Decimal) => sumSq(m, [u], [y]),
    // Independently: u² − 2uy + y², expanded and exact.
    alternate: (m: RefMath, u: Decimal, y: Decimal) => expandedSumSq(m, [u], [y]),
    float64: f64.squaredError,
    float32: f32.squaredError,
    naive: naive.squaredError,
  }),
  defineEntry({
    id: 'squaredErrorGrad',
    float64Budget: 2,
    family: 'regression',
    args: [
      { name: 'u', kind: 'real' },
      { name: 'y', kind: 'real' },
    ],
    result: 'scalar',
    definition: '∂/∂u (u − y)² = 2(u − y)',
    edges: [
      { args: [NAN, 0], value: NAN, note: 'NaN' },
      { args: [INF, 0], value: INF, note: 'u = +∞' },
      { args: [0, INF], value: -INF, note: 'y = +∞' },
      { args: [INF, INF], value: NAN, note: '∞ − ∞' },
      { args: [Number.MAX_VALUE, 0], value: INF, note: '2·MAX overflows' },
      { args: [3, 1], value: 4, note: 'exact' },
    ],
    reference: (m: RefMath, u: Decimal, y: Decimal) => new m.D(diff(u, y)).times(2),
    // Independently: 2u − 2y, exact in the Exact context, then rounded once.
    alternate: (m: RefMath, u: Decimal, y: Decimal) =>
      new m.D(new Exact(u).times(2).minus(new Exact(y).times(2))).plus(0),
    float64: f64.squaredErrorGrad,
    float32: f32.squaredErrorGrad,
    naive: naive.squaredErrorGrad,
  }),
  defineEntry({
    id: 'meanSquaredError',
    family: 'regression',
    args: [
      { name: 'u', kind: 'realVec' },
      { name: 'y', kind: 'realVec' },
    ],
    result: 'scalar',
    definition: '(1/K)·Σ_k (u_k − y_k)²',
    edges: [
      {
        args: [
          [1, NAN],
          [0, 0],
        ],
        value: NAN,
        note: 'NaN in a component',
      },
      {
        args: [
          [INF, 0],
          [0, 0],
        ],
        value: INF,
        note: 'an infinite component',
      },
      {
        args: [
          [INF, 0],
          [INF, 0],
        ],
        value: NAN,
        note: '∞ − ∞ in a component',
      },
      {
        args: [
          [3, 1],
          [1, 1],
        ],
        value: 2,
        note: 'exact: 4/2',
      },
      { args: [[0], [0]], value: 0, note: 'K = 1, zero' },
    ],
    reference: (m: RefMath, u: Decimal[], y: Decimal[]) => sumSq(m, u, y).div(u.length),
    // Independently: the expanded sums Σu² − 2Σuy + Σy², divided by K.
    alternate: (m: RefMath, u: Decimal[], y: Decimal[]) => expandedSumSq(m, u, y).div(u.length),
    float64: f64.meanSquaredError,
    float32: f32.meanSquaredError,
    naive: naive.meanSquaredError,
  }),
];
