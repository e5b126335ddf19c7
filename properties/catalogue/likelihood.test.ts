/**
 * Kernel accuracy, edge values, reference cross-checks and the mpmath table for the likelihood
 * family: gaussianNll, gaussianNllGradMu, bernoulliNll, categoricalNll.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { argsFor, prob, range, real } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import type { FloatArg } from '../../src/catalogue/types.ts';
import { DomainError, validateArgs } from '../../src/catalogue/validate.ts';
import { gaussianNllFixed } from '../../src/kernels/float64/likelihood.ts';
import { ulpError } from '../../src/numeric/ulp.ts';
import { exactDecimal } from '../../src/reference/decimal.ts';
import { RefMath } from '../../src/reference/math.ts';
import { checkProperty } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import {
  assertAccuracy,
  assertCrossCheck,
  assertEdges,
  assertFixture,
  errorAt,
  loadFixtures,
  ref,
  show,
  toF32,
} from './_losses.ts';

const gnll = getEntry('gaussianNll');
const ggrad = getEntry('gaussianNllGradMu');
const bern = getEntry('bernoulliNll');
const cat = getEntry('categoricalNll');
const inf = Number.POSITIVE_INFINITY;

/** v < 1/(2π) across the range, where ½·log(2πv) < 0 can be cancelled by the quadratic term. */
const smallVariance = fc.oneof(range(1e-3, 0.159), range(1e-300, 1e-3), fc.constantFrom(5e-324, 0.15915494309189535));

/**
 * (mu, y, v) with (y − mu)² ≈ −v·log(2πv): y − mu is the double nearest √(−v·log(2πv)), moved by a
 * few ulps, so the two terms balance to about 2^−50 of their size.
 */
const balanced: fc.Arbitrary<FloatArg[]> = fc
  .tuple(smallVariance, range(-10, 10), fc.integer({ min: -3, max: 3 }))
  .map(([v, mu, n]) => {
    const d = Math.sqrt(-v * Math.log(2 * Math.PI * v));
    return [mu, mu + d * (1 + n * 2 ** -52), v];
  });

/**
 * (mu, y, v) with y − mu within ~2^−106 of √(−v·log(2πv)): y is that root rounded and mu the
 * rounded residual (computed at 80 digits), so the result is ~2^−100 of the terms. These inputs
 * defeat double-double and exercise the fixed-point path.
 */
const deepBalanced: fc.Arbitrary<FloatArg[]> = smallVariance
  .filter((v) => v > 1e-300 && v < 0.15)
  .map((v) => {
    const m = new RefMath(80);
    const V = exactDecimal(v);
    const root = m.D.ln(m.D.acos(-1).times(2).times(V)).neg().times(V).sqrt();
    const y = root.toNumber();
    const mu = exactDecimal(y).minus(root).toNumber();
    return [mu, y, v];
  });

/**
 * float32 arguments with v still > 0: Math.fround sends a variance below 2^−150 to 0, outside the
 * domain (the shared `argsFor(…, {round})` does the same).
 */
const f32Valid = (arb: fc.Arbitrary<FloatArg[]>) => toF32(arb).filter((a) => (a[2] as number) > 0);

/** Huge differences and extreme variances: (y − mu)² or y − mu above MAX, v subnormal or huge. */
const gaussianExtremes: fc.Arbitrary<FloatArg[]> = fc.oneof(
  fc.tuple(range(-1e308, 1e308), range(-1e308, 1e308), range(1e250, 1e308)),
  fc.tuple(real, real, fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true })),
  fc.tuple(range(-1, 1), range(-1, 1), range(0.159, 0.16)), // 2πv next to 1: the log near 0
);

describe('gaussianNll', () => {
  const arb = fc.oneof(argsFor(gnll), balanced, gaussianExtremes);
  test('float64 ≤ 2 ULPs', (ctx) => assertAccuracy(ctx, gnll, 'float64', 2, arb));
  test('float64 ≤ 2 ULPs where the terms balance to ~2^−100 (fixed-point path)', (ctx) =>
    assertAccuracy(ctx, gnll, 'float64', 2, deepBalanced, runs(0.15)));
  test('the fixed-point path alone ≤ 1 ULP on general inputs', (ctx) =>
    checkProperty(
      ctx,
      fc.property(fc.oneof(argsFor(gnll), balanced), (args) => {
        const [mu, y, v] = args as [number, number, number];
        if (!Number.isFinite(mu) || !Number.isFinite(y) || !Number.isFinite(v)) return;
        const e = ulpError(gaussianNllFixed(mu, y, v), ref(gnll, args));
        if (!(e <= 1)) throw new Error(`gaussianNllFixed at ${show(args)}: ${e} ULPs > 1 ULP`);
      }),
      { numRuns: runs(0.15) },
    ));
  test('float32 ≤ 1 float32 ULP', (ctx) =>
    assertAccuracy(ctx, gnll, 'float32', 1, f32Valid(fc.oneof(argsFor(gnll), balanced, gaussianExtremes))));
  test('naive cancels where the terms balance, and overflows (y − mu)²', () => {
    // v = fl(1/(2π)), y = mu: the exact value is ½·log(2πv) ≈ 3.1e−17; naive log(fl(2π·v)) gives 0.
    expect(errorAt(gnll, 'naive', [0, 0, 0.15915494309189535])).toBeGreaterThan(1e15);
    // (1e200)² overflows although (1e200)²/(2e300) = 5e99.
    expect(errorAt(gnll, 'naive', [0, 1e200, 1e300])).toBe(inf);
    expect(errorAt(gnll, 'float64', [0, 1e200, 1e300])).toBeLessThanOrEqual(0.5);
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, gnll));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(ctx, gnll, fc.oneof(argsFor(gnll), balanced), runs(0.15)));
});

describe('gaussianNllGradMu', () => {
  const extremes: fc.Arbitrary<FloatArg[]> = fc.oneof(
    fc.tuple(range(-Number.MAX_VALUE, Number.MAX_VALUE), range(-Number.MAX_VALUE, Number.MAX_VALUE), range(1, 1e10)),
    fc.tuple(real, real, fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true })),
  );
  const arb = fc.oneof(argsFor(ggrad), extremes);
  test('float64 ≤ 2 ULPs', (ctx) => assertAccuracy(ctx, ggrad, 'float64', 2, arb));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, ggrad, 'float32', 1, f32Valid(arb)));
  test('naive (mu − y)/v overflows mu − y', () => {
    expect(errorAt(ggrad, 'naive', [1e308, -1e308, 10])).toBe(inf); // exact 2e307
    expect(errorAt(ggrad, 'float64', [1e308, -1e308, 10])).toBeLessThanOrEqual(1);
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, ggrad));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(ctx, ggrad, argsFor(ggrad), runs(0.15)));
});

describe('bernoulliNll', () => {
  const nearOne: fc.Arbitrary<FloatArg[]> = fc.tuple(
    fc.oneof(prob, range(0, 1e-300), range(1 - 1e-12, 1)),
    fc.constantFrom(0, 1),
  );
  const arb = fc.oneof(argsFor(bern), nearOne);
  test('float64 ≤ 2 ULPs', (ctx) => assertAccuracy(ctx, bern, 'float64', 2, arb));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, bern, 'float32', 1, toF32(arb)));
  test('naive −y·log p − (1−y)·log(1−p) breaks at 0·log 0 and for tiny p', () => {
    expect(errorAt(bern, 'naive', [0, 0])).toBe(inf); // 0·(−∞) = NaN where the exact value is 0
    expect(errorAt(bern, 'naive', [1e-20, 0])).toBeGreaterThan(1e15); // 1 − p = 1: returns 0
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, bern));
  test('the validated entry points reject a soft or NaN y, naming it', () => {
    expect(() => validateArgs(bern, [0.5, 0.5])).toThrow(DomainError);
    expect(() => validateArgs(bern, [0.5, 0.5])).toThrow(/y is a hard label/);
    expect(() => validateArgs(bern, [0.5, Number.NaN])).toThrow(DomainError);
    expect(() => validateArgs(bern, [0.5, 1])).not.toThrow();
  });
  test('reference vs alternate agree to ≥ 45 digits', (ctx) => assertCrossCheck(ctx, bern, arb, runs(0.15)));
});

describe('categoricalNll', () => {
  const arb = argsFor(cat);
  test('float64 ≤ 2 ULPs', (ctx) => assertAccuracy(ctx, cat, 'float64', 2, arb));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, cat, 'float32', 1, toF32(arb)));
  // The textbook −log p_k is accurate (fdlibm log < 1 ulp); it only ignores NaN elsewhere in p.
  test('naive −log p_k is accurate (≤ 2 ULPs) on valid numbers', (ctx) =>
    assertAccuracy(
      ctx,
      cat,
      'naive',
      2,
      arb.filter((a) => !(a[0] as number[]).some(Number.isNaN)),
      runs(0.5),
    ));
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, cat));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(ctx, cat, argsFor(cat, { maxK: 16 }), runs(0.15)));
});

describe('likelihood fixtures (mpmath, scripts/fixtures_likelihood.py)', () => {
  const file = loadFixtures('likelihood');
  test.each(file.cases.map((c) => [c.id, c.guards, c] as const))('%s: %s', (_id, _g, c) =>
    assertFixture(getEntry(c.id), c),
  );
});
