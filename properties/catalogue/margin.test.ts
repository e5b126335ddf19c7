/**
 * Kernel accuracy, edge values, reference cross-checks and the mpmath table for the margin family:
 * hinge, hingeGrad, multiclassHinge.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { argsFor, lengthArb, range, sign } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import type { FloatArg } from '../../src/catalogue/types.ts';
import { runs } from '../_support/config.ts';
import {
  assertAccuracy,
  assertCrossCheck,
  assertEdges,
  assertFixture,
  errorAt,
  loadFixtures,
  toF32,
} from './_losses.ts';

const hinge = getEntry('hinge');
const hingeGrad = getEntry('hingeGrad');
const mch = getEntry('multiclassHinge');
const inf = Number.POSITIVE_INFINITY;

/** z next to the kink t·z = 1 (a few ulps either side) and exactly on it. */
const kink: fc.Arbitrary<FloatArg[]> = fc
  .tuple(sign, fc.integer({ min: -6, max: 6 }))
  .map(([t, n]) => [t * (1 + n * 2 ** -52), t]);

/**
 * Logit vectors where 1 + max_{j≠k} z_j − z_k cancels: z_k = max + 1 ± a few ulps, at scales from
 * 1 to 1e17 (where 1 is below the ulp of the logits).
 */
const mchCancel: fc.Arbitrary<FloatArg[]> = lengthArb(2, 64).chain((K) =>
  fc
    .tuple(
      fc.array(range(-3, 3), { minLength: K, maxLength: K }),
      fc.nat(K - 1),
      fc.constantFrom(1, 1e3, 1e8, 1e15, 1e17),
      fc.integer({ min: -4, max: 4 }),
    )
    .map(([z, k, scale, n]) => {
      const zs = z.map((v) => v * scale);
      const m = Math.max(...zs.filter((_, j) => j !== k));
      zs[k] = m + 1 + n * Math.max(2 ** -52, Math.abs(m) * 2 ** -52);
      return [zs, k];
    }),
);

describe('hinge', () => {
  const arb = fc.oneof(argsFor(hinge), kink);
  test('float64 ≤ 0.5 ULP (correctly rounded)', (ctx) => assertAccuracy(ctx, hinge, 'float64', 0.5, arb));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, hinge, 'float32', 1, toF32(arb)));
  // The textbook max(0, 1 − t·z) is the float64 kernel: t·z is exact, one rounding remains.
  test('naive max(0, 1 − t·z) is correctly rounded', (ctx) => assertAccuracy(ctx, hinge, 'naive', 0.5, arb, runs(0.5)));
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, hinge));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) => assertCrossCheck(ctx, hinge, arb, runs(0.15)));
});

describe('hingeGrad', () => {
  const arb = fc.oneof(argsFor(hingeGrad), kink);
  test('float64 exact', (ctx) => assertAccuracy(ctx, hingeGrad, 'float64', 0, arb));
  test('float32 exact', (ctx) => assertAccuracy(ctx, hingeGrad, 'float32', 0, toF32(arb)));
  test('naive t·z < 1 ? −t : 0 is exact for numbers but gives 0 for NaN', () => {
    expect(errorAt(hingeGrad, 'naive', [0.5, 1])).toBe(0);
    expect(errorAt(hingeGrad, 'naive', [Number.NaN, 1])).toBe(inf); // NaN in, 0 out
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, hingeGrad));
  test('reference vs alternate agree', (ctx) => assertCrossCheck(ctx, hingeGrad, arb, runs(0.15)));
});

describe('multiclassHinge', () => {
  const arb = fc.oneof(argsFor(mch), mchCancel);
  test('float64 ≤ 2 ULPs', (ctx) => assertAccuracy(ctx, mch, 'float64', 2, arb, runs(0.5)));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, mch, 'float32', 1, toF32(arb), runs(0.5)));
  test('naive (1 + max) − z_k loses the 1 at large logits', () => {
    // 1 + 1e17 = 1e17 in float64, so the naive form returns 0 where the exact value is 1.
    expect(errorAt(mch, 'naive', [[1e17, 1e17], 0])).toBeGreaterThan(1e15);
    expect(errorAt(mch, 'float64', [[1e17, 1e17], 0])).toBe(0);
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, mch));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(ctx, mch, argsFor(mch, { maxK: 16 }), runs(0.15)));
});

describe('margin fixtures (mpmath, scripts/fixtures_margin.py)', () => {
  const file = loadFixtures('margin');
  test.each(file.cases.map((c) => [c.id, c.guards, c] as const))('%s: %s', (_id, _g, c) =>
    assertFixture(getEntry(c.id), c),
  );
});
