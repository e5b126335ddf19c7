/**
 * Group MAR (docs/claims.md#mar): margin losses, "a (linear) SVM on top". Derivations: proofs/margins.md.
 *
 * Margin losses that are not catalogue ids (exponential e^−m, log₂ and ln logistic, perceptron,
 * Weston–Watkins, PyTorch's MultiMarginLoss) are written here from RefMath building blocks; catalogue
 * losses come from their references. Each property is a function of what it tests (a loss, a claimed
 * minimiser, a claimed subgradient, a transform), so that a planted mistake runs through the same code.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { prob, range } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { validateArgs } from '../../src/catalogue/validate.ts';
import type { Decimal } from '../../src/reference/decimal.ts';
import { RefMath } from '../../src/reference/math.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { dec, derivative, exact, logit, logitVec, ref } from '../_support/exact.ts';
import { agree, decideSign, exactVec, geq, oneHot } from './_decide.ts';

/** A margin loss φ(m) in exact arithmetic. */
type MarginLoss = (m: RefMath, margin: Decimal) => Decimal;

const hinge: MarginLoss = (m, x) => ref('hinge', m, x, m.one);
/** (1 − m)² = squaredError(m, 1). */
const squaredMargin: MarginLoss = (m, x) => ref('squaredError', m, x, m.one);
const exponential: MarginLoss = (m, x) => dec(m.exp(x.neg()));
/** ln(1 + e^−m) = bceWithLogits(m, 1) (the logistic loss in nats). */
const logistic: MarginLoss = (m, x) => ref('bceWithLogits', m, x, m.one);
const logistic2: MarginLoss = (m, x) => logistic(m, x).div(m.ln(m.n(2)));
/** max(0, −m): convex, but its subdifferential at 0 is [−1, 0] ∋ 0 — not calibrated. */
const perceptron: MarginLoss = (m, x) => (x.isNeg() ? x.neg() : m.zero);

/** Margins: typical, around the boundary 0 and the hinge kink 1, saturated, huge. */
const margin = fc.oneof(
  { arbitrary: logit, weight: 3 },
  { arbitrary: range(-2, 2), weight: 2 },
  { arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5, -0.5413248546129181), weight: 1 },
);

// -------------------------------------------------------------------------------------- MAR-1

/** A claimed (sub)gradient g(z, t) of hinge in z. */
type Subgradient = (m: RefMath, z: Decimal, t: Decimal) => Decimal;
const hingeGrad: Subgradient = (m, z, t) => ref('hingeGrad', m, z, t);

/**
 * MAR-1: g is a subgradient of z ↦ hinge(z, t) at every z: hinge(z′, t) ≥ hinge(z, t) + g·(z′ − z)
 * for every z′ (decided exactly), and |g| = 1 wherever t·z ≤ 0.
 */
const subgradient = (g: Subgradient) =>
  fc.property(margin, margin, fc.constantFrom(-1, 1), (z, w, t) => {
    const Z = exact(z);
    const W = exact(w);
    const T = exact(t);
    const support = geq((m) => [ref('hinge', m, W, T), ref('hinge', m, Z, T).plus(g(m, Z, T).times(W.minus(Z)))]);
    const wrongSide = t * z > 0 || agree((m) => [g(m, Z, T).abs(), m.one]);
    return support && wrongSide;
  });

test('MAR-1 hinge(z, t) = 0 iff t·z ≥ 1 (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(margin, fc.constantFrom(-1, 1), (z, t) => {
      const zero = decideSign((m) => [ref('hinge', m, exact(z), exact(t)), m.zero]) === 0;
      return zero === t * z >= 1; // t·z is exact for t = ±1
    }),
  );
});

test('MAR-1 hingeGrad is a subgradient everywhere (kink included) and |∂h/∂z| = 1 at every misclassified point (exact)', (ctx) => {
  checkProperty(ctx, subgradient(hingeGrad));
});

test('MAR-1 labels must be ±1: a {0, 1} label t = 0 is rejected by the validated entry point', (ctx) => {
  expect(() => validateArgs(getEntry('hinge'), [0.5, 0])).toThrow(/t/);
  expect(() => validateArgs(getEntry('hingeGrad'), [0.5, 0])).toThrow(/t/);
  recordCases(ctx, 2);
});

test('planted MAR-1 a "gradient" that vanishes on 0 < m < 1 (−t·1[m ≤ 0]) fails the subgradient property', () => {
  const vanishing: Subgradient = (m, z, t) => (t.times(z).lte(0) ? t.neg() : m.zero);
  expect(fc.check(subgradient(vanishing)).failed).toBe(true);
});

// -------------------------------------------------------------------------------------- MAR-2

/** MAR-2 binary: φ(m) ≥ 1[m ≤ 0] at every margin, decided exactly. */
const boundsZeroOne = (phi: MarginLoss) =>
  fc.property(margin, (x) => {
    const X = exact(x);
    return geq((m) => [phi(m, X), x <= 0 ? m.one : m.zero]);
  });

test('MAR-2 hinge, (1 − m)², e^−m and log₂(1 + e^−m) are upper bounds on 1[m ≤ 0] (exact)', (ctx) => {
  for (const phi of [hinge, squaredMargin, exponential, logistic2]) checkProperty(ctx, boundsZeroOne(phi));
  // log₂(1 + e^0) = 1: the bound is tight at the boundary.
  expect(decideSign((m) => [logistic2(m, m.zero), m.one])).toBe(0);
  recordCases(ctx, 1);
});

test('MAR-2 CEX the natural-log logistic loss is not a bound: ln(1 + e^−m) < 1 exactly for m > −ln(e − 1) ≈ −0.5413', (ctx) => {
  const details = fc.check(boundsZeroOne(logistic));
  recordCases(ctx, details.numRuns);
  expect(details.failed).toBe(true);
  // The threshold −ln(e − 1) = −0.54132485461291810897…: the doubles either side of it.
  const below = -0.5413248546129182;
  const above = -0.541324854612918;
  expect(decideSign((m) => [logistic(m, exact(below)), m.one])).toBe(1);
  expect(decideSign((m) => [logistic(m, exact(above)), m.one])).toBe(-1);
  expect(decideSign((m) => [logistic(m, m.zero), m.one])).toBe(-1); // ln 2 < 1
  recordCases(ctx, 3);
});

/** MAR-2 sigmoid output, y ∈ {0, 1}, m = (2y − 1)z: c·(σ(z) − y)² ≥ 1[m ≤ 0]. */
const sigmoidSeBounds = (c: number) =>
  fc.property(margin, fc.constantFrom(0, 1), (z, y) => {
    const wrong = (2 * y - 1) * z <= 0;
    return geq((m) => [ref('sigmoidSquaredError', m, exact(z), exact(y)).times(c), wrong ? m.one : m.zero]);
  });

test('MAR-2 4(σ(z) − y)² ≥ 1[misclassified]; (σ(z) − y)² itself is ¼ at the boundary, not a bound (exact)', (ctx) => {
  checkProperty(ctx, sigmoidSeBounds(4));
  const details = fc.check(sigmoidSeBounds(1));
  recordCases(ctx, details.numRuns);
  expect(details.failed).toBe(true);
  expect(agree((m) => [ref('sigmoidSquaredError', m, m.zero, m.one), m.n('0.25')])).toBe(true);
  recordCases(ctx, 1);
});

/** Logits with a class, misclassified when some other logit is ≥ z_y (ties count as errors). */
const multiLogits = fc.integer({ min: 2, max: 5 }).chain((K) => fc.tuple(logitVec(K), fc.nat(K - 1)));
const misclassified = (z: readonly number[], y: number) => z.some((v, j) => j !== y && v >= (z[y] as number));
/** Weston–Watkins Σ_{j≠y} max(0, 1 + z_j − z_y), exact (sums of doubles in the Exact context). */
function westonWatkins(z: readonly Decimal[], y: number): Decimal {
  return z.reduce((s, v, j) => {
    if (j === y) return s;
    const term = exact(1)
      .plus(v)
      .minus(z[y] as Decimal);
    return term.isPos() ? s.plus(term) : s;
  }, exact(0));
}

/** MAR-2 multiclass: each surrogate times its scale is ≥ 1[misclassified]. */
const multiclassBounds = (scaleWW: (K: number) => number) =>
  fc.property(multiLogits, ([z, y]) => {
    const Z = exactVec(z);
    const K = z.length;
    const one = (m: RefMath) => (misclassified(z, y) ? m.one : m.zero);
    const e = (m: RefMath) => oneHot(m, K, y);
    return (
      geq((m) => [ref('softmaxCrossEntropy', m, Z, e(m)).div(m.ln(m.n(2))), one(m)]) &&
      geq((m) => [ref('softmaxSquaredError', m, Z, e(m)).times(2), one(m)]) &&
      geq((m) => [ref('multiclassHinge', m, Z, y), one(m)]) &&
      geq((m) => [westonWatkins(Z, y).div(scaleWW(K)), one(m)])
    );
  });

test('MAR-2 multiclass: misclassified ⇒ −log₂ p_y ≥ 1, 2‖p − e_y‖² ≥ 1, Crammer–Singer ≥ 1, Weston–Watkins ≥ 1 (exact)', (ctx) => {
  checkProperty(
    ctx,
    multiclassBounds(() => 1),
  );
  // Tight at a two-way tie, p_y = p_k = ½.
  const tie = [exact(0), exact(0)];
  expect(agree((m) => [ref('softmaxCrossEntropy', m, tie, [m.one, m.zero]).div(m.ln(m.n(2))), m.one])).toBe(true);
  expect(agree((m) => [ref('softmaxSquaredError', m, tie, [m.one, m.zero]).times(2), m.one])).toBe(true);
  recordCases(ctx, 2);
});

test('MAR-2 CEX PyTorch MultiMarginLoss (Weston–Watkins / K) is only ≥ 1[misclassified]/K: below 1 at z = 0, K = 3', (ctx) => {
  const details = fc.check(multiclassBounds((K) => K));
  recordCases(ctx, details.numRuns);
  expect(details.failed).toBe(true);
  const Z = exactVec([0, 0, 0]);
  expect(agree(() => [westonWatkins(Z, 0).div(3), exact(2).div(3)])).toBe(true); // 2/3 < 1
  recordCases(ctx, 1);
});

// -------------------------------------------------------------------------------------- MAR-3

/** C_η(f) = ηφ(f) + (1 − η)φ(−f), with 1 − η exact. */
const condRisk = (m: RefMath, phi: MarginLoss, f: Decimal, h: Decimal) =>
  h.times(phi(m, f)).plus(exact(1).minus(h).times(phi(m, f.neg())));

/** A claimed conditional-risk minimiser f*(η), as a double. */
type Minimiser = (eta: number) => number;
const logitF64 = getEntry('logit').float64 as (p: number) => number;
const minimisers: { name: string; phi: MarginLoss; fStar: Minimiser }[] = [
  { name: 'hinge', phi: hinge, fStar: (h) => Math.sign(2 * h - 1) },
  { name: 'logistic', phi: logistic, fStar: (h) => logitF64(h) },
  { name: 'exponential', phi: exponential, fStar: (h) => logitF64(h) / 2 },
  { name: 'squared', phi: squaredMargin, fStar: (h) => 2 * h - 1 },
];

/** η ∈ (0, 1) \ {½}: uniform, near ½, near 0 and 1. */
const etaOffHalf = fc
  .oneof(range(0, 1), range(0.5 - 1e-6, 0.5 + 1e-6), range(1e-12, 1e-3), range(1 - 1e-3, 1 - 1e-12))
  .filter((h) => h > 0 && h < 1 && h !== 0.5);

/**
 * MAR-3 certificate that f* minimises the convex C_η within δ = 2^−20·max(1, |f*|):
 * C(f*) ≤ C(f* ± δ) (for a convex C this puts a minimiser in [f* − δ, f* + δ]), and
 * sign f* = sign(2η − 1).
 */
const minimiserCertificate = (phi: MarginLoss, fStar: Minimiser) =>
  fc.property(etaOffHalf, (h) => {
    const f = fStar(h);
    const d = 2 ** -20 * Math.max(1, Math.abs(f));
    const H = exact(h);
    const F = exact(f);
    const local =
      geq((m) => [condRisk(m, phi, F.plus(d), H), condRisk(m, phi, F, H)]) &&
      geq((m) => [condRisk(m, phi, F.minus(d), H), condRisk(m, phi, F, H)]);
    return local && Math.sign(f) === Math.sign(2 * h - 1);
  });

test('MAR-3 φ′(0) < 0: hinge −1, logistic −½, squared −2, exponential −1 (catalogue gradients and a 20-digit finite difference agree)', (ctx) => {
  const m = new RefMath(80);
  const cases: [MarginLoss, Decimal, string][] = [
    [hinge, ref('hingeGrad', m, m.zero, m.one), '-1'],
    [logistic, ref('bceWithLogitsGrad', m, m.zero, m.one), '-0.5'],
    [squaredMargin, ref('squaredErrorGrad', m, m.zero, m.one), '-2'],
    [exponential, dec(m.exp(m.zero)).neg(), '-1'],
  ];
  for (const [phi, grad, value] of cases) {
    const d = derivative(m, (t) => phi(m, t));
    expect(d.value.minus(value).abs().lte(d.error)).toBe(true);
    expect(grad.eq(value)).toBe(true);
  }
  recordCases(ctx, 2 * cases.length);
});

test('MAR-3 conditional-risk minimisers: logit η, ½logit η, 2η − 1, sign(2η − 1), certified exactly; sign f* = sign(2η − 1)', (ctx) => {
  for (const { phi, fStar } of minimisers) checkProperty(ctx, minimiserCertificate(phi, fStar));
});

/**
 * Golden-section search for the minimiser of a convex C on [lo, hi] at m's precision, to width `tol`:
 * the bracket shrinks by 0.618 per step and always contains a minimiser of a convex function.
 */
function goldenSection(m: RefMath, C: (f: Decimal) => Decimal, lo: number, hi: number, tol: string): Decimal {
  const r = m.D.sqrt(5).minus(1).div(2);
  let a = m.n(lo);
  let b = m.n(hi);
  let c = b.minus(b.minus(a).times(r));
  let d = a.plus(b.minus(a).times(r));
  let fc_ = C(c);
  let fd = C(d);
  while (b.minus(a).gt(tol)) {
    if (fc_.lte(fd)) {
      b = d;
      d = c;
      fd = fc_;
      c = b.minus(b.minus(a).times(r));
      fc_ = C(c);
    } else {
      a = c;
      c = d;
      fc_ = fd;
      d = a.plus(b.minus(a).times(r));
      fd = C(d);
    }
  }
  return a.plus(b).div(2);
}

test('MAR-3 the minimisers found by 1-D convex minimisation (golden section, 30 digits) match the closed forms to 1e−9', (ctx) => {
  const m = new RefMath(30);
  const etas = [0.02, 0.2, 0.45, 0.55, 0.8, 0.98];
  let n = 0;
  for (const h of etas) {
    const H = exact(h);
    const closed: [MarginLoss, Decimal][] = [
      [hinge, m.n(Math.sign(2 * h - 1))],
      [logistic, ref('logit', m, H)],
      [exponential, ref('logit', m, H).div(2)],
      [squaredMargin, H.times(2).minus(1)],
    ];
    for (const [phi, f] of closed) {
      const found = goldenSection(m, (x) => condRisk(m, phi, x, H), -20, 20, '1e-11');
      expect(found.minus(f).abs().lte('1e-9')).toBe(true);
      n++;
    }
  }
  recordCases(ctx, n);
});

test('planted MAR-3 the perceptron loss max(0, −m) presented as calibrated with the hinge minimiser fails the certificate', () => {
  expect(fc.check(minimiserCertificate(perceptron, (h) => Math.sign(2 * h - 1))).failed).toBe(true);
  // …and its true minimiser f* = 0 passes the local test but has no sign: not calibrated.
  expect(fc.check(minimiserCertificate(perceptron, () => 0)).failed).toBe(true);
});

// -------------------------------------------------------------------------------------- MAR-4

/**
 * MAR-4 with the logistic transform (the claim: excess 0-1 ≤ √(2·excess logistic), compared
 * squared): for η ∈ [0, 1] and f, with e = |2η − 1|·1[f(2η − 1) ≤ 0], e ≤ excess hinge,
 * e² ≤ excess squared = (f − (2η − 1))², and e² ≤ 2·KL(η‖σ(f)) (or the planted form).
 * Each excess is compared as risk(f) ≥ minimal risk + bound, so that no side is a cancelled difference.
 */
const riskTransfer = (logisticSides: (risk: Decimal, minimum: Decimal, e: Decimal) => readonly [Decimal, Decimal]) =>
  fc.property(prob, margin, (h, f) => {
    const H = exact(h);
    const F = exact(f);
    const S = H.times(2).minus(1); // 2η − 1 exactly (Exact context)
    const e = S.times(F).lte(0) ? S.abs() : exact(0);
    const hingeMin = (m: RefMath) => condRisk(m, hinge, exact(Math.sign(2 * h - 1)), H);
    const sqMin = (m: RefMath) => condRisk(m, squaredMargin, S, H);
    return (
      geq((m) => [condRisk(m, hinge, F, H), hingeMin(m).plus(e)]) &&
      agree((m) => [condRisk(m, squaredMargin, F, H), sqMin(m).plus(F.minus(S).pow(2))]) &&
      geq((m) => [condRisk(m, squaredMargin, F, H), sqMin(m).plus(e.times(e))]) &&
      // Logistic risk bceWithLogits(f, η) (linear in η), minimal value H_b(η) = bce(η, η) at σ(f) = η.
      geq((m) => logisticSides(ref('bceWithLogits', m, F, H), ref('bce', m, H, H), e))
    );
  });

test('MAR-4 excess 0-1 ≤ excess hinge, ≤ √(excess squared) = |f − (2η − 1)|, ≤ √(2·KL(η‖σ(f))) (exact)', (ctx) => {
  checkProperty(
    ctx,
    riskTransfer((risk, minimum, e) => [risk.times(2), minimum.times(2).plus(e.times(e))]),
  );
});

test('planted MAR-4 excess 0-1 ≤ excess logistic (the ψ-transform dropped) fails the MAR-4 property', () => {
  expect(fc.check(riskTransfer((risk, minimum, e) => [risk, minimum.plus(e)])).failed).toBe(true);
});
