/**
 * Issue 4: the three gradient oracles (catalogue reference, Richardson finite difference of the loss's
 * reference, mathjs symbolic derivative) agree to ≥ 30 significant digits across regimes, and a planted
 * mistake (a sigmoid+MSE gradient without the σ′ factor) is told apart by the same comparison.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { range } from '../../src/audit/arbitraries.ts';
import type { FloatArg } from '../../src/catalogue/types.ts';
import { gradientOracles, type OracleValues, secondOracles } from '../../src/oracles/oracles.ts';
import { agreeDigits } from '../../src/oracles/symbolic.ts';
import { exactDecimal } from '../../src/reference/decimal.ts';
import { runs } from '../_support/config.ts';
import { logit, logitVec } from '../_support/exact.ts';

const DIGITS = 30;

/** Each oracle within 10^−30 relative of the analytic one, and the finite difference's own bound too. */
function agree(o: OracleValues): void {
  o.analytic.forEach((a, i) => {
    const fd = o.fd[i];
    const sym = o.symbolic[i];
    if (fd === undefined || sym === undefined) throw new Error('oracle arrays of unequal length');
    // An exact zero gradient (K = 1 cross-entropy, σ(0) − ½) is compared in absolute terms, 10^−30
    // of the loss's O(1) scale.
    const tol = a.isZero() ? a.plus(`1e-${DIGITS}`) : a.abs().times(`1e-${DIGITS}`);
    // Relative digits of agreement, for the message.
    expect({ i, fd: agreeDigits(a, fd.value) }).toSatisfy(() => fd.value.minus(a).abs().lte(tol));
    expect({ i, fdBound: fd.error.toExponential(3) }).toSatisfy(() => fd.error.lte(tol));
    expect({ i, sym: agreeDigits(a, sym) }).toSatisfy(() => sym.minus(a).abs().lte(tol));
  });
}

const soft = fc.oneof(fc.constantFrom(0, 1, 0.5), range(0, 1), range(1e-12, 1e-6), range(1 - 1e-6, 1));
// Saturation up to |z| = 745 costs ~700 digits: one case in ten.
const z = fc.oneof({ arbitrary: logit, weight: 9 }, { arbitrary: range(-745, 745), weight: 1 });
const open01 = fc.oneof(range(1e-300, 1e-10), range(1e-10, 1 - 1e-10), range(1 - 1e-10, 1 - 2 ** -53));
// Few runs: each case costs 10–400 ms (precision up to ~900 digits); the regimes are weighted in.
const cfg = (n: number) => ({ numRuns: Math.min(n, runs(n / 200, 1)) });

describe('gradient oracles agree to ≥ 30 significant digits', () => {
  const scalar: [string, fc.Arbitrary<FloatArg[]>][] = [
    ['sigmoidGrad', fc.tuple(z)],
    ['bceGrad', fc.tuple(open01, soft)],
    ['bceWithLogitsGrad', fc.tuple(z, soft)],
    ['sigmoidSquaredErrorGrad', fc.tuple(z, soft)],
    ['squaredErrorGrad', fc.tuple(fc.oneof(range(-1e300, 1e300), range(-10, 10)), soft)],
    // Off the kink: the loss is smooth on the finite difference's whole stencil.
    ['hingeGrad', fc.tuple(range(-50, 50), fc.constantFrom(-1, 1)).filter(([zz, t]) => Math.abs(1 - t * zz) > 1e-12)],
    ['gaussianNllGradMu', fc.tuple(range(-1e6, 1e6), range(-1e6, 1e6), fc.oneof(range(1e-12, 1), range(1, 1e6)))],
  ];
  for (const [id, arb] of scalar) {
    test.prop([arb], cfg(10))(`${id}`, (args) => agree(gradientOracles(id, args, DIGITS)));
  }

  const vec = (K: number) =>
    logitVec(K).chain((zz) => fc.tuple(fc.constant(zz), fc.array(soft, { minLength: K, maxLength: K })));
  for (const id of ['softmaxCrossEntropyGrad', 'softmaxSquaredErrorGrad']) {
    test.prop([fc.integer({ min: 1, max: 5 }).chain(vec)], cfg(6))(`${id}, K ≤ 5`, (args) =>
      agree(gradientOracles(id, args, DIGITS)),
    );
  }
  // K = 64 once for cross-entropy (components 0, 1, arg max, K − 1): the mathjs expression has K²
  // exponentials per derivative. softmaxSquaredError's expression has K² terms before differentiation,
  // so its large-K case is K = 12.
  test.prop([vec(64)], { numRuns: 1 })('softmaxCrossEntropyGrad, K = 64', (args) =>
    agree(gradientOracles('softmaxCrossEntropyGrad', args, DIGITS)),
  );
  test.prop([vec(12)], { numRuns: 1 })('softmaxSquaredErrorGrad, K = 12', (args) =>
    agree(gradientOracles('softmaxSquaredErrorGrad', args, DIGITS)),
  );
});

describe('second derivatives agree to ≥ 30 significant digits', () => {
  const zs = fc.oneof({ arbitrary: logit, weight: 9 }, { arbitrary: range(-600, 600), weight: 1 });
  test.prop([zs], cfg(6))('σ″', (zz) => agree(secondOracles('sigmoidSecond', [zz], DIGITS)));
  test.prop([zs, soft], cfg(6))('∂²/∂z² (σ(z) − y)²', (zz, y) =>
    agree(secondOracles('sigmoidSquaredErrorSecond', [zz, y], DIGITS)),
  );
  test.prop([zs, soft], cfg(6))('∂²/∂z² bceWithLogits', (zz, y) =>
    agree(secondOracles('bceWithLogitsSecond', [zz, y], DIGITS)),
  );
  test.prop(
    [
      fc
        .integer({ min: 1, max: 3 })
        .chain((K) => fc.tuple(logitVec(K), fc.array(soft, { minLength: K, maxLength: K }))),
    ],
    cfg(4),
  )('softmax-CE Hessian (Σy)·J(p)', ([zz, y]) => agree(secondOracles('softmaxCrossEntropyHessian', [zz, y], DIGITS)));
});

describe('a planted mistake is caught', () => {
  // The sigmoid+MSE gradient without its σ′ factor: 2(σ(z) − y). The oracles' agreement is what makes
  // the comparison trustworthy; the planted gradient must disagree with all three by far more than 30 digits.
  test.prop([range(-20, 20), fc.constantFrom(0, 1, 0.3)], cfg(10))('2(σ(z) − y) is not ∂/∂z (σ(z) − y)²', (zz, y) => {
    const o = gradientOracles('sigmoidSquaredErrorGrad', [zz, y], DIGITS);
    const s = 1 / (1 + Math.exp(-zz));
    const planted = exactDecimal(2 * (s - y));
    const a = o.analytic[0];
    if (a === undefined || a.isZero()) return;
    // σ′ ≤ ¼, so the planted value is ≥ 4× the true one: at least 0.5 relative apart.
    expect(planted.minus(a).abs().div(a.abs()).toNumber()).toBeGreaterThan(0.5);
    expect(
      planted
        .minus(o.symbolic[0] ?? a)
        .abs()
        .div(a.abs())
        .toNumber(),
    ).toBeGreaterThan(0.5);
  });
});
