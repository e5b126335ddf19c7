/**
 * PAP-5 (Demirkaya, Chen & Oymak 2020) in high precision: cross-entropy along a separating direction
 * of separable data, and the least-squares residual of one-hot targets, both in decimal.js.
 */
import { getEntry } from '../catalogue/index.ts';
import { callFormula } from '../catalogue/types.ts';
import { type Decimal, exactDecimal } from '../reference/decimal.ts';
import { RefMath } from '../reference/math.ts';
import { isTiny, type Num } from '../reference/tiny.ts';
import type { Rng } from './rng.ts';

/** Separable data labelled by a linear map: y_i = argmax_k (W x̃_i)_k with x̃ = (x, 1). */
export interface SeparableData {
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
  /** W_sep, K rows of d+1 (the last column multiplies the constant 1). */
  readonly W: readonly (readonly number[])[];
  readonly K: number;
}

/**
 * N points from N(0, I_d) labelled by the arg max of a random W (entries N(0, 1)); points whose
 * top two logits are within `minGap` of each other are redrawn, so the margin γ ≥ minGap > 0.
 */
export function separableData(rng: Rng, opts: { n: number; d: number; K: number; minGap: number }): SeparableData {
  const W = Array.from({ length: opts.K }, () => Array.from({ length: opts.d + 1 }, () => rng.normal()));
  const x: number[][] = [];
  const y: number[] = [];
  while (x.length < opts.n) {
    const p = Array.from({ length: opts.d }, () => rng.normal());
    const z = W.map((w) => w.reduce((s, wj, j) => s + wj * (j < opts.d ? (p[j] as number) : 1), 0));
    const order = z.map((v, k) => [v, k] as const).sort((a, b) => b[0] - a[0]);
    if ((order[0] as readonly [number, number])[0] - (order[1] as readonly [number, number])[0] < opts.minGap) continue;
    x.push(p);
    y.push((order[0] as readonly [number, number])[1]);
  }
  return { x, y, W, K: opts.K };
}

/** The exact logits W x̃_i of every point (products and sums of doubles, exact in decimal). */
export function exactLogits(m: RefMath, data: SeparableData): Decimal[][] {
  return data.x.map((p) =>
    data.W.map((w) => {
      let s = m.zero;
      for (let j = 0; j < w.length; j++) {
        const xj = j < p.length ? exactDecimal(p[j] as number) : m.one;
        s = s.plus(exactDecimal(w[j] as number).times(xj));
      }
      return s;
    }),
  );
}

/** The margin γ = min_i (z_{i,y_i} − max_{j≠y_i} z_{i,j}) at the exact logits. */
export function margin(m: RefMath, data: SeparableData, logits: Decimal[][]): Decimal {
  let g: Decimal | undefined;
  logits.forEach((z, i) => {
    const yi = data.y[i] as number;
    for (let k = 0; k < z.length; k++) {
      if (k === yi) continue;
      const gap = (z[yi] as Decimal).minus(z[k] as Decimal);
      if (g === undefined || gap.lt(g)) g = gap;
    }
  });
  return g ?? m.zero;
}

/**
 * Σ_i CE(c·z_i, e_{y_i}) through the catalogue's `softmaxCrossEntropy` reference at the precision of
 * `m` (a Tiny total, below 10^−9e15, is returned as such).
 */
export function ceAlong(m: RefMath, data: SeparableData, logits: Decimal[][], c: Decimal): Num {
  const f = getEntry('softmaxCrossEntropy').reference;
  let total: Num = m.zero;
  logits.forEach((z, i) => {
    const target = z.map((_, k) => (k === data.y[i] ? m.one : m.zero));
    const v = callFormula(f, m, [z.map((zk) => zk.times(c)), target]);
    if (Array.isArray(v)) throw new TypeError('softmaxCrossEntropy: expected a scalar');
    total = m.add(total, v);
  });
  return total;
}

/** Whether a Num is strictly positive (a Tiny is, if its sign is). */
export function positive(v: Num): boolean {
  return isTiny(v) ? v.sign > 0 : v.gt(0);
}

/**
 * The least-squares residual min_B Σ_i ‖x̃_i B − e_{y_i}‖² (x̃ = (x, 1), B of size (d+1)×K), by the
 * normal equations (X̃ᵀX̃) B = X̃ᵀY solved by Gaussian elimination with partial pivoting at `digits`,
 * and the residual summed from the fitted values (a sum of squares, so the rounding cannot make it
 * negative; its absolute error is about 10^−digits times ΣY² = N).
 */
export function leastSquaresResidual(
  x: readonly (readonly number[])[],
  y: readonly number[],
  K: number,
  digits = 60,
): Decimal {
  const m = new RefMath(digits);
  const D = m.D;
  const rows = x.map((p) => [...p.map((v) => new D(exactDecimal(v))), m.one]);
  const q = (rows[0] as Decimal[]).length;
  // A = X̃ᵀX̃ (q×q), R = X̃ᵀY (q×K)
  const A = Array.from({ length: q }, (_, i) =>
    Array.from({ length: q }, (_, j) =>
      rows.reduce((s, r) => s.plus((r[i] as Decimal).times(r[j] as Decimal)), m.zero),
    ),
  );
  const R = Array.from({ length: q }, (_, i) =>
    Array.from({ length: K }, (_, k) => rows.reduce((s, r, n) => (y[n] === k ? s.plus(r[i] as Decimal) : s), m.zero)),
  );
  for (let col = 0; col < q; col++) {
    let piv = col;
    for (let r = col + 1; r < q; r++) {
      if (((A[r] as Decimal[])[col] as Decimal).abs().gt(((A[piv] as Decimal[])[col] as Decimal).abs())) piv = r;
    }
    [A[col], A[piv]] = [A[piv] as Decimal[], A[col] as Decimal[]];
    [R[col], R[piv]] = [R[piv] as Decimal[], R[col] as Decimal[]];
    const Ac = A[col] as Decimal[];
    const Rc = R[col] as Decimal[];
    const pv = Ac[col] as Decimal;
    if (pv.isZero()) throw new RangeError('leastSquaresResidual: X̃ᵀX̃ is singular');
    for (let r = 0; r < q; r++) {
      if (r === col) continue;
      const Ar = A[r] as Decimal[];
      const Rr = R[r] as Decimal[];
      const f = (Ar[col] as Decimal).div(pv);
      for (let j = col; j < q; j++) Ar[j] = (Ar[j] as Decimal).minus(f.times(Ac[j] as Decimal));
      for (let k = 0; k < K; k++) Rr[k] = (Rr[k] as Decimal).minus(f.times(Rc[k] as Decimal));
    }
  }
  const B = R.map((Rr, i) => Rr.map((v) => v.div((A[i] as Decimal[])[i] as Decimal)));
  let res = m.zero;
  rows.forEach((r, n) => {
    for (let k = 0; k < K; k++) {
      let fit = m.zero;
      for (let i = 0; i < q; i++) fit = fit.plus((r[i] as Decimal).times((B[i] as Decimal[])[k] as Decimal));
      res = res.plus(fit.minus(y[n] === k ? 1 : 0).pow(2));
    }
  });
  return res;
}
