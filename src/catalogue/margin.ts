/**
 * Catalogue entries of the margin family: hinge, its subgradient, and the Crammer–Singer
 * multiclass hinge (docs/catalogue.md).
 */
import * as f32 from '../kernels/float32/margin.ts';
import * as f64 from '../kernels/float64/margin.ts';
import * as naive from '../kernels/naive/margin.ts';
import { type Decimal, Exact } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import { type CatalogueEntry, defineEntry } from './types.ts';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** 1 − t·z exactly (t = ±1). */
const margin1 = (z: Decimal, t: Decimal): Decimal => new Exact(1).minus(new Exact(z).times(t));

/** max(0, w) at m's precision; NaN stays NaN. */
const pos = (m: RefMath, w: Decimal): Decimal => m.max(m.zero, new m.D(w).plus(0));

export const entries: readonly CatalogueEntry[] = [
  defineEntry({
    id: 'hinge',
    float64Budget: 2,
    family: 'margin',
    args: [
      { name: 'z', kind: 'real' },
      { name: 't', kind: 'sign' },
    ],
    result: 'scalar',
    definition: 'max(0, 1 − t·z)',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN' },
      { args: [INF, 1], value: 0, note: 'z = +∞, t = 1: limit 0' },
      { args: [INF, -1], value: INF, note: 'z = +∞, t = −1: limit +∞' },
      { args: [-INF, 1], value: INF, note: 'z = −∞, t = 1' },
      { args: [1, 1], value: 0, note: 'on the kink' },
      { args: [0, -1], value: 1, note: 'z = 0' },
    ],
    reference: (m: RefMath, z: Decimal, t: Decimal) => pos(m, margin1(z, t)),
    // Independently: (|w| + w)/2 with w = 1 − t·z, no comparison.
    alternate: (m: RefMath, z: Decimal, t: Decimal) => {
      const w = margin1(z, t);
      if (!w.isFinite()) return pos(m, w); // |∞| + ∞ is fine, |−∞| + (−∞) is NaN: the limit is 0
      return new m.D(w.abs().plus(w)).div(2);
    },
    float64: f64.hinge,
    float32: f32.hinge,
    naive: naive.hinge,
  }),
  defineEntry({
    id: 'hingeGrad',
    float64Budget: 2,
    family: 'margin',
    args: [
      { name: 'z', kind: 'real' },
      { name: 't', kind: 'sign' },
    ],
    result: 'scalar',
    definition: '−t where t·z < 1, else 0 (0 at the kink t·z = 1)',
    edges: [
      { args: [NAN, 1], value: NAN, note: 'NaN' },
      { args: [1, 1], value: 0, note: 'the kink t·z = 1 gives 0 (the subgradient the definition fixes)' },
      { args: [-1, -1], value: 0, note: 'the kink for t = −1' },
      { args: [0.9999999999999999, 1], value: -1, note: 'one ulp inside the margin' },
      { args: [-INF, 1], value: -1, note: 'z = −∞' },
      { args: [INF, 1], value: 0, note: 'z = +∞' },
      { args: [INF, -1], value: 1, note: 'z = +∞, t = −1' },
    ],
    reference: (m: RefMath, z: Decimal, t: Decimal) => {
      if (z.isNaN() || t.isNaN()) return new m.D(Number.NaN);
      return new Exact(t).times(z).lt(1) ? new m.D(t).neg() : m.zero;
    },
    // Independently: −t·[hinge(z, t) > 0], through the hinge's value rather than the comparison.
    alternate: (m: RefMath, z: Decimal, t: Decimal) => {
      const h = pos(m, margin1(z, t));
      if (h.isNaN()) return h;
      return h.gt(0) ? new m.D(t).neg() : m.zero;
    },
    float64: f64.hingeGrad,
    float32: f32.hingeGrad,
    naive: naive.hingeGrad,
  }),
  defineEntry({
    id: 'multiclassHinge',
    family: 'margin',
    args: [
      { name: 'z', kind: 'realVec' },
      { name: 'k', kind: 'index' },
    ],
    result: 'scalar',
    minLength: 2,
    definition: 'max(0, 1 + max_{j≠k} z_j − z_k) (Crammer–Singer)',
    edges: [
      { args: [[NAN, 0], 1], value: NAN, note: 'NaN in another component' },
      { args: [[INF, INF], 0], value: NAN, note: '∞ − ∞: no limit' },
      { args: [[INF, 0], 1], value: INF, note: 'another logit +∞' },
      { args: [[0, INF], 1], value: 0, note: 'the target logit +∞' },
      { args: [[2, 1], 0], value: 0, note: 'margin exactly 1: 0' },
      { args: [[1, 1, 1], 2], value: 1, note: 'ties: 1' },
      { args: [[-Number.MAX_VALUE, Number.MAX_VALUE], 0], value: INF, note: 'max − z_k overflows' },
    ],
    reference: (m: RefMath, z: Decimal[], k: number) => {
      if (z.some((v) => v.isNaN())) return new m.D(Number.NaN);
      let top: Decimal | undefined;
      z.forEach((v, j) => {
        if (j !== k && (top === undefined || v.gt(top))) top = v;
      });
      return pos(m, new Exact(1).plus(top as Decimal).minus(z[k] as Decimal));
    },
    // Independently: the largest of the per-class hinges max(0, 1 + z_j − z_k), j ≠ k.
    alternate: (m: RefMath, z: Decimal[], k: number) => {
      let best: Decimal = m.zero;
      for (let j = 0; j < z.length; j++) {
        if (j === k) continue;
        const h = pos(m, new Exact(1).plus(z[j] as Decimal).minus(z[k] as Decimal));
        if (h.isNaN()) return h;
        if (h.gt(best)) best = h;
      }
      return best;
    },
    float64: f64.multiclassHinge,
    float32: f32.multiclassHinge,
    naive: naive.multiclassHinge,
  }),
];
