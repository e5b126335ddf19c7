/**
 * Kernel accuracy, edge values, reference cross-checks and the mpmath table for the distribution
 * family: crossEntropy, klDivergence, entropy.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { argsFor, lengthArb, probVector, range } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import type { FloatArg } from '../../src/catalogue/types.ts';
import { klDivergenceFixed } from '../../src/kernels/float64/distribution.ts';
import { FLOAT64 } from '../../src/numeric/float.ts';
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

const ce = getEntry('crossEntropy');
const kl = getEntry('klDivergence');
const ent = getEntry('entropy');
const inf = Number.POSITIVE_INFINITY;

/** Moves each component of p by up to `n` ulps (clamped to [0, 1]): q ≈ p, KL of second order. */
function nudge(p: readonly number[], steps: readonly number[]): number[] {
  return p.map((v, i) => {
    let x = v;
    const n = steps[i] ?? 0;
    for (let j = 0; j < Math.abs(n); j++) x = n > 0 ? FLOAT64.nextUp(x) : FLOAT64.nextDown(x);
    return Math.min(1, Math.max(0, x));
  });
}

/** (q, p) with q a few ulps away from p, component by component (p from the usual generator). */
const nearlyEqual: fc.Arbitrary<FloatArg[]> = lengthArb(1, 64).chain((K) =>
  fc
    .tuple(probVector(K), fc.array(fc.integer({ min: -3, max: 3 }), { minLength: K, maxLength: K }))
    .map(([p, n]) => [nudge(p, n), p]),
);

/**
 * Softmax pairs from logits of small spread (≤ 1.5): KL of order 10^−2..1 with terms of both signs
 * cancelling by factors ~1.3–10, where the float64 kernel's first fast pass cannot certify itself and
 * its Newton-corrected pass (klDivergenceNewton) decides.
 */
const mildlyCancelling: fc.Arbitrary<FloatArg[]> = lengthArb(2, 16).chain((K) =>
  fc
    .tuple(
      fc.array(range(-0.75, 0.75), { minLength: K, maxLength: K }),
      fc.array(range(-0.75, 0.75), { minLength: K, maxLength: K }),
    )
    .map(([a, b]) => {
      const soft = (z: number[]): number[] => {
        const e = z.map((v) => Math.exp(v));
        const s = e.reduce((x, y) => x + y, 0);
        return e.map((v) => v / s);
      };
      return [soft(a), soft(b)];
    }),
);

/** All components tiny (below 2^−900): the weights are scaled before the products. */
const tinyVectors: fc.Arbitrary<FloatArg[]> = lengthArb(1, 16).chain((K) =>
  fc.tuple(
    fc.array(range(0, 1e-300), { minLength: K, maxLength: K }),
    fc.array(range(1e-320, 1e-300), { minLength: K, maxLength: K }),
  ),
);

/**
 * Unnormalised (q, p) whose KL terms balance to ~2^−100 of their size: two random terms, a third
 * that cancels them to a double's accuracy, and a fourth, of the size of the remainder, that
 * cancels that remainder (the p's solved at 80 digits). These defeat double-double accumulation.
 */
const deepBalancedKl: fc.Arbitrary<FloatArg[]> = fc
  .tuple(range(0.05, 1), range(0.05, 1), range(0.05, 1), range(0.05, 1))
  .map(([q1, p1, q2, p2]) => {
    const m = new RefMath(80);
    const term = (q: number, p: number) => exactDecimal(q).times(m.D.ln(exactDecimal(q).div(exactDecimal(p))));
    const q = [q1, q2];
    const p = [p1, p2];
    // Each further component c solves q_c·log(q_c/p_c) = −(sum so far) with q_c = |sum|·e^−1 / 2:
    // p_c = q_c·e^(sum/q_c), inside (0, 1].
    for (let i = 0; i < 2; i++) {
      let s = m.D(0);
      for (let j = 0; j < q.length; j++) s = s.plus(term(q[j] as number, p[j] as number));
      if (s.isZero()) break;
      const qc = Math.min(0.5, s.abs().toNumber() / 2);
      const pc = exactDecimal(qc)
        .times(m.D.exp(s.div(exactDecimal(qc))))
        .toNumber();
      if (!(pc > 0 && pc <= 1)) break;
      q.push(qc);
      p.push(pc);
    }
    return [q, p];
  });

describe('crossEntropy', () => {
  const arb = fc.oneof(
    argsFor(ce),
    tinyVectors.map(([a, b]) => [b as number[], a as number[]]),
  );
  test('float64 ≤ 4 ULPs', (ctx) => assertAccuracy(ctx, ce, 'float64', 4, arb, runs(0.5)));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, ce, 'float32', 1, toF32(arb), runs(0.5)));
  test('naive −Σ y log p has no 0·log 0 convention', () => {
    expect(
      errorAt(ce, 'naive', [
        [0, 1],
        [0, 1],
      ]),
    ).toBe(inf); // 0·log 0 = NaN, exact 0
    expect(
      errorAt(ce, 'float64', [
        [0, 1],
        [0, 1],
      ]),
    ).toBe(0);
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, ce));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(ctx, ce, argsFor(ce, { maxK: 8 }), runs(0.1)));
});

describe('klDivergence', () => {
  const arb = fc.oneof(argsFor(kl), nearlyEqual, tinyVectors, mildlyCancelling);
  test('float64 ≤ 4 ULPs', (ctx) => assertAccuracy(ctx, kl, 'float64', 4, arb, runs(0.5)));
  test('float64 ≤ 4 ULPs where the terms cancel to ~2^−100 (fixed-point path)', (ctx) =>
    assertAccuracy(ctx, kl, 'float64', 4, deepBalancedKl, runs(0.15)));
  test('the fixed-point path alone ≤ 1 ULP on general inputs', (ctx) =>
    checkProperty(
      ctx,
      fc.property(fc.oneof(argsFor(kl, { maxK: 8 }), nearlyEqual), (args) => {
        const [q, p] = args as [number[], number[]];
        if (q.some((v, i) => v > 0 && p[i] === 0)) return; // +∞: not the fixed-point path's job
        const e = ulpError(klDivergenceFixed(q, p), ref(kl, args));
        if (!(e <= 1)) throw new Error(`klDivergenceFixed at ${show(args)}: ${e} ULPs > 1 ULP`);
      }),
      { numRuns: runs(0.1) },
    ));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, kl, 'float32', 1, toF32(arb), runs(0.5)));
  test('naive Σ q log(q/p) loses the second-order value, overflows q/p, and gives NaN at 0/0', () => {
    // q and p one ulp apart: exact −5.55e−17 (Σq ≠ Σp), naive off by ~1.8e15 ULPs.
    expect(
      errorAt(kl, 'naive', [
        [0.3, 0.7],
        [0.30000000000000004, 0.7],
      ]),
    ).toBeGreaterThan(1e14);
    expect(
      errorAt(kl, 'naive', [
        [1, 0],
        [1e-320, 1],
      ]),
    ).toBe(inf); // 1/1e−320 = ∞, and 0·log(0/1)…
    expect(errorAt(kl, 'naive', [[1], [1e-320]])).toBe(inf); // q/p overflows: +∞, exact 736.8
    expect(errorAt(kl, 'float64', [[1], [1e-320]])).toBeLessThanOrEqual(0.5);
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, kl));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(
      ctx,
      kl,
      fc.oneof(
        argsFor(kl, { maxK: 8 }),
        nearlyEqual.filter((a) => (a[0] as number[]).length <= 8),
      ),
      runs(0.1),
    ));
});

describe('entropy', () => {
  const arb = fc.oneof(
    argsFor(ent),
    tinyVectors.map(([a]) => [a as number[]]),
  );
  test('float64 ≤ 4 ULPs', (ctx) => assertAccuracy(ctx, ent, 'float64', 4, arb, runs(0.5)));
  test('float32 ≤ 1 float32 ULP', (ctx) => assertAccuracy(ctx, ent, 'float32', 1, toF32(arb), runs(0.5)));
  test('naive −Σ q log q has no 0·log 0 convention', () => {
    expect(errorAt(ent, 'naive', [[0, 1]])).toBe(inf); // NaN, exact 0
    expect(errorAt(ent, 'float64', [[0, 1]])).toBe(0);
  });
  test('edge values (from the registry)', (ctx) => assertEdges(ctx, ent));
  test('reference vs alternate agree to ≥ 45 digits', (ctx) =>
    assertCrossCheck(ctx, ent, argsFor(ent, { maxK: 8 }), runs(0.1)));
});

describe('distribution fixtures (mpmath, scripts/fixtures_distribution.py)', () => {
  const file = loadFixtures('distribution');
  test.each(file.cases.map((c) => [c.id, c.guards, c] as const))('%s: %s', (_id, _g, c) =>
    assertFixture(getEntry(c.id), c),
  );
});
