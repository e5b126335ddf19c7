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

/** Digits the finite difference spends on its step h = 10^−H. */
export const FD_STEP_DIGITS = 15;

export interface Derivative {
  /** The central difference (F(h) − F(−h))/2h. */
  value: Decimal;
  /** A bound on |value − F′(0)|: the Richardson estimate of the truncation plus the rounding. */
  error: Decimal;
}

/**
 * F′(0) by a central difference at step h = 10^−H in m's precision P, with an error bound.
 *
 * Truncation: D(h) − F′ = h²F‴/6 + O(h⁴), so |D(h) − D(10h)| ≈ 99·|D(h) − F′|; the bound takes
 * |D(h) − D(10h)| whole (99 times the estimate), safe for any F analytic near 0 at these tiny steps.
 * Rounding: each F value is accurate to about 10^−(P−5)·max(1, |F|) absolute (its intermediate
 * values are O(1) or O(F)); a difference divided by 2h magnifies that by 10^H.
 * `F(t)` must evaluate the function at the point moved by t (along a direction) at m's precision.
 */
export function derivative(m: RefMath, F: (t: Decimal) => Decimal, H = FD_STEP_DIGITS): Derivative {
  const h = m.n(10).pow(-H);
  const h10 = h.times(10);
  const fp = F(h);
  const fm = F(h.neg());
  const d1 = fp.minus(fm).div(h.times(2));
  const d10 = F(h10).minus(F(h10.neg())).div(h10.times(2));
  const f0 = fp.abs().gt(fm.abs()) ? fp.abs() : fm.abs();
  const rounding = m
    .n(10)
    .pow(-(m.precision - 5 - H))
    .times(f0.gt(1) ? f0 : 1);
  return { value: d1, error: d1.minus(d10).abs().plus(rounding) };
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

/**
 * The directional derivative of a vector-valued F at 0 (componentwise `derivative`): the same four
 * evaluations serve every component.
 */
export function derivativeVec(m: RefMath, F: (t: Decimal) => Decimal[], H = FD_STEP_DIGITS): Derivative[] {
  const h = m.n(10).pow(-H);
  const h10 = h.times(10);
  const [fp, fm, fp10, fm10] = [F(h), F(h.neg()), F(h10), F(h10.neg())];
  return fp.map((_, i) => {
    const d1 = (fp[i] as Decimal).minus(fm[i] as Decimal).div(h.times(2));
    const d10 = (fp10[i] as Decimal).minus(fm10[i] as Decimal).div(h10.times(2));
    const a = (fp[i] as Decimal).abs();
    const b = (fm[i] as Decimal).abs();
    const f0 = a.gt(b) ? a : b;
    const rounding = m
      .n(10)
      .pow(-(m.precision - 5 - H))
      .times(f0.gt(1) ? f0 : 1);
    return { value: d1, error: d1.minus(d10).abs().plus(rounding) };
  });
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
