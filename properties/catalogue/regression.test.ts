/**
 * Kernel accuracy, edge values, reference cross-checks and the mpmath table for the regression
 * family: squaredError, squaredErrorGrad, meanSquaredError.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { argsFor, lengthArb, range, real } from '../../src/audit/arbitraries.ts';
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

const se = getEntry('squaredError');
const seg = getEntry('squaredErrorGrad');
const mse = getEntry('meanSquaredError');
const inf = Number.POSITIVE_INFINITY;

/** Pairs whose difference is in the regimes that matter: near-equal, square near MAX, subnormal square. */
const pairs: fc.Arbitrary<FloatArg[]> = fc.oneof(
  real.chain((u) => fc.integer({ min: -8, max: 8 }).map((n) => [u, u + n * Math.abs(u) * 2 ** -52])),
  fc.tuple(range(1e154, 1.4e154), range(-1e150, 1e150)).map(([u, y]) => [u, y]), // (u − y)² next to MAX
  fc.tuple(range(-1e-160, 1e-160), range(-1e-160, 1e-160)).map(([u, y]) => [u, y]), // subnormal squares
  fc.tuple(range(-Number.MAX_VALUE, Number.MAX_VALUE), range(-Number.MAX_VALUE, Number.MAX_VALUE)),
);

/** Vectors with one huge term (a term above MAX in a representable mean) or all-tiny components. */
const mseVectors: fc.Arbitrary<FloatArg[]> = lengthArb(1, 64).chain((K) =>
  fc.oneof(
    fc.tuple(
      fc.array(range(-1e160, 1e160), { minLength: K, maxLength: K }),
      fc.array(range(-1e155, 1e155), { minLength: K, maxLength: K }),
    ),
    fc.tuple(
      fc.array(range(-1e-170, 1e-170), { minLength: K, maxLength: K }),
      fc.array(range(-1e-170, 1e-170), { minLength: K, maxLength: K }),
    ),
    fc.tuple(
      fc.array(range(-2, 2), { minLength: K, maxLength: K }),
      fc.array(range(-2, 2), { minLength: K, maxLength: K }),
    ),
  ),
);

describe('squaredError', () => {
  const arb = fc.oneof(argsFor(se), pairs);
  test('float64 ≤ 2 ULPs', (ctx) => assertAccuracy(ctx, se, 'float64', 2, arb));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, se, 'float32', 1, toF32(arb)));
  // The textbook (u − y)² is already within budget: fl(u − y) is correctly rounded and one more
  // rounding of the square gives ≤ 1.5 ULPs.
  test('naive (u − y)² is accurate (≤ 2 ULPs)', (ctx) => assertAccuracy(ctx, se, 'naive', 2, arb, runs(0.5)));
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, se));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(ctx, se, fc.oneof(argsFor(se), pairs), runs(0.15)));
});

describe('squaredErrorGrad', () => {
  const arb = fc.oneof(argsFor(seg), pairs);
  test('float64 ≤ 0.5 ULP (correctly rounded)', (ctx) => assertAccuracy(ctx, seg, 'float64', 0.5, arb));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, seg, 'float32', 1, toF32(arb)));
  // The textbook 2(u − y) is the float64 kernel: doubling a correctly rounded difference is exact.
  test('naive 2(u − y) is correctly rounded', (ctx) => assertAccuracy(ctx, seg, 'naive', 0.5, arb, runs(0.5)));
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, seg));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) => assertCrossCheck(ctx, seg, argsFor(seg), runs(0.15)));
});

describe('meanSquaredError', () => {
  const arb = fc.oneof(argsFor(mse), mseVectors);
  test('float64 ≤ 2 ULPs', (ctx) => assertAccuracy(ctx, mse, 'float64', 2, arb, runs(0.5)));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, mse, 'float32', 1, toF32(arb), runs(0.5)));
  test('naive overflows a term above MAX although the mean is representable', () => {
    // (1.8e154)² = 3.24e308 > MAX, the mean 1.62e308 is finite: the naive sum returns +∞.
    const args: FloatArg[] = [
      [1.8e154, 0],
      [0, 0],
    ];
    expect(errorAt(mse, 'naive', args)).toBe(inf);
    expect(errorAt(mse, 'float64', args)).toBeLessThanOrEqual(0.5);
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, mse));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(ctx, mse, argsFor(mse, { maxK: 16 }), runs(0.1)));
});

describe('regression fixtures (mpmath, scripts/fixtures_regression.py)', () => {
  const file = loadFixtures('regression');
  test.each(file.cases.map((c) => [c.id, c.guards, c] as const))('%s: %s', (_id, _g, c) =>
    assertFixture(getEntry(c.id), c),
  );
});
