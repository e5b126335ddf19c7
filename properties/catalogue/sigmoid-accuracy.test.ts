/**
 * Accuracy of the sigmoid family's float64 and float32 kernels against the adaptive reference
 * (issue 2 budgets: float64 ≤ 2 ULPs where the result does not cancel, ≤ 4 ULPs otherwise, as the
 * entries' `float64Budget` states; float32 ≤ 1 float32 ULP at float32 inputs).
 *
 * Inputs: the audit's regime mix (`argsFor`) plus the regimes it draws thinly for these ids:
 * targets next to σ(z) (y = fl(σ(z)) and its neighbours, where σ(z) − y cancels completely and the
 * kernels' decimal.js fallback runs), y = ½ with tiny z (σ(z) − ½ ≈ z/4), targets at the float64
 * fast path's certification threshold, logits at its |z| = 650 edge, and probabilities next to
 * ½, 0 and 1. LOSSPROOF_REPORT=1 prints the largest error found per id and dtype.
 */
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { argsFor, range, real } from '../../src/audit/arbitraries.ts';
import { entries } from '../../src/catalogue/sigmoid.ts';
import { type CatalogueEntry, type FloatArg, ownBudget } from '../../src/catalogue/types.ts';
import { FLOAT32, FLOAT64 } from '../../src/numeric/float.ts';
import { runs } from '../_support/config.ts';
import { assertAccuracy, toF32 } from './_losses.ts';

/** σ(z) by the float64 kernel: only used to place targets next to σ(z), not to judge anything. */
const sigma = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** A target in (0, 1) within a few ulps of σ(z): σ(z) − y cancels down to the last bits. */
function nearSigmaTarget(fmt: typeof FLOAT64): fc.Arbitrary<FloatArg[]> {
  const z = fc.oneof(range(-40, 40), range(-3, 3), range(-745, 745), real);
  return fc.tuple(z, fc.integer({ min: -2, max: 2 })).map(([zz, k]) => {
    const z0 = fmt.round(zz);
    let y = fmt.round(sigma(z0));
    for (let i = 0; i < Math.abs(k); i++) y = k > 0 ? fmt.nextUp(y) : fmt.nextDown(y);
    if (!(y > 0 && y < 1)) y = 0.5; // saturated σ: keep a soft target
    return [z0, y];
  });
}

/** Tiny and small logits against y = ½: σ(z) − ½ = ½·tanh(z/2). */
const halfTarget: fc.Arbitrary<FloatArg[]> = fc
  .oneof(range(-1e-300, 1e-300), range(-1e-6, 1e-6), range(-2, 2), fc.constantFrom(5e-324, -5e-324, 2.2e-308))
  .map((z) => [z, 0.5]);

/** Probabilities next to ½ (logit ≈ 4(p − ½)), next to 0 and 1, and the [¼, ¾] branch edges. */
const probRegimes: fc.Arbitrary<number> = fc.oneof(
  range(0.5 - 1e-9, 0.5 + 1e-9),
  range(0.2, 0.3),
  range(0.7, 0.8),
  range(1 - 1e-12, 1),
  fc.double({ min: 0, max: 1e-300, noNaN: true }),
);

/**
 * Targets at the float64 fast path's certification edge: |σ(z) − y| = f·min(σ(z), σ(−z)) with
 * f ∈ [2^−7, 2^−3] on either side of the threshold 2^−5 (sigmoid.ts, fastGap), on both sides of σ
 * and for z on both sides of 0.
 */
function fastGapEdgeTarget(fmt: typeof FLOAT64): fc.Arbitrary<FloatArg[]> {
  return fc.tuple(fc.oneof(range(-40, 40), range(-3, 3)), range(-7, -3), fc.boolean()).map(([zz, lf, above]) => {
    const z0 = fmt.round(zz);
    const small = sigma(-Math.abs(z0));
    const gap = 2 ** lf * small * (above ? 1 : -1);
    let y = fmt.round(z0 > 0 ? 1 - small - gap : small - gap);
    if (!(y > 0 && y < 1)) y = 0.5;
    return [z0, y];
  });
}

/** Logits around ±650, where the float64 fast paths hand over to the double-double ones. */
const fastEdgeLogit: fc.Arbitrary<number> = fc.oneof(range(640, 660), range(-660, -640));

/** Extra regimes for one entry, by argument kinds. */
function extraRegimes(entry: CatalogueEntry, fmt: typeof FLOAT64): fc.Arbitrary<FloatArg[]> | undefined {
  const kinds = entry.args.map((a) => a.kind).join(',');
  if (kinds === 'real,target')
    return fc.oneof(
      nearSigmaTarget(fmt),
      halfTarget.map((a) => a.map((x) => fmt.round(x as number))),
      fastGapEdgeTarget(fmt),
      fc
        .tuple(fastEdgeLogit, fc.oneof(fc.constantFrom(0, 1), range(0, 1)))
        .map(([z, y]) => [fmt.round(z), fmt.round(y)]),
    );
  if (kinds === 'real') return fastEdgeLogit.map((z) => [fmt.round(z)]);
  if (kinds === 'prob') return probRegimes.map((p) => [fmt.round(p)]);
  if (kinds === 'prob,target') {
    // p next to y (p − y cancels), and soft y against p at the edges.
    return fc.oneof(
      fc.tuple(range(0, 1), fc.integer({ min: -3, max: 3 })).map(([y, k]) => {
        const y0 = fmt.round(y);
        let p = y0;
        for (let i = 0; i < Math.abs(k); i++) p = k > 0 ? fmt.nextUp(p) : fmt.nextDown(p);
        return [Math.min(1, Math.max(0, p)), y0];
      }),
      fc.tuple(probRegimes, range(0, 1)).map(([p, y]) => [fmt.round(p), fmt.round(y)]),
    );
  }
  return undefined;
}

describe('sigmoid family: float64 kernels within their ULP budgets', () => {
  for (const entry of entries) {
    const budget = ownBudget(entry, 'float64');
    test(`${entry.id} float64 ≤ ${budget} ULPs over the regime mix`, (ctx) => {
      assertAccuracy(ctx, entry, 'float64', budget, argsFor(entry));
    });
    const extra = extraRegimes(entry, FLOAT64);
    if (extra !== undefined) {
      test(`${entry.id} float64 ≤ ${budget} ULPs where the result cancels or saturates`, (ctx) => {
        assertAccuracy(ctx, entry, 'float64', budget, extra, runs(0.5));
      });
    }
  }
});

describe('sigmoid family: float32 kernels within 1 float32 ULP', () => {
  for (const entry of entries) {
    const budget = ownBudget(entry, 'float32');
    test(`${entry.id} float32 ≤ ${budget} float32 ULP over the regime mix`, (ctx) => {
      assertAccuracy(ctx, entry, 'float32', budget, toF32(argsFor(entry, { round: Math.fround })));
    });
    const extra = extraRegimes(entry, FLOAT32);
    if (extra !== undefined) {
      test(`${entry.id} float32 ≤ ${budget} float32 ULP where the result cancels or saturates`, (ctx) => {
        assertAccuracy(ctx, entry, 'float32', budget, extra, runs(0.5));
      });
    }
  }
});
