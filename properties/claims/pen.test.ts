/**
 * Group PEN (docs/claims.md#pen): "MSE doesn't punish misclassifications enough". Derivations:
 * proofs/penalties.md.
 *
 * Each property is a function of what it tests (a bound's constant, a float kernel, the generator
 * that encodes a claim's condition), so that the same code runs on the claim and on a planted
 * mistake; the `planted …` tests show that it can fail. Inequalities are decided exactly from
 * catalogue references (`decideSign`); float behaviour is judged in ULPs against the adaptive reference.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { prob, range, target } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { FLOAT64 } from '../../src/numeric/float.ts';
import { ulpError } from '../../src/numeric/ulp.ts';
import type { Decimal } from '../../src/reference/decimal.ts';
import { referenceValue } from '../../src/reference/entry.ts';
import { RefMath } from '../../src/reference/math.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { exact, logit, logitVec, ref } from '../_support/exact.ts';
import { agree, decideSign, exactVec, geq, gt, oneHot, simplex, simplexPair, sizedSimplex } from './_decide.ts';

/** ‖a − b‖₂² from the catalogue's meanSquaredError (mean over K, times K). */
function sqDist(m: RefMath, a: readonly Decimal[], b: readonly Decimal[]): Decimal {
  return ref('meanSquaredError', m, a, b).times(a.length);
}
const brier = (m: RefMath, P: readonly Decimal[], y: number) => sqDist(m, P, oneHot(m, P.length, y));

/** An exact probability vector with a class index. */
const withClass = (v: fc.Arbitrary<number[]>) => v.chain((p) => fc.tuple(fc.constant(p), fc.nat(p.length - 1)));

// -------------------------------------------------------------------------------------- PEN-3
// PEN-3 first: its sharp constant c* is used by PEN-4.

/**
 * p* solves 2p·ln p + 1 − p = 0 on (0, 1) (the stationary point of −ln p/(1 − p)²), found by bisection
 * at 60 digits on [0.2, 0.4], where the left side changes sign from + to − exactly once; c* is the
 * ratio at p*. The quoted digits below must agree with this derivation.
 */
function sharpConstant(): { pStar: Decimal; cStar: Decimal } {
  const m = new RefMath(60);
  const g = (p: Decimal) => p.times(2).times(m.ln(p)).plus(1).minus(p);
  let lo = m.n('0.2');
  let hi = m.n('0.4');
  for (let i = 0; i < 200; i++) {
    const mid = lo.plus(hi).div(2);
    if (g(mid).isPos()) lo = mid;
    else hi = mid;
  }
  const pStar = lo.plus(hi).div(2);
  return { pStar, cStar: m.ln(pStar).neg().div(m.one.minus(pStar).pow(2)) };
}
const { pStar, cStar } = sharpConstant();
/** c* rounded down at 10 decimals (CLAIMS PEN-3's c_test) and a constant just above c*. */
const C_TEST = '2.4554074822';
const C_ABOVE = '2.4555';
const P_STAR = pStar.toNumber();

/** p ∈ (0, 1]: the usual regimes plus a window around p* where a constant above c* is caught. */
const positiveProb = fc.oneof(
  { arbitrary: prob.filter((p) => p > 0), weight: 2 },
  { arbitrary: range(P_STAR - 0.01, P_STAR + 0.01), weight: 2 },
);

/** PEN-3 with constant c: −log p ≥ c·(1 − p)² (−log p = bce(p, 1), (1 − p)² = squaredError(p, 1)). */
const ceOverSe = (c: string) =>
  fc.property(positiveProb, (p) => {
    const P = exact(p);
    return geq((m) => [ref('bce', m, P, m.one), ref('squaredError', m, P, m.one).times(c)]);
  });

test('PEN-3 c* = 2.455407482284128… at p* = 0.28466813704084…: bisection of 2p ln p + 1 − p = 0 at 60 digits', (ctx) => {
  expect(cStar.toSignificantDigits(16).toString()).toBe('2.455407482284128');
  expect(pStar.toSignificantDigits(14).toString()).toBe('0.28466813704084');
  expect(cStar.gt(C_TEST) && cStar.lt(C_ABOVE)).toBe(true);
  recordCases(ctx, 3);
});

test('PEN-3 −log p ≥ 1 − p ≥ (1 − p)², −log p ≥ 2(1 − p)² (equality only at p = 1), −log p ≥ 2.4554074822·(1 − p)² (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(positiveProb, (p) => {
      const P = exact(p);
      const chain =
        geq((m) => [ref('bce', m, P, m.one), m.one.minus(P)]) &&
        geq((m) => [m.one.minus(P), ref('squaredError', m, P, m.one)]);
      const two = decideSign((m) => [ref('bce', m, P, m.one), ref('squaredError', m, P, m.one).times(2)]);
      return chain && (p === 1 ? two === 0 : two > 0);
    }),
  );
  checkProperty(ctx, ceOverSe(C_TEST));
});

test('PEN-3 the constant is sharp: c = 2.4555 fails near p* (fast-check finds it; at p* itself the gap is negative)', (ctx) => {
  const details = fc.check(ceOverSe(C_ABOVE));
  recordCases(ctx, details.numRuns + 1);
  expect(details.failed).toBe(true);
  const [p] = details.counterexample as [number];
  expect(Math.abs(p - P_STAR)).toBeLessThan(0.01);
  const Ps = exact(P_STAR);
  expect(decideSign((m) => [ref('bce', m, Ps, m.one), ref('squaredError', m, Ps, m.one).times(C_ABOVE)])).toBe(-1);
});

// -------------------------------------------------------------------------------------- PEN-1

/** PyTorch BCELoss: each log clamped at −100 (documented), so a loss never exceeds 100. */
const torchBce = (p: number, y: number) =>
  -(y * Math.max(Math.log(p), -100) + (1 - y) * Math.max(Math.log(1 - p), -100));
/** Keras-style probability BCE: p clipped to [ε, 1 − ε] with ε = 1e−7 before the logs. */
const KERAS_EPS = 1e-7;
const kerasBce = (p: number, y: number) => {
  const c = Math.min(Math.max(p, KERAS_EPS), 1 - KERAS_EPS);
  return -(y * Math.log(c) + (1 - y) * Math.log(1 - c));
};

test('PEN-1 SE is bounded: 0 ≤ (p − y)² ≤ 1, 0 ≤ (σ(z) − y)² ≤ 1, mean-over-K ‖p − e_y‖²/K ≤ 2/K (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(prob, target, logit, (p, y, z) => {
      const P = exact(p);
      const Y = exact(y);
      const Z = exact(z);
      return (
        geq((m) => [ref('squaredError', m, P, Y), m.zero]) &&
        geq((m) => [m.one, ref('squaredError', m, P, Y)]) &&
        geq((m) => [ref('sigmoidSquaredError', m, Z, Y), m.zero]) &&
        geq((m) => [m.one, ref('sigmoidSquaredError', m, Z, Y)])
      );
    }),
  );
  checkProperty(
    ctx,
    fc.property(withClass(sizedSimplex(2, 8)), ([p, y]) => {
      const Pv = exactVec(p);
      return geq((m) => [m.n(2).div(p.length), ref('meanSquaredError', m, Pv, oneHot(m, p.length, y))]);
    }),
  );
});

test('PEN-1 softmax-SE < 2 at every finite logit vector, CE unbounded: bceWithLogits(−B, 1) ≥ B, softmax-CE([−B, 0], e₀) ≥ B up to B = 1e300 (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(
      fc.integer({ min: 2, max: 6 }).chain((K) => fc.tuple(logitVec(K), fc.nat(K - 1))),
      ([z, y]) => {
        const Z = exactVec(z);
        return gt((m) => [m.n(2), ref('softmaxSquaredError', m, Z, oneHot(m, z.length, y))]);
      },
    ),
  );
  checkProperty(
    ctx,
    fc.property(fc.oneof(range(1, 1e3), range(1, 1e300)), (b) => {
      // ≥, not >: the excess log1p(e^−B) is below any working precision once B ≳ 2000.
      const B = exact(b);
      return (
        geq((m) => [ref('bceWithLogits', m, B.neg(), m.one), B]) &&
        geq((m) => [ref('softmaxCrossEntropy', m, [B.neg(), m.zero], [m.one, m.zero]), B])
      );
    }),
  );
});

test('PEN-1 framework clamps bound BCE: PyTorch-style ≤ 100, Keras-style ≤ −log(1 − fl(1 − 1e−7)) ≈ 16.118 (float, slack 8u relative)', (ctx) => {
  const u = 2 ** -53;
  // The clip's upper end fl(1 − ε) rounds up, so 1 − fl(1 − ε) = 9.99999995e−8 < ε: on the y = 0 side
  // the bound is −log(1 − fl(1 − ε)) = 16.1180956514…, 5e−10 above −log ε.
  const kerasBound = Math.max(-Math.log(KERAS_EPS), -Math.log(1 - (1 - KERAS_EPS)));
  expect(kerasBound).toBeGreaterThan(-Math.log(KERAS_EPS));
  checkProperty(
    ctx,
    fc.property(
      prob,
      target,
      (p, y) => torchBce(p, y) <= 100 * (1 + 8 * u) && kerasBce(p, y) <= kerasBound * (1 + 8 * u),
    ),
  );
});

/** Probabilities where −log p > 100 (p < e^−100 ≈ 3.7e−44), down to the subnormals, with y = 1. */
const deepWrong = fc.oneof(
  range(0, 3.7e-44).filter((p) => p > 0),
  fc.integer({ min: 145, max: 1074 }).map((k) => 2 ** -k),
);

/** PEN-1 float side: a BCE kernel follows the exact, unbounded loss to 4 ULPs where −log p > 100. */
const bceUnboundedInFloat = (kernel: (p: number, y: number) => number) =>
  fc.property(deepWrong, (p) => {
    const exactValue = referenceValue(getEntry('bce'), [p, 1]).value as Decimal;
    return exactValue.gt(100) && ulpError(kernel(p, 1), exactValue, FLOAT64) <= 4;
  });

test('PEN-1 the catalogue float64 bce is not clamped: within 4 ULPs of the exact −log p > 100 for p < e^−100, +∞ at p = 0', (ctx) => {
  const kernel = getEntry('bce').float64 as (p: number, y: number) => number;
  checkProperty(ctx, bceUnboundedInFloat(kernel));
  expect(kernel(0, 1)).toBe(Number.POSITIVE_INFINITY);
  recordCases(ctx, 1);
});

test('planted PEN-1 the PyTorch-clamped and Keras-clipped BCE put in place of the float64 kernel fail the 4-ULP property', () => {
  expect(fc.check(bceUnboundedInFloat(torchBce)).failed).toBe(true);
  expect(fc.check(bceUnboundedInFloat(kerasBce)).failed).toBe(true);
});

// -------------------------------------------------------------------------------------- PEN-2

/**
 * PEN-2 with an additive slack s on the upper bound (the claim: s = ln 2): BCE(z, 1) = softplus(−z),
 * max(0, −z) ≤ BCE(z, 1) ≤ max(0, −z) + s for z up to ±1e300, and the lower bound strict where it
 * is decidable (|z| ≤ 745: beyond, the excess log1p(e^−|z|) < 10^−323 is below half of any working
 * precision a 1e300-sized side can carry).
 */
const linearEnvelope = (slack: (m: RefMath) => Decimal) =>
  fc.property(fc.oneof(logit, range(-1e300, 1e15)), (z) => {
    const Z = exact(z);
    const floor = (m: RefMath) => (Z.isNeg() ? Z.neg() : m.zero);
    const bce = (m: RefMath) => ref('bceWithLogits', m, Z, m.one);
    return (
      agree((m) => [bce(m), ref('softplus', m, Z.neg())]) &&
      (Math.abs(z) > 745 ? geq((m) => [bce(m), floor(m)]) : gt((m) => [bce(m), floor(m)])) &&
      geq((m) => [floor(m).plus(slack(m)), bce(m)])
    );
  });

test('PEN-2 BCE(z, 1) = softplus(−z) ∈ (max(0, −z), max(0, −z) + ln 2]: linear in the logit, for −1e300 ≤ z ≤ 1e15 (exact; e^−z is held beyond 1e15 only as a Tiny)', (ctx) => {
  checkProperty(
    ctx,
    linearEnvelope((m) => m.ln(m.n(2))),
  );
});

test('PEN-2 while SE∘σ saturates: (σ(z) − 1)² < 1 at every finite z (exact, decidable for z ≥ −745; ≤ 1 beyond)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(fc.oneof(logit, range(-1e300, 1e15)), (z) => {
      const se = (m: RefMath) => ref('sigmoidSquaredError', m, exact(z), m.one);
      return z < -745 ? geq((m) => [m.one, se(m)]) : gt((m) => [m.one, se(m)]);
    }),
  );
});

test('planted PEN-2 the upper envelope without its ln 2 (BCE ≤ max(0, −z)) fails the PEN-2 property', () => {
  expect(fc.check(linearEnvelope((m) => m.zero)).failed).toBe(true);
});

// -------------------------------------------------------------------------------------- PEN-4

/** PEN-4 with constant c over the vectors `arb`: −log p_y ≥ c·‖p − e_y‖², exactly. */
const nllOverBrier = (c: string, arb: fc.Arbitrary<number[]>) =>
  fc.property(withClass(arb), ([p, y]) => {
    const Pv = exactVec(p);
    return geq((m) => [ref('categoricalNll', m, Pv, y), brier(m, Pv, y).times(c)]);
  });

/** Exact simplex vectors, K ∈ [2, 8], with a window of "all wrong mass on one class, p_y ≈ p*". */
const pen4Vectors = sizedSimplex(2, 8, P_STAR);
const HALF_C_TEST = '1.2277037411'; // C_TEST / 2, exact in decimal
const HALF_C_ABOVE = '1.22775'; // C_ABOVE / 2

test('PEN-4 −log p_y ≥ ‖p − e_y‖² and ≥ (c*/2)‖p − e_y‖² with c*/2 > 1.2277037411, every K ≥ 2 (exact)', (ctx) => {
  checkProperty(ctx, nllOverBrier('1', pen4Vectors));
  checkProperty(ctx, nllOverBrier(HALF_C_TEST, pen4Vectors));
});

test('PEN-4 the constant c*/2 is sharp: 1.22775 fails with all wrong mass on one class at p_y ≈ p*', (ctx) => {
  const details = fc.check(nllOverBrier(HALF_C_ABOVE, pen4Vectors));
  recordCases(ctx, details.numRuns);
  expect(details.failed).toBe(true);
});

test('planted PEN-4 the bound claimed without its condition Σp = 1 (raw vectors in [0, 1]^K) fails the PEN-4 property', () => {
  const raw = fc.integer({ min: 2, max: 6 }).chain((K) => fc.array(prob, { minLength: K, maxLength: K }));
  expect(fc.check(nllOverBrier('1', raw)).failed).toBe(true);
});

// -------------------------------------------------------------------------------------- PEN-5

test('PEN-5 soft targets: CE(q, p) ≥ KL(q‖p) ≥ ‖p − q‖₂² (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(simplexPair(2, 8), ([p, q]) => {
      const Pv = exactVec(p);
      const Qv = exactVec(q);
      return (
        geq((m) => [ref('crossEntropy', m, Pv, Qv), ref('klDivergence', m, Qv, Pv)]) &&
        geq((m) => [ref('klDivergence', m, Qv, Pv), sqDist(m, Pv, Qv)])
      );
    }),
  );
});

// -------------------------------------------------------------------------------------- PEN-6

/** PEN-6 with lower factor `lower(K)` (the claim: K/(K − 1)). */
const brierInterval = (lower: (m: RefMath, K: number) => Decimal) =>
  fc.property(withClass(sizedSimplex(2, 8)), ([p, y]) => {
    const Pv = exactVec(p);
    const K = p.length;
    const wrong = (m: RefMath) => m.one.minus(Pv[y] as Decimal);
    const l1 = Pv.reduce((s, v, j) => s.plus(j === y ? exact(1).minus(v) : v), exact(0));
    return (
      geq((m) => [brier(m, Pv, y), lower(m, K).times(wrong(m).pow(2))]) &&
      geq((m) => [wrong(m).times(2), brier(m, Pv, y)]) &&
      agree((m) => [wrong(m).times(2), l1])
    );
  });

const kOverKm1 = (m: RefMath, K: number) => m.n(K).div(K - 1);

test('PEN-6 (K/(K − 1))(1 − p_y)² ≤ ‖p − e_y‖² ≤ 2(1 − p_y) = ‖p − e_y‖₁ (exact)', (ctx) => {
  checkProperty(ctx, brierInterval(kOverKm1));
});

test('PEN-6 the lower bound is an equality when the wrong mass is uniform (exact grid vectors, 40 digits)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(
      fc.integer({ min: 2, max: 16 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.nat(15),
      (K, frac, yy) => {
        // Each wrong class gets the same multiple of 2^−33 (at most 1/K), the target the rest: every
        // component and the sum are exact, so Σp = 1 and the wrong mass is exactly uniform.
        const each = Math.floor((frac * 2 ** 33) / K) * 2 ** -33;
        const y = yy % K;
        const p = Array.from({ length: K }, (_, j) => (j === y ? 1 - (K - 1) * each : each));
        const Pv = exactVec(p);
        return agree((m) => [brier(m, Pv, y), kOverKm1(m, K).times(m.one.minus(Pv[y] as Decimal).pow(2))]);
      },
    ),
  );
});

test("planted PEN-6 the lower factor 2 (PEN-4's upper step reversed) in place of K/(K − 1) fails the PEN-6 property", () => {
  expect(fc.check(brierInterval((m) => m.n(2))).failed).toBe(true);
});

// -------------------------------------------------------------------------------------- PEN-7

test('PEN-7 moving δ of wrong mass from class j to k: −log p_y unchanged, Brier changes by 2δ(p_k − p_j + δ); ‖p − e_y‖² = 1 − 2p_y + ‖p‖² (exact)', (ctx) => {
  const moves = fc
    .integer({ min: 3, max: 8 })
    .chain((K) =>
      fc.tuple(simplex(K), fc.nat(K - 1), fc.nat(K - 1), fc.nat(K - 1), fc.double({ min: 0, max: 1, noNaN: true })),
    );
  checkProperty(
    ctx,
    fc.property(moves, ([p, y, j0, k0, frac]) => {
      const K = p.length;
      const j = j0 === y ? (y + 1) % K : j0;
      const k = k0 === y || k0 === j ? ([...Array(K).keys()].find((i) => i !== y && i !== j) ?? k0) : k0;
      // δ a grid multiple of 2^−53 not above p_j: the moved vector stays exact and sums to 1.
      const units = Math.floor(((p[j] as number) * 2 ** 53 * frac) as number);
      const d = units * 2 ** -53;
      const q = [...p];
      q[j] = (p[j] as number) - d;
      q[k] = (p[k] as number) + d;
      const Pv = exactVec(p);
      const Qv = exactVec(q);
      const D = exact(d);
      // ‖p‖² of doubles, exact in the Exact context (a mean over K then ×K would round 1/3).
      const normSq = Pv.reduce((acc, v) => acc.plus(v.times(v)), exact(0));
      return (
        agree((m) => [ref('categoricalNll', m, Qv, y), ref('categoricalNll', m, Pv, y)]) &&
        // Both identities below cancel by up to 32 digits (p_y up to 1 − 2^−53): 30 digits at 100.
        agree(
          (m) => [
            brier(m, Qv, y).minus(brier(m, Pv, y)),
            D.times(2).times((Pv[k] as Decimal).minus(Pv[j] as Decimal).plus(D)),
          ],
          30,
          100,
        ) &&
        agree((m) => [brier(m, Pv, y), m.one.minus((Pv[y] as Decimal).times(2)).plus(normSq)], 30, 100)
      );
    }),
  );
});

test('PEN-7 with ŷ, ŷ′ ~ p independent: ‖p − e_y‖₁ = 2P(ŷ ≠ y), ‖p − e_y‖² = 2P(ŷ ≠ y) − P(ŷ ≠ ŷ′) (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(withClass(sizedSimplex(2, 8)), ([p, y]) => {
      const Pv = exactVec(p);
      // P(ŷ ≠ y) = Σ_{j≠y} p_j and P(ŷ ≠ ŷ′) = 1 − Σ p_j², written as sums over the outcomes.
      const missY = Pv.reduce((s, v, j) => (j === y ? s : s.plus(v)), exact(0));
      const disagree = exact(1).minus(Pv.reduce((s, v) => s.plus(v.times(v)), exact(0)));
      const l1 = Pv.reduce((s, v, j) => s.plus(j === y ? exact(1).minus(v) : v), exact(0));
      return agree(() => [l1, missY.times(2)]) && agree((m) => [brier(m, Pv, y), missY.times(2).minus(disagree)]);
    }),
  );
});

// -------------------------------------------------------------------------------------- PEN-8

/** PEN-8 for SE with ratio bound r: SE(p, 1) ≤ r·SE(½, 1) and softmax-SE(z, e_y) ≤ r·softmax-SE((0, 0), e₀). */
const seRatioBounded = (r: string) =>
  fc.property(
    prob,
    fc.integer({ min: 2, max: 6 }).chain((K) => fc.tuple(logitVec(K), fc.nat(K - 1))),
    (p, [z, y]) => {
      const P = exact(p);
      const Z = exactVec(z);
      const half = exact(0.5);
      return (
        geq((m) => [ref('squaredError', m, half, m.one).times(r), ref('squaredError', m, P, m.one)]) &&
        geq((m) => [
          ref('softmaxSquaredError', m, [m.zero, m.zero], [m.one, m.zero]).times(r),
          ref('softmaxSquaredError', m, Z, oneHot(m, z.length, y)),
        ])
      );
    },
  );

test('PEN-8 SE worst/boundary ratio ≤ 4 (binary, attained at p = 0; multiclass, boundary (½, ½)) (exact)', (ctx) => {
  checkProperty(ctx, seRatioBounded('4'));
  const half = exact(0.5);
  expect(agree((m) => [ref('squaredError', m, exact(0), m.one), ref('squaredError', m, half, m.one).times(4)])).toBe(
    true,
  );
  expect(agree((m) => [ref('softmaxSquaredError', m, [m.zero, m.zero], [m.one, m.zero]), m.n('0.5')])).toBe(true);
  recordCases(ctx, 2);
});

test('PEN-8 CE worst/boundary ratio is unbounded: −log 2^−k / −log ½ = k for k = 1 … 1074 (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(fc.integer({ min: 1, max: 1074 }), (k) => {
      const P = exact(2 ** -k);
      return agree((m) => [ref('bce', m, P, m.one).div(ref('bce', m, exact(0.5), m.one)), m.n(k)]);
    }),
  );
});

test('planted PEN-8 the SE ratio claimed ≤ 2 fails the PEN-8 property', () => {
  expect(fc.check(seRatioBounded('2')).failed).toBe(true);
});
