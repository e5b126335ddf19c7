/**
 * Catalogue entries of the distribution family: cross-entropy, KL divergence and entropy of probability
 * vectors (docs/catalogue.md). The vectors need not sum to 1 (the domain is [0, 1] per component), so the
 * KL divergence may be negative. Conventions (docs/catalogue.md#values-at-the-edges): 0·log 0 = 0; a KL
 * term with q_k = 0 is 0; q_k > 0 with p_k = 0 gives +∞; so does a cross-entropy term y_k > 0, p_k = 0.
 */
import * as f32 from '../kernels/float32/distribution.ts';
import * as f64 from '../kernels/float64/distribution.ts';
import * as naive from '../kernels/naive/distribution.ts';
import { decompose } from '../numeric/float.ts';
import { type Decimal, Exact } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import { type CatalogueEntry, defineEntry } from './types.ts';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

const anyNaN = (...vs: readonly Decimal[][]): boolean => vs.some((v) => v.some((x) => x.isNaN()));

/** −Σ_k w_k·log p_k over w_k > 0 (terms ≥ 0, no cancellation); +∞ when some p_k = 0 has w_k > 0. */
function negLogSum(m: RefMath, w: readonly Decimal[], p: readonly Decimal[]): Decimal {
  let s = m.zero;
  for (let k = 0; k < w.length; k++) {
    const wk = w[k] as Decimal;
    if (wk.isZero()) continue; // 0·log 0 = 0
    s = s.minus(new m.D(wk).times(m.ln(p[k] as Decimal)));
  }
  return s;
}

/** A positive double (held exactly in a Decimal) as an odd integer a and a power of two: a·2^e. */
function oddPart(x: Decimal): [a: bigint, e: number] {
  let { mantissa, exponent } = decompose(x.toNumber()); // toNumber is exact: x is a double
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent += 1;
  }
  return [mantissa, exponent];
}

/**
 * Σ_k q_k·log(q_k/p_k) with log(q/p) = log1p((q − p)/p), q − p exact: each term keeps its relative
 * accuracy when q ≈ p; the sum's cancellation is left to the adaptive loop.
 */
function klSum(m: RefMath, q: readonly Decimal[], p: readonly Decimal[]): Decimal {
  let s = m.zero;
  for (let k = 0; k < q.length; k++) {
    const qk = q[k] as Decimal;
    const pk = p[k] as Decimal;
    if (qk.isZero()) continue;
    if (pk.isZero()) return new m.D(Number.POSITIVE_INFINITY);
    // log1p((q − p)/p) keeps q ≈ p accurate; for q < p/2 the rounded (q − p)/p may reach −1
    // (q = 5e−324, p = ½), so log(q/p) is taken directly there (no cancellation: |log| ≥ log 2).
    const lr = qk.lt(pk.div(2))
      ? m.D.ln(new m.D(qk).div(pk))
      : (m.log1p(new m.D(new Exact(qk).minus(pk)).div(pk)) as Decimal);
    s = s.plus(new m.D(qk).times(lr));
  }
  return s;
}

/**
 * The KL reference. With unnormalised vectors the sum can be exactly 0 without q = p
 * (q = [¼, ¼], p = [½, ⅛]), and an exact 0 never stabilises in the adaptive loop. So the sum is
 * first regrouped exactly as Σ_a C_a·log a + C_2·log 2 over the odd parts a of all q_k and p_k
 * (q_k = a·2^e), with exact coefficients C: a cancellation that comes from shared odd parts and
 * powers of two is then exact (every C is 0). Otherwise the per-term form (klSum) is used, which
 * keeps each term's relative accuracy when q ≈ p.
 */
function klReference(m: RefMath, q: readonly Decimal[], p: readonly Decimal[]): Decimal {
  const coef = new Map<bigint, Decimal>();
  let two = new Exact(0);
  const bump = (a: bigint, c: Decimal) => coef.set(a, (coef.get(a) ?? new Exact(0)).plus(c));
  for (let k = 0; k < q.length; k++) {
    const qk = q[k] as Decimal;
    const pk = p[k] as Decimal;
    if (qk.isZero()) continue;
    if (pk.isZero() || !qk.isFinite() || !pk.isFinite()) return klSum(m, q, p);
    const [a, e] = oddPart(qk);
    const [b, f] = oddPart(pk);
    bump(a, qk);
    bump(b, qk.neg());
    two = two.plus(new Exact(qk).times(e - f));
  }
  if (two.isZero() && [...coef.entries()].every(([a, c]) => a === 1n || c.isZero())) return m.zero;
  return klSum(m, q, p);
}

export const entries: readonly CatalogueEntry[] = [
  defineEntry({
    id: 'crossEntropy',
    family: 'distribution',
    args: [
      { name: 'p', kind: 'probVec' },
      { name: 'y', kind: 'targetVec' },
    ],
    result: 'scalar',
    definition: '−Σ_k y_k·log p_k, with 0·log 0 = 0',
    edges: [
      {
        args: [
          [NAN, 1],
          [0, 1],
        ],
        value: NAN,
        note: 'NaN in p where y is 0',
      },
      {
        args: [
          [0, 1],
          [1, 0],
        ],
        value: INF,
        note: 'y_k > 0, p_k = 0: +∞',
      },
      {
        args: [
          [0, 1],
          [0, 1],
        ],
        value: 0,
        note: '0·log 0 = 0',
      },
      { args: [[1], [1]], value: 0, note: 'one-hot certain' },
      {
        args: [
          [0.5, 0.5],
          [1, 1],
        ],
        value: 2 * Math.LN2,
        note: 'multi-hot: 2·log 2 = 1.3862943611198906 (correctly rounded)',
      },
    ],
    reference: (m: RefMath, p: Decimal[], y: Decimal[]) => (anyNaN(p, y) ? new m.D(Number.NaN) : negLogSum(m, y, p)),
    // Independently: the identity H(y, p) = H(y) + KL(y‖p), which holds for unnormalised y too.
    alternate: (m: RefMath, p: Decimal[], y: Decimal[]) =>
      anyNaN(p, y) ? new m.D(Number.NaN) : negLogSum(m, y, y).plus(klSum(m, y, p)),
    float64: f64.crossEntropy,
    float32: f32.crossEntropy,
    naive: naive.crossEntropy,
  }),
  defineEntry({
    id: 'klDivergence',
    family: 'distribution',
    args: [
      { name: 'q', kind: 'probVec' },
      { name: 'p', kind: 'probVec' },
    ],
    result: 'scalar',
    definition: 'Σ_k q_k·log(q_k/p_k); a term with q_k = 0 is 0',
    edges: [
      {
        args: [
          [0.5, NAN],
          [0.5, 0.5],
        ],
        value: NAN,
        note: 'NaN in q',
      },
      {
        args: [
          [0.5, 0.5],
          [1, 0],
        ],
        value: INF,
        note: 'q_k > 0, p_k = 0: +∞',
      },
      {
        args: [
          [0, 1],
          [0, 1],
        ],
        value: 0,
        note: 'q_k = 0 terms are 0, even with p_k = 0',
      },
      {
        args: [
          [0.3, 0.7],
          [0.3, 0.7],
        ],
        value: 0,
        note: 'q = p: exactly 0',
      },
      {
        args: [
          [0.25, 0.25],
          [0.5, 0.125],
        ],
        value: 0,
        note: 'unnormalised, exactly 0: ¼·log ½ + ¼·log 2',
      },
      { args: [[1], [0.5]], value: Math.LN2, note: 'log 2 = 0.6931471805599453 (correctly rounded)' },
    ],
    reference: (m: RefMath, q: Decimal[], p: Decimal[]) => (anyNaN(q, p) ? new m.D(Number.NaN) : klReference(m, q, p)),
    // Independently: H(q, p) − H(q) = −Σ q log p + Σ q log q (the difference cancels; the adaptive
    // loop raises the precision).
    alternate: (m: RefMath, q: Decimal[], p: Decimal[]) =>
      anyNaN(q, p) ? new m.D(Number.NaN) : negLogSum(m, q, p).minus(negLogSum(m, q, q)),
    float64: f64.klDivergence,
    float32: f32.klDivergence,
    naive: naive.klDivergence,
  }),
  defineEntry({
    id: 'entropy',
    family: 'distribution',
    args: [{ name: 'q', kind: 'probVec' }],
    result: 'scalar',
    definition: '−Σ_k q_k·log q_k, with 0·log 0 = 0',
    edges: [
      { args: [[NAN, 0.5]], value: NAN, note: 'NaN' },
      { args: [[0, 1]], value: 0, note: 'one-hot: 0' },
      { args: [[0, 0]], value: 0, note: 'all zero' },
      { args: [[0.5, 0.5]], value: Math.LN2, note: 'uniform K = 2: log 2 (correctly rounded)' },
    ],
    reference: (m: RefMath, q: Decimal[]) => (anyNaN(q) ? new m.D(Number.NaN) : negLogSum(m, q, q)),
    // Independently: −Σ q·log1p(q − 1), with q − 1 exact in the Exact context.
    alternate: (m: RefMath, q: Decimal[]) => {
      if (anyNaN(q)) return new m.D(Number.NaN);
      let s = m.zero;
      for (const qk of q) {
        if (qk.isZero()) continue;
        s = s.minus(new m.D(qk).times(m.log1p(new m.D(new Exact(qk).minus(1))) as Decimal));
      }
      return s;
    },
    float64: f64.entropy,
    float32: f32.entropy,
    naive: naive.entropy,
  }),
];
