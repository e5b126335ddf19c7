/**
 * Group MLE (docs/claims.md#mle): losses as negative log-likelihoods. Derivations: proofs/likelihood.md.
 *
 * Every property is a function of the implementation under test (a claimed identity, minimiser or
 * gradient); the `planted …` tests run the same code on a mistake and show it fails.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { range, target } from '../../src/audit/arbitraries.ts';
import type { Decimal } from '../../src/reference/decimal.ts';
import type { RefMath } from '../../src/reference/math.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import {
  at,
  close,
  derivative,
  FD_STEP_DIGITS,
  logitVec,
  mathFor,
  ref,
  refVec,
  sum,
  vectorScale,
} from '../_support/exact.ts';

const fdExtra = FD_STEP_DIGITS + 5;
const slack = (m: RefMath) => m.n(10).pow(-(m.precision - 10));
const interior = fc.oneof(range(0.001, 0.999), fc.constantFrom(0.5, 0.1, 0.9, 2 ** -20, 1 - 2 ** -20));

// ------------------------------------------------------------------------------------- MLE-1

/** MLE-1: bernoulliNll(p, y) = BCE(p, y) for y ∈ {0, 1}; for soft y, BCE(p, y) = CE((y, 1 − y), (p, 1 − p));
 * and e^−BCE(p, ·) integrates over y ∈ [0, 1] to (2p − 1)/logit(p) ≤ ½ (not a density), by Simpson's
 * rule on 4 intervals with its error bound h⁴·L⁴·max f/180, L = logit p. */
const mle1 = fc.property(interior, target, (p, y) => {
  const m = mathFor(0);
  const [P, Y] = [at(m, p), at(m, y)];
  const bce = ref('bce', m, P, Y);
  const hard = y === 0 || y === 1 ? close(ref('bernoulliNll', m, P, Y), bce, slack(m), '1e-45') : true;
  const ce = ref('crossEntropy', m, [P, m.one.minus(P)], [Y, m.one.minus(Y)]);
  const soft = close(ce, bce, slack(m), '1e-45');
  const L = ref('logit', m, P);
  const f = (t: number) => m.D.exp(ref('bce', m, P, m.n(t)).neg());
  const simpson = f(0).plus(f(0.25).times(4)).plus(f(0.5).times(2)).plus(f(0.75).times(4)).plus(f(1)).div(12);
  const closed = L.isZero() ? m.n(0.5) : P.times(2).minus(1).div(L);
  const fmax = P.gt(m.one.minus(P)) ? P : m.one.minus(P);
  const bound = m.n(0.25).pow(4).times(L.pow(4)).times(fmax).div(180);
  const integral =
    simpson
      .minus(closed)
      .abs()
      .lte(bound.plus(slack(m))) && closed.lte(0.5);
  return hard && soft && integral;
});

// ------------------------------------------------------------------------------------- MLE-2

/** A distribution p (softmax of logits, exact) and N i.i.d. labels. */
const categorical = fc
  .integer({ min: 2, max: 5 })
  .chain((K) => fc.tuple(logitVec(K), fc.array(fc.nat(K - 1), { minLength: 1, maxLength: 8 })));

/** MLE-2: −log Π_j p_j^{y_j} = `ce`(p, y) for the empirical y of the labels; the NLL of N i.i.d. labels
 * Σ_n categoricalNll(p, k_n) = N·CE(ȳ, p), and each term is CE(e_{k_n}, p). */
const mle2 = (ce: (m: RefMath, p: Decimal[], y: Decimal[]) => Decimal) =>
  fc.property(categorical, ([z, labels]) => {
    const m = mathFor(vectorScale(z));
    const p = refVec(
      'softmax',
      m,
      z.map((x) => at(m, x)),
    );
    const K = p.length;
    const N = labels.length;
    const counts = Array.from({ length: K }, (_, j) => labels.filter((k) => k === j).length);
    const ybar = counts.map((c) => m.n(c).div(N));
    const product = p.reduce((acc, pj, j) => acc.times(pj.pow(ybar[j] as Decimal)), m.one);
    const nll = sum(
      m,
      labels.map((k) => ref('categoricalNll', m, p, k)),
    );
    const oneHot = (k: number) => p.map((_, j) => (j === k ? m.one : m.zero));
    const s = slack(m).times(1000);
    return (
      close(product.ln().neg(), ce(m, p, ybar), s, '1e-40') &&
      close(nll, ce(m, p, ybar).times(N), s, '1e-40') &&
      labels.every((k) => close(ref('categoricalNll', m, p, k), ce(m, p, oneHot(k)), s, '1e-40'))
    );
  });

// ------------------------------------------------------------------------------------- MLE-3

const gaussian = fc.tuple(range(-50, 50), range(-50, 50), fc.oneof(range(1e-3, 1e3), fc.constant(1)));
const dataset = fc
  .integer({ min: 1, max: 6 })
  .chain((N) =>
    fc.tuple(
      fc.array(range(-20, 20), { minLength: N, maxLength: N }),
      fc.array(range(-20, 20), { minLength: N, maxLength: N }),
      fc.array(range(-20, 20), { minLength: N, maxLength: N }),
      fc.oneof(range(1e-2, 1e2), fc.constant(1)),
    ),
  );

/** MLE-3: gaussianNll(μ, y, v) = SE(μ, y)/(2v) + gaussianNll(y, y, v) with the latter ½log(2πv); its
 * μ-derivative (finite difference) is `grad`(μ, y, v); and over a dataset Σ NLL orders two mean
 * vectors exactly as SSE does. */
const mle3 = (grad: (m: RefMath, mu: Decimal, y: Decimal, v: Decimal) => Decimal) =>
  fc.property(gaussian, dataset, ([mu, y, v], [ys, muA, muB, s2]) => {
    const m = mathFor(0, fdExtra);
    const [MU, Y, V] = [at(m, mu), at(m, y), at(m, v)];
    const nll = ref('gaussianNll', m, MU, Y, V);
    const floor = ref('gaussianNll', m, Y, Y, V);
    const split = close(
      nll,
      ref('squaredError', m, MU, Y).div(V.times(2)).plus(floor),
      slack(m).times(nll.abs().plus(1)),
      '1e-40',
    );
    const constant = close(floor, m.D.ln(m.D.acos(-1).times(2).times(V)).div(2), slack(m), '1e-40');
    const d = derivative(m, (t) => ref('gaussianNll', m, MU.plus(t), Y, V));
    const gradient = close(d.value, grad(m, MU, Y, V), d.error.plus(slack(m)));
    const S2 = at(m, s2);
    const total = (mus: number[]) =>
      sum(
        m,
        mus.map((u, n) => ref('gaussianNll', m, at(m, u), at(m, ys[n] as number), S2)),
      );
    const sse = (mus: number[]) =>
      sum(
        m,
        mus.map((u, n) => ref('squaredError', m, at(m, u), at(m, ys[n] as number))),
      );
    const order = total(muA).cmp(total(muB)) === sse(muA).cmp(sse(muB));
    return split && constant && gradient && order;
  });
const claimedGaussianGrad = (_m: RefMath, mu: Decimal, y: Decimal, v: Decimal) => mu.minus(y).div(v);

// ------------------------------------------------------------------------------------- MLE-4

/** MLE-4 (shared variance): Σ_n gaussianNll(μ_n, y_n, s²) is minimised over s² at `sStar`(μ, y)
 * (= meanSquaredError), where it equals (N/2)(1 + log(2π·MSE)): zero derivative in s², and no
 * larger at random s² = s*²·e^t. */
const mle4 = (sStar: (m: RefMath, mu: Decimal[], y: Decimal[]) => Decimal) =>
  fc.property(dataset, range(-5, 5), ([ys, mus], t) => {
    const m = mathFor(0, fdExtra);
    const [Y, MU] = [ys.map((x) => at(m, x)), mus.map((x) => at(m, x))];
    const N = ys.length;
    const mse = ref('meanSquaredError', m, MU, Y);
    if (mse.isZero()) return true;
    const nll = (v: Decimal) =>
      sum(
        m,
        MU.map((u, n) => ref('gaussianNll', m, u, Y[n] as Decimal, v)),
      );
    const star = sStar(m, MU, Y);
    const atStar = nll(star);
    const closedForm = m
      .n(N)
      .div(2)
      .times(m.one.plus(m.D.ln(m.D.acos(-1).times(2).times(mse))));
    const d = derivative(m, (h) => nll(star.plus(h.times(star))));
    const other = nll(star.times(m.D.exp(at(m, t))));
    return (
      close(atStar, closedForm, slack(m).times(atStar.abs().plus(1)), '1e-40') &&
      d.value.abs().lte(d.error.plus(slack(m).times(atStar.abs().plus(1)))) &&
      other.gte(atStar.minus(slack(m).times(atStar.abs().plus(1))))
    );
  });
const claimedSharedVariance = (m: RefMath, mu: Decimal[], y: Decimal[]) => ref('meanSquaredError', m, mu, y);

/** MLE-4 heteroscedastic, the naive reading: "per-example learned variances keep the NLL bounded
 * below" (here: ≥ −10 for the profile NLL min over s² at s² = (y − μ)²). */
const mle4Naive = fc.property(range(-10, 10), fc.integer({ min: 1, max: 1000 }), (y, k) => {
  // y + 2^−k must be exact: k·log10 2 more digits than y's own.
  const m = mathFor(0, Math.ceil(k * Math.LOG10E * Math.LN2) + 5);
  const Y = at(m, y);
  const delta = m.n(2).pow(-k);
  return ref('gaussianNll', m, Y.plus(delta), Y, delta.pow(2)).gte(-10);
});

/** MLE-4 heteroscedastic, corrected: with μ = y + δ the per-example optimum is s² = δ², with profile
 * NLL ½(1 + log 2π) + log|δ| (→ −∞ as δ → 0), below any bound B once |δ| < e^(B − 2); the μ-gradient
 * there is (μ − y)/s², the SE gradient reweighted by 1/(2s²). */
const mle4Hetero = fc.property(range(-10, 10), fc.integer({ min: 1, max: 1000 }), range(0.5, 2), (y, k, r) => {
  // y + 2^−k must be exact: k·log10 2 more digits than y's own.
  const m = mathFor(0, Math.ceil(k * Math.LOG10E * Math.LN2) + 5);
  const Y = at(m, y);
  const delta = m.n(2).pow(-k);
  const MU = Y.plus(delta);
  const v = delta.pow(2);
  const profile = ref('gaussianNll', m, MU, Y, v);
  const closed = m.one
    .plus(m.D.ln(m.D.acos(-1).times(2)))
    .div(2)
    .plus(m.D.ln(delta));
  const optimal = ref('gaussianNll', m, MU, Y, v.times(at(m, r))).gte(profile.minus(slack(m).times(profile.abs())));
  const unbounded = profile.lt(closed.plus(1)) && profile.lt(m.n(-k).times(m.D.ln(2)).plus(2));
  const g = ref('gaussianNllGradMu', m, MU, Y, v);
  const reweighted = close(g, ref('squaredErrorGrad', m, MU, Y).div(v.times(2)), slack(m).times(g.abs()), '1e-40');
  return close(profile, closed, slack(m).times(profile.abs().plus(1)), '1e-40') && optimal && unbounded && reweighted;
});

// ------------------------------------------------------------------------------------- MLE-5

/**
 * A distribution of doubles summing to exactly 1: cut points c_i on the grid 2^−52 split [0, 1], so
 * q_j = (c_{j+1} − c_j)·2^−52 (zeros where cut points coincide; masses down to 2^−52). Doubles, because
 * the catalogue's klDivergence reference reads its arguments as doubles (it tests q = p bit by bit).
 */
function dyadic(K: number): fc.Arbitrary<number[]> {
  const cut = fc.oneof(fc.integer({ min: 0, max: 2 ** 52 }), fc.constantFrom(0, 1, 2 ** 51, 2 ** 52 - 1, 2 ** 52));
  return fc.array(cut, { minLength: K - 1, maxLength: K - 1 }).map((cs) => {
    const c = [0, ...cs.sort((x, y) => x - y), 2 ** 52];
    return Array.from({ length: K }, (_, j) => ((c[j + 1] as number) - (c[j] as number)) * 2 ** -52);
  });
}
const twoDistributions = fc.integer({ min: 2, max: 5 }).chain((K) => fc.tuple(dyadic(K), dyadic(K)));

/** MLE-5: CE(q, p) = H(q) + `kl`(q, p); for one-hot q, CE = KL; KL ≥ 0, KL(q‖q) = 0, KL > 0 for p ≠ q;
 * CE = ∞ when some q_j > 0 = p_j. */
const mle5 = (kl: (m: RefMath, q: Decimal[], p: Decimal[]) => Decimal) =>
  fc.property(twoDistributions, ([qf, pf]) => {
    const m = mathFor(0, 10);
    const [q, p] = [qf.map((x) => at(m, x)), pf.map((x) => at(m, x))];
    const s = slack(m).times(100);
    const ce = ref('crossEntropy', m, p, q);
    if (!ce.isFinite()) return q.some((x, j) => x.gt(0) && (p[j] as Decimal).isZero());
    const H = ref('entropy', m, q);
    const D = kl(m, q, p);
    const decomposition = close(ce, H.plus(D), s.times(ce.abs().plus(1)), '1e-35');
    const gibbs =
      D.gte(s.neg()) && ref('klDivergence', m, q, q).abs().lte(s) && (qf.every((x, j) => x === pf[j]) || D.gt(0));
    const k = q.findIndex((x) => !x.isZero());
    const oneHot = q.map((_, j) => (j === k ? m.one : m.zero));
    const oneHotEq = close(ref('crossEntropy', m, p, oneHot), kl(m, oneHot, p), s, '1e-35');
    const pZero = p.map((x, j) => (j === k ? m.zero : x));
    const infinite = ref('crossEntropy', m, pZero, q).eq(Number.POSITIVE_INFINITY);
    return decomposition && gibbs && oneHotEq && infinite;
  });
const klQP = (m: RefMath, q: Decimal[], p: Decimal[]) => ref('klDivergence', m, q, p);

// ------------------------------------------------------------------------------------- MLE-6

const natural = fc.oneof(range(-10, 10), range(-40, 40));

/** A pairing: the loss as a function of its natural parameter η (moved by t along a direction), the
 * mean − target at η, and the constant c of the claim "∂loss/∂η = c·(mean − target)". */
interface Pairing {
  name: string;
  c: number;
  loss: (m: RefMath, eta: Decimal, y: Decimal) => Decimal;
  meanMinusTarget: (m: RefMath, eta: Decimal, y: Decimal) => Decimal;
}
const bernoulli: Pairing = {
  name: 'sigmoid+BCE',
  c: 1,
  loss: (m, eta, y) => ref('bceWithLogits', m, eta, y),
  meanMinusTarget: (m, eta, y) => ref('sigmoid', m, eta).minus(y),
};
const gaussianPair: Pairing = {
  name: 'identity+SE',
  c: 2,
  loss: (m, eta, y) => ref('squaredError', m, eta, y),
  meanMinusTarget: (_m, eta, y) => eta.minus(y),
};
/** Softmax+CE along the first coordinate with the other logit fixed at 0 and target (y, 1 − y). */
const categoricalPair: Pairing = {
  name: 'softmax+CE',
  c: 1,
  loss: (m, eta, y) => ref('softmaxCrossEntropy', m, [eta, m.zero], [y, m.one.minus(y)]),
  meanMinusTarget: (m, eta, y) => (refVec('softmax', m, [eta, m.zero])[0] as Decimal).minus(y),
};
const sigmoidSe: Pairing = {
  name: 'sigmoid+SE',
  c: 2,
  loss: (m, eta, y) => ref('sigmoidSquaredError', m, eta, y),
  meanMinusTarget: (m, eta, y) => ref('sigmoid', m, eta).minus(y),
};

/** MLE-6: for a canonical pairing ∂loss/∂η = c·(mean − target) (finite difference). */
const mle6 = (pairing: Pairing) =>
  fc.property(natural, target, (eta, y) => {
    const m = mathFor(eta, fdExtra);
    const [E, Y] = [at(m, eta), at(m, y)];
    const d = derivative(m, (t) => pairing.loss(m, E.plus(t), Y));
    return close(d.value, pairing.meanMinusTarget(m, E, Y).times(pairing.c), d.error.plus(slack(m)));
  });

// ------------------------------------------------------------------------------------- MLE-7

const labels = fc.array(target, { minLength: 1, maxLength: 6 }).filter((ys) => {
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  return mean > 1e-6 && mean < 1 - 1e-6;
});

/** MLE-7: `best`(y) minimises both Σ_n BCE(p, y_n) and Σ_n (p − y_n)² over constants p (zero derivative
 * by finite difference, and no larger than at a random p) — the mean ȳ. */
const mle7 = (best: (m: RefMath, ys: Decimal[]) => Decimal) =>
  fc.property(labels, interior, (ys, other) => {
    const m = mathFor(0, fdExtra);
    const Y = ys.map((x) => at(m, x));
    const star = best(m, Y);
    const bce = (p: Decimal) =>
      sum(
        m,
        Y.map((y) => ref('bce', m, p, y)),
      );
    const se = (p: Decimal) =>
      sum(
        m,
        Y.map((y) => ref('squaredError', m, p, y)),
      );
    const P = at(m, other);
    return [bce, se].every((F) => {
      const d = derivative(m, (t) => F(star.plus(t)));
      const at = F(star);
      const tol = slack(m).times(at.abs().plus(1));
      return d.value.abs().lte(d.error.plus(tol)) && F(P).gte(at.minus(tol));
    });
  });
const mean = (m: RefMath, ys: Decimal[]) => sum(m, ys).div(ys.length);

// ====================================================================================== tests

describe('MLE: losses as negative log-likelihoods', () => {
  test('MLE-1 Bernoulli NLL = BCE for y ∈ {0, 1}; soft y: cross-entropy, e^−BCE integrates to (2p − 1)/logit p ≤ ½', (ctx) => {
    checkProperty(ctx, mle1);
  });
  test('MLE-2 −log Π p_j^{y_j} = CE(y, p); i.i.d. NLL = Σ_n CE(e_{k_n}, p) = N·CE(ȳ, p)', (ctx) => {
    checkProperty(
      ctx,
      mle2((m, p, y) => ref('crossEntropy', m, p, y)),
    );
  });
  test('MLE-3 Gaussian NLL = SE/(2s²) + ½log(2πs²), ∂/∂μ = (μ − y)/s², same argmin as least squares', (ctx) => {
    checkProperty(ctx, mle3(claimedGaussianGrad));
  });
  test('MLE-4 shared variance: s²* = MSE, NLL* = (N/2)(1 + log(2π·MSE))', (ctx) => {
    checkProperty(ctx, mle4(claimedSharedVariance));
  });
  test('MLE-4 per-example variances: "NLL bounded below" fails; profile NLL ½(1 + log 2π) + log|δ| → −∞', (ctx) => {
    const naive = fc.check(mle4Naive);
    expect(naive.failed, 'the per-example profile NLL stayed above −10').toBe(true);
    recordCases(ctx, 1);
    checkProperty(ctx, mle4Hetero);
  });
  test('MLE-5 CE(q, p) = H(q) + KL(q‖p), KL ≥ 0 with equality iff p = q, CE = ∞ where q_j > 0 = p_j', (ctx) => {
    checkProperty(ctx, mle5(klQP));
  });
  test('MLE-6 canonical links: ∂/∂η = c·(mean − target) for sigmoid+BCE, softmax+CE, identity+SE', (ctx) => {
    for (const pairing of [bernoulli, categoricalPair, gaussianPair]) checkProperty(ctx, mle6(pairing));
    // Sigmoid+SE is not canonical: its gradient is 2(σ − y)·σ′, not a constant times σ − y.
    expect(fc.check(mle6(sigmoidSe)).failed).toBe(true);
    recordCases(ctx, 1);
  });
  test('MLE-7 the best constant predictor for BCE and for SE is the mean ȳ', (ctx) => {
    checkProperty(ctx, mle7(mean));
  });
});

function expectCaught<T>(property: fc.IProperty<T>): void {
  expect(fc.check(property).failed, 'the planted mistake passed the property').toBe(true);
}

describe('MLE planted mistakes: each property can fail', () => {
  test('planted MLE-2 the cross-entropy with its arguments swapped, CE(p, y)', () => {
    expectCaught(mle2((m, p, y) => ref('crossEntropy', m, y, p)));
  });
  test('planted MLE-3 the Gaussian μ-gradient without the ½: 2(μ − y)/s²', () => {
    expectCaught(mle3((_m, mu, y, v) => mu.minus(y).times(2).div(v)));
  });
  test('planted MLE-4 the shared variance taken as SSE (not divided by N)', () => {
    // With N ≥ 2 examples SSE ≠ MSE: the derivative in s² is not 0 there.
    expectCaught(mle4((m, mu, y) => ref('meanSquaredError', m, mu, y).times(mu.length)));
  });
  test('planted MLE-5 the KL with its arguments swapped, KL(p‖q)', () => {
    expectCaught(mle5((m, q, p) => ref('klDivergence', m, p, q)));
  });
  test('planted MLE-6 sigmoid+SE claimed canonical with c = 2', () => {
    expectCaught(mle6(sigmoidSe));
  });
  test('planted MLE-7 the minimiser claimed at the median label', () => {
    expectCaught(
      mle7((_m, ys) => {
        const s = [...ys].sort((a, b) => a.cmp(b));
        return s[Math.floor((s.length - 1) / 2)] as Decimal;
      }),
    );
  });
});
