/**
 * Exact mathematics for the claim properties: catalogue references evaluated at a chosen precision
 * (composable, on Decimal arguments), precision scaled with the saturation a claim reaches, and a
 * high-precision finite-difference derivative with an a-posteriori error bound.
 *
 * Nothing here restates a catalogue definition: values of catalogue ids come from the entries'
 * `reference` formulas; what is not in the catalogue (Jacobians, directional derivatives) is built
 * from RefMath building blocks.
 */
import fc from 'fast-check';
import { BOUNDARIES, range } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { callFormula, type RefArg } from '../../src/catalogue/types.ts';
import { type Decimal, exactDecimal } from '../../src/reference/decimal.ts';
import { RefMath } from '../../src/reference/math.ts';
import { isTiny, type Num } from '../../src/reference/tiny.ts';

// The finite-difference derivatives moved to src/oracles/fd.ts (the gradient oracles use them too).
export { type Derivative, derivative, derivativeVec, FD_STEP_DIGITS } from '../../src/oracles/fd.ts';

/**
 * Working digits for a claim whose values saturate like e^−scale: 60 + ⌈scale·log10 e⌉ (CLAIMS §2
 * pitfall 3), plus `extra` (e.g. the digits a finite difference spends on its step).
 */
export function digitsFor(scale: number, extra = 0): number {
  return 60 + Math.ceil(Math.abs(scale) * Math.LOG10E) + extra;
}

/** A RefMath whose precision suits saturation scale `scale` (see `digitsFor`). */
export function mathFor(scale: number, extra = 0): RefMath {
  return new RefMath(digitsFor(scale, extra));
}

/** The exact value of a double. */
export const exact = exactDecimal;

/** A reference value that must be an ordinary Decimal (claims stay far above the Tiny range). */
export function dec(x: Num): Decimal {
  if (isTiny(x)) throw new RangeError('exact: a Tiny value where a claim property expected a Decimal');
  return x;
}

/** The reference of catalogue id `id` at m's precision, on exact (Decimal) arguments: a scalar. */
export function ref(id: string, m: RefMath, ...args: RefArg[]): Decimal {
  const v = callFormula(getEntry(id).reference, m, args);
  if (Array.isArray(v)) throw new TypeError(`exact.ref: ${id} is a vector function; use refVec`);
  return dec(v);
}

/** The reference of a vector-valued catalogue id at m's precision. */
export function refVec(id: string, m: RefMath, ...args: RefArg[]): Decimal[] {
  const v = callFormula(getEntry(id).reference, m, args);
  if (!Array.isArray(v)) throw new TypeError(`exact.refVec: ${id} is a scalar function; use ref`);
  return v.map(dec);
}

/** The float64 kernel of a catalogue id. */
export function f64(id: string): (...args: never[]) => number | number[] {
  return getEntry(id).float64;
}

/**
 * |a − b| ≤ rel·|b| + abs: a claim's two sides agree to `rel` relative digits (default 10^−25),
 * beyond an absolute allowance that the evaluation's own error bound justifies.
 */
export function close(a: Decimal, b: Decimal, abs: Decimal | number = 0, rel = '1e-25'): boolean {
  return a.minus(b).abs().lte(b.abs().times(rel).plus(abs));
}

/** e^−|z| saturation scale of a logit vector: its spread (max − min) and its largest magnitude. */
export function vectorScale(z: readonly number[]): number {
  const hi = Math.max(...z);
  const lo = Math.min(...z);
  return Math.max(hi - lo, Math.max(...z.map(Math.abs)));
}

// ------------------------------------------------------------------ arbitraries for the claims

/**
 * A logit for exact claim properties: typical values, the float saturation boundaries, deep
 * saturation up to |z| = 745 (where doubles still hold e^−|z|) at a lower weight because its
 * reference costs hundreds of digits, tiny values and the special points 0, ±1, ±ln 2.
 */
export const logit: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: range(-10, 10), weight: 6 },
  { arbitrary: range(-40, 40), weight: 3 },
  {
    arbitrary: fc.oneof(...BOUNDARIES.slice(0, 2).map((b) => fc.oneof(range(b - 1, b + 1), range(-b - 1, -b + 1)))),
    weight: 2,
  },
  { arbitrary: range(-745, 745), weight: 1 },
  { arbitrary: fc.oneof(range(-1e-300, 1e-300), range(-1e-6, 1e-6)), weight: 1 },
  { arbitrary: fc.constantFrom(0, 1, -1, Math.LN2, -Math.LN2), weight: 1 },
);

/** A logit on the wrong side for y = 1 (z ≤ 0), with the same regimes. */
export const negativeLogit: fc.Arbitrary<number> = logit.map((z) => -Math.abs(z));

/**
 * A logit vector of length K for exact claim properties: typical, spiked (one coordinate + U(0, 60)),
 * ties, and wide (±120), so softmax saturates without costing hundreds of digits on every case.
 */
export function logitVec(K: number): fc.Arbitrary<number[]> {
  const arr = (a: fc.Arbitrary<number>) => fc.array(a, { minLength: K, maxLength: K });
  return fc.oneof(
    { arbitrary: arr(range(-5, 5)), weight: 4 },
    {
      arbitrary: fc
        .tuple(arr(range(-3, 3)), fc.nat(K - 1), range(0, 60))
        .map(([z, i, s]) => z.map((v, j) => (j === i ? v + s : v))),
      weight: 3,
    },
    {
      arbitrary: fc
        .tuple(range(-20, 20), fc.array(fc.boolean(), { minLength: K, maxLength: K }), range(-30, 0))
        .map(([top, tie, low]) => tie.map((t) => (t ? top : top + low))),
      weight: 1,
    },
    { arbitrary: arr(range(-120, 120)), weight: 1 },
  );
}

/** K and a logit vector of that length (K ∈ [minK, maxK]). */
export function sizedLogits(minK: number, maxK: number): fc.Arbitrary<number[]> {
  return fc.integer({ min: minK, max: maxK }).chain((K) => logitVec(K));
}

/** A direction for directional derivatives: components in [−1, 1], not all tiny. */
export function direction(K: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.oneof(range(-1, 1), fc.constantFrom(-1, 1)), { minLength: K, maxLength: K })
    .filter((v) => v.some((x) => Math.abs(x) > 1e-3));
}

/**
 * Digits needed to resolve a difference of size `delta` between two nearby values (e.g. σ(z) − ½ for
 * a tiny z, or two adjacent doubles' images): ⌈−log10 delta⌉, 0 for delta ≥ 1 or delta = 0.
 */
export function resolveDigits(delta: number): number {
  if (!(delta > 0) || delta >= 1) return 0;
  return Math.ceil(-Math.log10(delta));
}

/** Σ a_i·b_i. */
export function dot(m: RefMath, a: readonly Decimal[], b: readonly Decimal[]): Decimal {
  return a.reduce((s, x, i) => s.plus(x.times(b[i] as Decimal)), m.zero);
}

/** Σ a_i. */
export function sum(m: RefMath, a: readonly Decimal[]): Decimal {
  return a.reduce((s, x) => s.plus(x), m.zero);
}

/** z + t·v, componentwise, at m's precision. */
export function along(m: RefMath, z: readonly Decimal[], v: readonly Decimal[], t: Decimal): Decimal[] {
  return z.map((x, i) => new m.D(x).plus(t.times(v[i] as Decimal)));
}

/**
 * The exact value of a double as a Decimal of m's context. Construction never rounds, so the value is
 * exact; later operations on it round to m's precision (an `exactDecimal` lives in the 2400-digit
 * `Exact` context, where a division or a logarithm costs a 2400-digit evaluation).
 */
export function at(m: RefMath, x: number): Decimal {
  return new m.D(exactDecimal(x));
}
