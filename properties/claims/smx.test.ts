/**
 * Group SMX (docs/claims.md#smx): a softmax output with a multiclass target. Derivations: proofs/softmax.md.
 *
 * Every property is a function of the implementation under test (a claimed gradient, Hessian, bound
 * or optimum); the `planted …` tests run the same code on a mistake and show it fails. Vectors have
 * K ∈ [2, 5]; logits reach spreads of 240, and the precision grows with the spread.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { range, targetVector } from '../../src/audit/arbitraries.ts';
import { type Decimal, Exact } from '../../src/reference/decimal.ts';
import type { RefMath } from '../../src/reference/math.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import {
  along,
  at,
  close,
  derivative,
  derivativeVec,
  direction,
  dot,
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

/** K, logits, a target of [0, 1]^K (one-hot, smoothed, soft, multi-hot) and a direction. */
const problem = fc
  .integer({ min: 2, max: 5 })
  .chain((K) => fc.tuple(logitVec(K), targetVector(K), direction(K), fc.boolean()));

/** A target rescaled to sum to 1 in exact arithmetic (the all-zero target becomes e_0). */
function unitSum(m: RefMath, y: readonly Decimal[]): Decimal[] {
  const s = sum(m, y);
  return s.isZero() ? y.map((_, i) => (i === 0 ? m.one : m.zero)) : y.map((v) => v.div(s));
}

type VecFormula = (m: RefMath, z: Decimal[], y: Decimal[]) => Decimal[];

/** J(p)·x = p ⊙ x − p(p·x): the softmax Jacobian applied to x, from the catalogue's softmax. */
function jTimes(m: RefMath, p: readonly Decimal[], x: readonly Decimal[]): Decimal[] {
  const px = dot(m, p, x);
  return p.map((pi, i) => pi.times((x[i] as Decimal).minus(px)));
}

/** Checks a claimed gradient `grad` of the catalogue loss `loss` along a direction, by finite difference. */
function gradientMatches(m: RefMath, loss: string, grad: Decimal[], z: Decimal[], y: Decimal[], v: Decimal[]): boolean {
  const d = derivative(m, (t) => ref(loss, m, along(m, z, v, t), y));
  return close(d.value, dot(m, grad, v), d.error.plus(slack(m)));
}

// ------------------------------------------------------------------------------------- SMX-1

/** SMX-1: the softmax-CE gradient is `grad` for every target (the general (Σy)p − y); where the
 * target sums to 1 it is also p − y. */
const smx1 = (grad: VecFormula) =>
  fc.property(problem, ([z, y, v, normalise]) => {
    const m = mathFor(vectorScale(z), fdExtra);
    const Z = z.map((x) => at(m, x));
    const Y = normalise
      ? unitSum(
          m,
          y.map((x) => at(m, x)),
        )
      : y.map((x) => at(m, x));
    const g = grad(m, Z, Y);
    const ok = gradientMatches(
      m,
      'softmaxCrossEntropy',
      g,
      Z,
      Y,
      v.map((x) => at(m, x)),
    );
    if (!ok) return false;
    if (!close(sum(m, Y), m.one, slack(m), '0')) return true;
    const p = refVec('softmax', m, Z);
    return g.every((gi, i) => close(gi, (p[i] as Decimal).minus(Y[i] as Decimal), slack(m), '1e-40'));
  });
const generalCeGrad: VecFormula = (m, z, y) => {
  const p = refVec('softmax', m, z);
  const s = sum(m, y);
  return p.map((pi, i) => pi.times(s).minus(y[i] as Decimal));
};

// ------------------------------------------------------------------------------------- SMX-2

const weights = (K: number) => fc.array(fc.oneof(range(0.05, 10), fc.constant(1)), { minLength: K, maxLength: K });
const weighted = fc
  .integer({ min: 2, max: 5 })
  .chain((K) => fc.tuple(logitVec(K), targetVector(K), weights(K), direction(K)));

/** SMX-2: −Σ w_j y_j log p_j (the catalogue's softmaxCrossEntropy at the target w ⊙ y) has gradient `grad`. */
const smx2 = (grad: (m: RefMath, p: Decimal[], w: Decimal[], y: Decimal[]) => Decimal[]) =>
  fc.property(weighted, ([z, y, w, v]) => {
    const m = mathFor(vectorScale(z), fdExtra);
    const [Z, Y, W] = [z.map((x) => at(m, x)), y.map((x) => at(m, x)), w.map((x) => at(m, x))];
    const WY = W.map((wi, i) => wi.times(Y[i] as Decimal));
    const g = grad(m, refVec('softmax', m, Z), W, Y);
    return gradientMatches(
      m,
      'softmaxCrossEntropy',
      g,
      Z,
      WY,
      v.map((x) => at(m, x)),
    );
  });
const claimedWeightedGrad = (m: RefMath, p: Decimal[], w: Decimal[], y: Decimal[]) => {
  const wy = w.map((wi, i) => wi.times(y[i] as Decimal));
  const s = sum(m, wy);
  return p.map((pi, i) => pi.times(s).minus(wy[i] as Decimal));
};

// ------------------------------------------------------------------------------------- SMX-3

const smoothing = fc
  .integer({ min: 2, max: 5 })
  .chain((K) =>
    fc.tuple(logitVec(K), fc.nat(K - 1), fc.oneof(range(1e-4, 0.5), fc.constantFrom(0.1, 0.2)), direction(K)),
  );

/** SMX-3: with y_LS = (1 − ε)e_c + ε/K the gradient is p − y_LS, and the logits with gap `gap(ε, K)`
 * on class c (0 elsewhere) make p = y_LS exactly, so the gradient vanishes there. */
const smx3 = (gap: (m: RefMath, eps: Decimal, K: number) => Decimal) =>
  fc.property(smoothing, ([z, c, eps, v]) => {
    const K = z.length;
    const m = mathFor(vectorScale(z), fdExtra);
    const E = at(m, eps);
    const yLS = Array.from({ length: K }, (_, j) => (j === c ? m.one.minus(E) : m.zero).plus(E.div(K)));
    const Z = z.map((x) => at(m, x));
    const p = refVec('softmax', m, Z);
    const ok = gradientMatches(
      m,
      'softmaxCrossEntropy',
      p.map((pi, i) => pi.minus(yLS[i] as Decimal)),
      Z,
      yLS,
      v.map((x) => at(m, x)),
    );
    const zStar = Array.from({ length: K }, (_, j) => (j === c ? gap(m, E, K) : m.zero));
    const g = refVec('softmaxCrossEntropyGrad', m, zStar, yLS);
    return ok && g.every((gi) => gi.abs().lte(slack(m).times(10)));
  });
const claimedGap = (m: RefMath, eps: Decimal, K: number) => m.D.ln(m.one.minus(eps).plus(eps.div(K)).div(eps.div(K)));

// ------------------------------------------------------------------------------------- SMX-4

/** SMX-4: the softmax+SE gradient is `grad` (directional finite difference of the catalogue's
 * softmaxSquaredError); the catalogue's gradient agrees and its components sum to 0. */
const smx4 = (grad: VecFormula) =>
  fc.property(problem, ([z, y, v]) => {
    const m = mathFor(vectorScale(z), fdExtra);
    const [Z, Y] = [z.map((x) => at(m, x)), y.map((x) => at(m, x))];
    const g = grad(m, Z, Y);
    if (
      !gradientMatches(
        m,
        'softmaxSquaredError',
        g,
        Z,
        Y,
        v.map((x) => at(m, x)),
      )
    )
      return false;
    const cat = refVec('softmaxSquaredErrorGrad', m, Z, Y);
    const scale = g.reduce((s, x) => (x.abs().gt(s) ? x.abs() : s), m.zero);
    return (
      cat.every((ci, i) => close(ci, g[i] as Decimal, slack(m), '1e-40')) &&
      sum(m, g)
        .abs()
        .lte(scale.times(slack(m)).plus(slack(m)))
    );
  });
const claimedSeGrad: VecFormula = (m, z, y) => {
  const p = refVec('softmax', m, z);
  return jTimes(
    m,
    p,
    p.map((pi, i) => pi.minus(y[i] as Decimal)),
  ).map((x) => x.times(2));
};

// ------------------------------------------------------------------------------------- SMX-5

/** Logits for SMX-5: the problem's, plus near-uniform K = 2 logits where the bound is attained. */
const smx5Problem = fc.oneof(
  { arbitrary: problem, weight: 5 },
  {
    arbitrary: fc.tuple(
      fc.array(range(-1e-3, 1e-3), { minLength: 2, maxLength: 2 }),
      fc.nat(1).map((c) => [c === 0 ? 1 : 0, c === 1 ? 1 : 0]),
      direction(2),
      fc.constant(true),
    ),
    weight: 1,
  },
);

/** SMX-5: ‖∇SE‖₂ ≤ c·‖∇CE‖₂ (c = 1, targets summing to 1), through ‖∇SE‖ = 2‖J(p − y)‖ ≤
 * 2·min(½, max p)·‖p − y‖, and the Rayleigh bounds xᵀJx ≤ min(½, max p)·xᵀx for a random x. */
const smx5 = (c: string) =>
  fc.property(smx5Problem, ([z, y, x]) => {
    const m = mathFor(vectorScale(z));
    const Z = z.map((x) => at(m, x));
    const Y = unitSum(
      m,
      y.map((x) => at(m, x)),
    );
    const X = x.map((x) => at(m, x));
    const p = refVec('softmax', m, Z);
    const se = refVec('softmaxSquaredErrorGrad', m, Z, Y);
    const ce = refVec('softmaxCrossEntropyGrad', m, Z, Y);
    const tol = m.one.plus(slack(m));
    const seSq = dot(m, se, se);
    const ceSq = dot(m, ce, ce);
    const r = p.map((pi, i) => pi.minus(Y[i] as Decimal));
    const lambda = p.reduce((a, b) => (b.gt(a) ? b : a), m.zero);
    const lam = lambda.lt(0.5) ? lambda : m.n(0.5);
    const ceIsResidual = close(ceSq, dot(m, r, r), slack(m), '1e-40');
    const chain = seSq.lte(
      lam
        .pow(2)
        .times(4)
        .times(dot(m, r, r))
        .times(tol)
        .plus(slack(m)),
    );
    const rayleigh = dot(m, X, jTimes(m, p, X)).lte(lam.times(dot(m, X, X)).times(tol));
    const bound = seSq.lte(m.n(c).pow(2).times(ceSq).times(tol).plus(slack(m)));
    return ceIsResidual && chain && rayleigh && bound;
  });

// ------------------------------------------------------------------------------------- SMX-6

/** SMX-6: ‖∇SE‖_∞ ≤ 4δ and δ ≤ `envelope`(K)·e^−gap for every target in [0, 1]^K; a misclassified
 * one-hot example keeps ‖∇CE‖_∞ ≥ 1 − p_y ≥ ½. */
const smx6 = (envelope: (K: number) => number) =>
  fc.property(problem, fc.nat(4), ([z, y], cRaw) => {
    const K = z.length;
    const m = mathFor(vectorScale(z));
    const Z = z.map((x) => at(m, x));
    const p = refVec('softmax', m, Z);
    let k = 0;
    for (let j = 1; j < K; j++) if ((p[j] as Decimal).gt(p[k] as Decimal)) k = j;
    // δ = 1 − p_k = Σ_{j≠k} p_j, summed without cancellation.
    const delta = sum(
      m,
      p.filter((_, j) => j !== k),
    );
    const second = Math.max(...z.filter((_, j) => j !== k));
    const gap = new Exact(Z[k] as Decimal).minus(at(m, second));
    const tol = m.one.plus(slack(m));
    const se = refVec(
      'softmaxSquaredErrorGrad',
      m,
      Z,
      y.map((x) => at(m, x)),
    );
    const seInf = se.reduce((a, b) => (b.abs().gt(a) ? b.abs() : a), m.zero);
    const ok1 = seInf.lte(delta.times(4).times(tol));
    const ok2 = delta.lte(m.D.exp(new m.D(gap).neg()).times(envelope(K)).times(tol));
    const c = cRaw % K;
    const oneHot = Array.from({ length: K }, (_, j) => (j === c ? m.one : m.zero));
    const misclassified = c !== k || p.some((pj, j) => j !== c && pj.eq(p[c] as Decimal));
    if (!misclassified) return ok1 && ok2;
    const ce = refVec('softmaxCrossEntropyGrad', m, Z, oneHot);
    const ceInf = ce.reduce((a, b) => (b.abs().gt(a) ? b.abs() : a), m.zero);
    const ok3 = ceInf.gte(m.one.minus(p[c] as Decimal).div(tol)) && ceInf.gte(m.n(0.5).div(tol));
    return ok1 && ok2 && ok3;
  });

// ------------------------------------------------------------------------------------- SMX-7

/** SMX-7: the Hessian of CE (finite difference of the catalogue's gradient along v) is `hess`(p)·v
 * for targets summing to 1; J is PSD, J·1 = 0, vᵀJv ≤ ½vᵀv, and ‖p − e_c‖² ≤ 2. */
const smx7 = (hess: (m: RefMath, p: Decimal[], v: Decimal[]) => Decimal[]) =>
  fc.property(problem, fc.nat(4), ([z, y, v], cRaw) => {
    const m = mathFor(vectorScale(z), fdExtra);
    const [Z, V] = [z.map((x) => at(m, x)), v.map((x) => at(m, x))];
    const Y = unitSum(
      m,
      y.map((x) => at(m, x)),
    );
    const p = refVec('softmax', m, Z);
    const d = derivativeVec(m, (t) => refVec('softmaxCrossEntropyGrad', m, along(m, Z, V, t), Y));
    const hv = hess(m, p, V);
    if (!d.every((di, i) => close(di.value, hv[i] as Decimal, di.error.plus(slack(m))))) return false;
    const J1 = jTimes(
      m,
      p,
      p.map(() => m.one),
    );
    const vJv = dot(m, V, jTimes(m, p, V));
    const c = cRaw % z.length;
    const r = p.map((pi, j) => (j === c ? pi.minus(1) : pi));
    return (
      J1.every((x) => x.abs().lte(slack(m))) &&
      vJv.gte(slack(m).neg()) &&
      vJv.lte(dot(m, V, V).div(2).plus(slack(m))) &&
      dot(m, r, r).lte(m.n(2).plus(slack(m)))
    );
  });

// ------------------------------------------------------------------------------------- SMX-8

const binaryLogit = fc.oneof({ arbitrary: range(-10, 10), weight: 3 }, { arbitrary: range(-40, 40), weight: 1 });
const binary = fc.tuple(
  fc.array(binaryLogit, { minLength: 2, maxLength: 2 }),
  fc.oneof(fc.constantFrom(0, 1), range(0, 1)),
);

/** SMX-8: K = 2 softmax+SE is `factor`·(σ(d) − y₁)² with d = z₁ − z₂ (factor 2); its derivative in d
 * is 2·∂_d(σ(d) − y₁)² = 4(σ − y₁)σ(1 − σ), and the ratio to ∂CE/∂d is 4σ(1 − σ) ≤ 1. */
const smx8 = (factor: number) =>
  fc.property(binary, ([z, y1]) => {
    const m = mathFor(Math.abs(z[0] as number) + Math.abs(z[1] as number), fdExtra);
    const Z = z.map((x) => at(m, x));
    const dd = new Exact(Z[0] as Decimal).minus(Z[1] as Decimal);
    const Y1 = at(m, y1);
    const Y = [Y1, m.one.minus(Y1)];
    const se = ref('softmaxSquaredError', m, Z, Y);
    const reduced = ref('sigmoidSquaredError', m, dd, Y1).times(factor);
    if (!close(se, reduced, slack(m), '1e-40')) return false;
    const d = derivative(m, (t) =>
      ref(
        'softmaxSquaredError',
        m,
        [Z[0] as Decimal, Z[1] as Decimal].map((x, i) => (i === 0 ? x.plus(t) : x)),
        Y,
      ),
    );
    const s = ref('sigmoid', m, dd);
    const claimed = s
      .minus(Y1)
      .times(4)
      .times(ref('sigmoidGrad', m, dd));
    const ce = refVec('softmaxCrossEntropyGrad', m, Z, Y)[0] as Decimal;
    const ratioOk = ce.isZero() || close(claimed.div(ce), ref('sigmoidGrad', m, dd).times(4), slack(m), '1e-30');
    return close(d.value, claimed, d.error.plus(slack(m))) && ratioOk && ref('sigmoidGrad', m, dd).times(4).lte(1);
  });

// ====================================================================================== tests

describe('SMX: softmax output, multiclass target', () => {
  test('SMX-1 ∇_z CE = (Σy)p − y for every target, p − y when Σy = 1 (directional finite difference)', (ctx) => {
    checkProperty(ctx, smx1(generalCeGrad));
  });
  test('SMX-1 the catalogue gradient is the general formula', (ctx) => {
    checkProperty(
      ctx,
      fc.property(problem, ([z, y]) => {
        const m = mathFor(vectorScale(z));
        const [Z, Y] = [z.map((x) => at(m, x)), y.map((x) => at(m, x))];
        const g = generalCeGrad(m, Z, Y);
        return refVec('softmaxCrossEntropyGrad', m, Z, Y).every((c, i) => close(c, g[i] as Decimal, slack(m), '1e-40'));
      }),
    );
  });
  test('SMX-2 class-weighted CE: ∇_z = (Σ w_j y_j)p − w ⊙ y', (ctx) => {
    checkProperty(ctx, smx2(claimedWeightedGrad));
    // One-hot: w_c(p − e_c), the same vector.
    const m = mathFor(0);
    const p = refVec('softmax', m, [m.n(1), m.n(-2), m.n(0.5)]);
    const w = [m.n(3), m.n(0.5), m.n(2)];
    const y = [m.zero, m.zero, m.one];
    const g = claimedWeightedGrad(m, p, w, y);
    expect(g.every((gi, i) => close(gi, (p[i] as Decimal).minus(y[i] as Decimal).times(2), slack(m), '1e-50'))).toBe(
      true,
    );
    recordCases(ctx, 1);
  });
  test('SMX-3 label smoothing: gradient p − y_LS, optimum p* = y_LS at the gap log((1 − ε + ε/K)/(ε/K))', (ctx) => {
    checkProperty(ctx, smx3(claimedGap));
  });
  test('SMX-4 ∇_z ‖p − y‖² = 2J(p)(p − y), components summing to 0', (ctx) => {
    checkProperty(ctx, smx4(claimedSeGrad));
  });
  test('SMX-5 ‖∇SE‖₂ ≤ 2λ_max(J)‖p − y‖₂ ≤ ‖∇CE‖₂, λ_max(J) ≤ min(½, max p)', (ctx) => {
    checkProperty(ctx, smx5('1'));
    // Attained: K = 2, p = (½, ½), y = e_1: ‖∇SE‖ = ‖∇CE‖ exactly.
    const m = mathFor(0);
    const Z = [m.zero, m.zero];
    const Y = [m.one, m.zero];
    const se = refVec('softmaxSquaredErrorGrad', m, Z, Y);
    const ce = refVec('softmaxCrossEntropyGrad', m, Z, Y);
    expect(close(dot(m, se, se), dot(m, ce, ce), 0, '1e-50')).toBe(true);
    recordCases(ctx, 1);
  });
  test('SMX-6 ‖∇SE‖_∞ ≤ 4δ ≤ 4(K − 1)e^−gap; misclassified ⇒ ‖∇CE‖_∞ ≥ ½', (ctx) => {
    checkProperty(
      ctx,
      smx6((K) => K - 1),
    );
  });
  test('SMX-7 ∇²_z CE = J(p) (finite difference of the gradient), PSD, J·1 = 0, λ_max ≤ ½, ‖p − e_y‖² ≤ 2', (ctx) => {
    checkProperty(ctx, smx7(jTimes));
  });
  test('SMX-8 K = 2: ‖p − y‖² = 2(σ(d) − y₁)², ∂/∂d = 4(σ − y₁)σ(1 − σ), ratio to ∂CE/∂d = 4σ(1 − σ) ≤ 1', (ctx) => {
    checkProperty(ctx, smx8(2));
  });
});

function expectCaught<T>(property: fc.IProperty<T>): void {
  expect(fc.check(property).failed, 'the planted mistake passed the property').toBe(true);
}

describe('SMX planted mistakes: each property can fail', () => {
  test('planted SMX-1 p − y claimed for every target (multi-hot and unnormalised included)', () => {
    expectCaught(smx1((m, z, y) => refVec('softmax', m, z).map((pi, i) => pi.minus(y[i] as Decimal))));
  });
  test('planted SMX-2 the weights applied elementwise to p − y: w ⊙ (p − y)', () => {
    expectCaught(smx2((_m, p, w, y) => p.map((pi, i) => pi.minus(y[i] as Decimal).times(w[i] as Decimal))));
  });
  test('planted SMX-3 the ε/(K − 1) convention: gap log((1 − ε)/(ε/(K − 1)))', () => {
    expectCaught(smx3((m, eps, K) => m.D.ln(m.one.minus(eps).div(eps.div(K - 1)))));
  });
  test('planted SMX-4 the Jacobian dropped: 2(p − y)', () => {
    expectCaught(smx4((m, z, y) => refVec('softmax', m, z).map((pi, i) => pi.minus(y[i] as Decimal).times(2))));
  });
  test('planted SMX-5 the ½SE constant: ‖∇SE‖ ≤ ½‖∇CE‖', () => {
    expectCaught(smx5('0.5'));
  });
  test('planted SMX-6 the K − 1 dropped: δ ≤ e^−gap', () => {
    expectCaught(smx6(() => 1));
  });
  test('planted SMX-7 the Hessian read as diag(p)', () => {
    expectCaught(smx7((_m, p, v) => p.map((pi, i) => pi.times(v[i] as Decimal))));
  });
  test('planted SMX-8 single-output SE: ‖p − y‖² = (σ(d) − y₁)²', () => {
    expectCaught(smx8(1));
  });
});
