/**
 * Deciding the claims of groups PROP, PEN, MAR and CVX exactly: the sign of lhs − rhs at rising
 * precision, identities to a stated number of digits, and probability vectors whose components are
 * doubles that sum to exactly 1 (the simplex claims need Σp = 1 exactly: with Σp = 1 + 1e−20, the
 * inequality −log p_y ≥ ‖p − e_y‖² already fails at p_y = 1).
 *
 * Both sides are computed by the caller from catalogue references (`ref` of `_support/exact.ts`) or
 * RefMath building blocks; nothing here knows any loss.
 */
import fc from 'fast-check';
import { range } from '../../src/audit/arbitraries.ts';
import { type Decimal, exactDecimal } from '../../src/reference/decimal.ts';
import { RefMath } from '../../src/reference/math.ts';

/** The first working precision (digits). */
export const FIRST = 40;
/** Precisions tried after the first: up to 150 for ≥, up to 950 for > (decimal.js's ln stops near
 * 1,025 digits and RefMath works 25 guard digits above). */
const LADDER_GEQ: readonly number[] = [60, 150];
const LADDER_GT: readonly number[] = [60, 150, 400, 950];

/** Both sides of a claim at one working precision. */
export type Sides = (m: RefMath) => readonly [Decimal, Decimal];

/**
 * The sign of lhs − rhs at precision P: decided when |lhs − rhs| > 10^−(P/2)·(|lhs| + |rhs|), 0 when
 * not. The catalogue references hold their working precision up to the cancellation a claim's
 * inputs cause (at most ~16 digits for doubles one ulp apart), so a difference above half the working
 * digits cannot be rounding; sides that cancel by construction ask for a higher first precision.
 */
function compare(sides: Sides, P: number): { sign: -1 | 0 | 1; exactly?: boolean } {
  const [a, b] = sides(new RefMath(P));
  if (a.isNaN() || b.isNaN()) throw new RangeError(`decideSign: NaN side (${a}, ${b})`);
  if (!a.isFinite() || !b.isFinite()) return { sign: a.eq(b) ? 0 : a.gt(b) ? 1 : -1, exactly: true };
  // Two exact zeros are equal: a reference reaches 0 only by exact arithmetic.
  if (a.isZero() && b.isZero()) return { sign: 0, exactly: true };
  const d = a.minus(b);
  const allowance = a
    .abs()
    .plus(b.abs())
    .times(`1e-${Math.floor(P / 2)}`);
  return { sign: d.abs().gt(allowance) ? (d.isNeg() ? -1 : 1) : 0 };
}

/**
 * The sign of lhs − rhs (−1, 0, +1), decided exactly at rising precision: `first` digits (default
 * 40), then the ladder, until |lhs − rhs| exceeds 10^−(P/2) relative (see `compare`). 0 means equal
 * to half the last precision: to 75 digits for `geq` (which accepts it as the equality case a
 * non-strict claim allows), to 475 digits for `gt` (which rejects it). Infinite sides compare as
 * extended reals; NaN throws (a claim never reasons about NaN).
 */
export function decideSign(sides: Sides, first: number = FIRST, ladder: readonly number[] = LADDER_GT): -1 | 0 | 1 {
  for (const P of [first, ...ladder.filter((p) => p > first)]) {
    const r = compare(sides, P);
    if (r.exactly || r.sign !== 0) return r.sign;
  }
  return 0;
}

/** lhs ≥ rhs, decided exactly; a difference below 10^−75 relative counts as the equality case. */
export function geq(sides: Sides, first?: number): boolean {
  return decideSign(sides, first, LADDER_GEQ) >= 0;
}

/** lhs > rhs, decided exactly (up to 950 digits). */
export function gt(sides: Sides, first?: number): boolean {
  return decideSign(sides, first, LADDER_GT) > 0;
}

/**
 * An identity lhs = rhs checked to `digits` significant digits at working precision `P`:
 * |lhs − rhs| ≤ 10^−digits·scale, where scale is |lhs| + |rhs| unless the caller gives the size of
 * the terms the sides are built from (an identity whose value cancels, e.g. to 1e−647 out of O(100)
 * terms, can only be checked relative to its terms). Both infinite and equal also counts.
 */
export function agree(sides: Sides, digits = 40, P = 60, scale?: (m: RefMath) => Decimal): boolean {
  const m = new RefMath(P);
  const [a, b] = sides(m);
  if (a.isNaN() || b.isNaN()) return false;
  if (!a.isFinite() || !b.isFinite()) return a.eq(b);
  const size = scale === undefined ? a.abs().plus(b.abs()) : scale(m);
  return a
    .minus(b)
    .abs()
    .lte(size.times(`1e-${digits}`));
}

// ------------------------------------------------------------------ exact probability vectors

/** 2^53: components are integer multiples of 2^−53, so they and their sum are exact. */
const SCALE = 2 ** 53;

/**
 * Quantises nonnegative weights to a probability vector of doubles on the 2^−53 grid summing to
 * exactly 1: every component but the largest is ⌊w·2^53/Σw⌋·2^−53, the largest takes the rest
 * (integers below 2^53 are exact, so the rest is too).
 */
export function quantise(w: readonly number[]): number[] {
  const total = w.reduce((s, v) => s + v, 0);
  let top = 0;
  for (let i = 1; i < w.length; i++) if ((w[i] as number) > (w[top] as number)) top = i;
  const n = w.map((v, i) => (i === top ? 0 : Math.floor(((v / total) * SCALE) as number)));
  const used = n.reduce((s, v) => s + v, 0);
  n[top] = SCALE - used;
  return n.map((v) => v / SCALE);
}

/** softmax weights e^(z − max z) of a logit vector (double precision is all the quantiser needs). */
function weights(z: readonly number[]): number[] {
  const mx = Math.max(...z);
  return z.map((v) => Math.exp(v - mx));
}

/**
 * Exact probability vectors of length K: softmax of typical and spiked logits (saturation down to
 * the 2^−53 grid, zeros included), one-hot, near-uniform (the sharp cases of PROP-3 and PEN-6), and
 * "one wrong class" vectors with the target mass drawn near `focus` (the sharp case of PEN-4).
 */
export function simplex(K: number, focus?: number): fc.Arbitrary<number[]> {
  const arr = (a: fc.Arbitrary<number>) => fc.array(a, { minLength: K, maxLength: K });
  const options: { arbitrary: fc.Arbitrary<number[]>; weight: number }[] = [
    { arbitrary: arr(range(-5, 5)).map((z) => quantise(weights(z))), weight: 4 },
    {
      arbitrary: fc
        .tuple(arr(range(-3, 3)), fc.nat(K - 1), range(0, 45))
        .map(([z, i, s]) => quantise(weights(z.map((v, j) => (j === i ? v + s : v))))),
      weight: 2,
    },
    { arbitrary: fc.nat(K - 1).map((i) => Array.from({ length: K }, (_, j) => (j === i ? 1 : 0))), weight: 1 },
    { arbitrary: arr(range(-1e-3, 1e-3)).map((z) => quantise(weights(z))), weight: 1 },
  ];
  if (focus !== undefined && K >= 2) {
    options.push({
      arbitrary: fc.tuple(range(focus - 0.01, focus + 0.01), fc.nat(K - 1), fc.nat(K - 2)).map(([py, y, k]) => {
        const w = Array.from({ length: K }, () => 0);
        const other = k >= y ? k + 1 : k;
        w[y] = py;
        w[other] = 1 - py;
        return quantise(w);
      }),
      weight: 3,
    });
  }
  return fc.oneof(...options);
}

/** K ∈ [minK, maxK] (small K weighted) and an exact probability vector of that length. */
export function sizedSimplex(minK: number, maxK: number, focus?: number): fc.Arbitrary<number[]> {
  return fc
    .oneof(
      { arbitrary: fc.integer({ min: minK, max: Math.min(maxK, 4) }), weight: 3 },
      { arbitrary: fc.integer({ min: minK, max: maxK }), weight: 1 },
    )
    .chain((K) => simplex(K, focus));
}

/** Two exact probability vectors of one length K ∈ [minK, maxK], sometimes close to each other. */
export function simplexPair(minK: number, maxK: number): fc.Arbitrary<[number[], number[]]> {
  return fc.integer({ min: minK, max: maxK }).chain((K) =>
    fc.oneof(
      { arbitrary: fc.tuple(simplex(K), simplex(K)), weight: 4 },
      {
        // q a small perturbation of p: KL(q‖p) and ‖p − q‖² both tiny, the regime where constants bite.
        arbitrary: fc
          .tuple(simplex(K), fc.array(range(-1e-2, 1e-2), { minLength: K, maxLength: K }))
          .map(([p, e]): [number[], number[]] => [p, quantise(p.map((v, i) => v * Math.exp(e[i] as number)))]),
        weight: 2,
      },
    ),
  );
}

/** One-hot e_y of length K as exact Decimals. */
export function oneHot(m: RefMath, K: number, y: number): Decimal[] {
  return Array.from({ length: K }, (_, j) => (j === y ? m.one : m.zero));
}

/** Exact Decimals of a double vector. */
export function exactVec(v: readonly number[]): Decimal[] {
  return v.map(exactDecimal);
}
