/**
 * Group SIG (docs/claims.md#sig): a sigmoid output with a binary target. Derivations: proofs/sigmoid.md.
 *
 * Each property is a function of the implementation under test (a claimed gradient, a bound's
 * constant, a float kernel), so that the same code runs on the catalogue and on a planted mistake;
 * the `planted …` tests show that every such property can fail.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { range, target } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { callKernel, type FloatArg } from '../../src/catalogue/types.ts';
import { FLOAT64 } from '../../src/numeric/float.ts';
import { ulpError } from '../../src/numeric/ulp.ts';
import type { Decimal } from '../../src/reference/decimal.ts';
import { referenceValue } from '../../src/reference/entry.ts';
import type { RefMath } from '../../src/reference/math.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import {
  at,
  close,
  derivative,
  exact,
  FD_STEP_DIGITS,
  logit,
  mathFor,
  negativeLogit,
  ref,
  resolveDigits,
} from '../_support/exact.ts';

/** A claimed gradient (or other formula) in exact arithmetic: the implementation under test. */
type Formula = (m: RefMath, z: Decimal, y: Decimal) => Decimal;
/** A float kernel under test. */
type Kernel = (...args: number[]) => number;

const hard = fc.constantFrom(0, 1);
const fdExtra = FD_STEP_DIGITS + 5;
/** A rounding allowance of the working precision: ten units in its last digit, relative. */
const slack = (m: RefMath) => m.n(10).pow(-(m.precision - 10));

/** The SE gradient 2(σ − y)·σ(1 − σ) as the claim writes it, from the catalogue's σ and σ′. */
const claimedSeGrad: Formula = (m, z, y) =>
  ref('sigmoid', m, z)
    .minus(y)
    .times(2)
    .times(ref('sigmoidGrad', m, z));

/** ULP error of a float kernel at float arguments against the adaptive reference of `id`. */
function ulps(id: string, kernel: Kernel, args: FloatArg[]): number {
  const got = callKernel(kernel as never, args) as number;
  return ulpError(got, referenceValue(getEntry(id), args).value as Decimal, FLOAT64);
}

// ------------------------------------------------------------------------------------- SIG-1

/** SIG-1: the derivative of BCE(σ(z), y), by finite difference of the composition, equals `grad`. */
const sig1 = (grad: Formula) =>
  fc.property(logit, target, (z, y) => {
    const m = mathFor(z, fdExtra);
    const Z = at(m, z);
    const Y = at(m, y);
    const d = derivative(m, (t) => ref('bce', m, ref('sigmoid', m, Z.plus(t)), Y));
    const g = grad(m, Z, Y);
    // The catalogue's bceWithLogitsGrad is the same function (σ(z) − y cancels for soft y ≈ σ(z):
    // an absolute allowance of the working precision).
    return close(d.value, g, d.error) && close(ref('bceWithLogitsGrad', m, Z, Y), g, slack(m), '1e-40');
  });

/** SIG-1 in float64: the kernel is within 8 ULPs for hard labels (−σ(−z) at y = 1: no cancellation)
 * and within 4u absolute for soft labels, where σ(z) − y cancels by nature (CLAIMS §2.5). */
const sig1Float = (kernel: Kernel) =>
  fc.property(fc.oneof(logit, range(-745, 745)), target, (z, y) => {
    if (y === 0 || y === 1) return ulps('bceWithLogitsGrad', kernel, [z, y]) <= 8;
    const exactGrad = referenceValue(getEntry('bceWithLogitsGrad'), [z, y]).value as Decimal;
    return exact(kernel(z, y))
      .minus(exactGrad)
      .abs()
      .lte(4 * 2 ** -53);
  });

// ------------------------------------------------------------------------------------- SIG-2

/** SIG-2: the derivative of (σ(z) − y)², by finite difference of the catalogue's sigmoidSquaredError,
 * equals `grad`; the catalogue's own gradient agrees, and for y = 1 so does −2σ(z)σ(−z)². */
const sig2 = (grad: Formula) =>
  fc.property(logit, target, (z, y) => {
    const m = mathFor(z, fdExtra);
    const Z = at(m, z);
    const Y = at(m, y);
    const d = derivative(m, (t) => ref('sigmoidSquaredError', m, Z.plus(t), Y));
    const g = grad(m, Z, Y);
    const stableY1 =
      y === 1
        ? ref('sigmoid', m, Z)
            .times(ref('sigmoid', m, Z.neg()).pow(2))
            .times(-2)
        : g;
    return (
      close(d.value, g, d.error) &&
      close(ref('sigmoidSquaredErrorGrad', m, Z, Y), g, slack(m), '1e-40') &&
      close(stableY1, g, slack(m), '1e-40')
    );
  });

/** SIG-2/SIG-4 in float64: sigmoidSquaredErrorGrad and sigmoidGrad within 8 ULPs for hard labels on
 * |z| ≤ 740, the stable form's range (CLAIMS §2.4). */
const seGradFloat = (seGrad: Kernel, sGrad: Kernel) =>
  fc.property(fc.oneof(logit, range(-740, 740)), hard, (z, y) => {
    return ulps('sigmoidSquaredErrorGrad', seGrad, [z, y]) <= 8 && ulps('sigmoidGrad', sGrad, [z]) <= 8;
  });

// ------------------------------------------------------------------------------------- SIG-3

/** SIG-3: |∂SE| ≤ c·|∂BCE| (c = ½), with the ratio identity 2σ(1 − σ) where σ ≠ y and strictness off 0. */
const sig3 = (c: string) =>
  fc.property(logit, target, (z, y) => {
    const m = mathFor(z);
    const Z = at(m, z);
    const Y = at(m, y);
    const se = ref('sigmoidSquaredErrorGrad', m, Z, Y).abs();
    const ce = ref('bceWithLogitsGrad', m, Z, Y).abs();
    const bound = ce.times(c);
    if (se.gt(bound.times(m.one.plus(slack(m))))) return false;
    if (ce.isZero()) return se.isZero();
    const ratio = se.div(ce);
    const identity = close(ratio, ref('sigmoidGrad', m, Z).times(2), 0, '1e-40');
    // z²/8 below the ratio's maximum ½: resolvable at the working precision once |z| ≥ 1e−10.
    const strict = Math.abs(z) < 1e-10 || ratio.lt(0.5);
    return identity && strict && ratio.gt(0);
  });

// ------------------------------------------------------------------------------------- SIG-4

/** SIG-4: σ(z)σ(−z) = e^−|z|/(1 + e^−|z|)², the envelope e^−|z|/4 ≤ σσ(−z) ≤ e^−|z|, and the SE
 * gradient `grad` within 2|σ − y|e^−|z| ≤ 2e^−|z|; on |z| ≤ 700 in high precision. */
const sig4 = (grad: Formula) =>
  fc.property(
    logit.filter((z) => Math.abs(z) <= 700),
    target,
    (z, y) => {
      const m = mathFor(z);
      const Z = at(m, z);
      const Y = at(m, y);
      const e = m.D.exp(Z.abs().neg());
      const s = ref('sigmoid', m, Z).times(ref('sigmoid', m, Z.neg()));
      const tol = m.one.plus(slack(m));
      const identity =
        close(s, e.div(m.one.plus(e).pow(2)), 0, '1e-40') && close(ref('sigmoidGrad', m, Z), s, 0, '1e-40');
      const envelope = e.div(4).lte(s.times(tol)) && s.lte(e.times(tol));
      const g = grad(m, Z, Y).abs();
      const catalogue = close(ref('sigmoidSquaredErrorGrad', m, Z, Y).abs(), g, slack(m), '1e-40');
      const sat = ref('sigmoid', m, Z).minus(Y).abs().times(2).times(e);
      return identity && envelope && catalogue && g.lte(sat.times(tol)) && sat.lte(e.times(2).times(tol));
    },
  );

/** SIG-4 in float64: the kernel's vanishing SE gradient stays inside the exact envelope 2e^−|z| (with
 * 8u of slack for its rounding) and is not flushed to 0 while e^−|z| is a normal double. */
const sig4Float = (seGrad: Kernel) =>
  fc.property(range(-700, 700), hard, (z, y) => {
    const g = Math.abs(seGrad(z, y));
    const m = mathFor(0);
    const env = m.D.exp(at(m, z).abs().neg()).times(2);
    const wrong = (y === 1 && z < 0) || (y === 0 && z > 0);
    return at(m, g).lte(env.times(1 + 8 * 2 ** -53)) && (g > 0 || !wrong || Math.abs(z) > 700);
  });

// ------------------------------------------------------------------------------------- SIG-5

/** SIG-5 for y = 1, z ≤ 0 and the mirror y = 0, z ≥ 0: |∂BCE| = σ(−|z|)… ∈ [½, 1) and decreasing in
 * the margin, |∂SE| ≤ 2e^−|z| and increasing on the far side of `peak` (−ln 2 for y = 1). */
const sig5 = (peak: (m: RefMath) => Decimal) =>
  fc.property(negativeLogit, negativeLogit, fc.boolean(), (a, b, mirror) => {
    const [z1, z2] = a <= b ? [a, b] : [b, a];
    if (z1 === z2) return true;
    // e^z1 relative resolution for σ(−z1) near 1, plus the digits that separate z1 from z2 (twice
    // near the SE peak, where the change is second order; capped at +40 there).
    const sep = resolveDigits(z2 - z1);
    const m = mathFor(Math.max(-z1, 1), sep + Math.min(sep, 40));
    const y = mirror ? m.zero : m.one;
    // The mirror image: y = 0 at logit −z has the same gradients up to sign.
    const pt = (z: number) => (mirror ? at(m, -z) : at(m, z));
    const ce = (z: number) => ref('bceWithLogitsGrad', m, pt(z), y).abs();
    const se = (z: number) => ref('sigmoidSquaredErrorGrad', m, pt(z), y).abs();
    const c1 = ce(z1);
    const values = close(c1, ref('sigmoid', m, at(m, -z1)), 0, '1e-40') && c1.gte(0.5) && c1.lt(1);
    const bound = se(z1).lte(m.D.exp(at(m, z1)).times(2));
    const ceMonotone = ce(z1).gt(ce(z2));
    const seMonotone = at(m, z2).gt(peak(m)) || se(z1).lt(se(z2));
    return values && bound && ceMonotone && seMonotone;
  });

// ------------------------------------------------------------------------------------- SIG-6

const nearPeak = fc.oneof(logit, range(-Math.LN2 - 0.01, -Math.LN2 + 0.01), range(Math.LN2 - 0.01, Math.LN2 + 0.01));

/** SIG-6: |∂SE| ≤ c for every z and y ∈ [0, 1] (c = 8/27). */
const sig6 = (c: (m: RefMath) => Decimal) =>
  fc.property(nearPeak, target, (z, y) => {
    const m = mathFor(z);
    return ref('sigmoidSquaredErrorGrad', m, at(m, z), at(m, y))
      .abs()
      .lte(c(m).times(m.one.plus(slack(m))));
  });
const eightOver27 = (m: RefMath) => m.n(8).div(27);

// ------------------------------------------------------------------------------------- SIG-7

/** The naive reading of SIG-7: "the CE gradient does not vanish", as |∂BCE| ≥ ½ on every hard label. */
const sig7Naive = fc.property(logit, hard, (z, y) => {
  const m = mathFor(z, resolveDigits(Math.abs(z)));
  return ref('bceWithLogitsGrad', m, at(m, z), m.n(y)).abs().gte(0.5);
});

/** SIG-7 corrected: for hard labels |∂BCE| ≥ ½ iff misclassified; where right and confident both
 * gradients vanish, |∂BCE| = σ(−|z|) ≤ e^−|z| and |∂SE| ≤ 2e^−2|z|. */
/** The decision boundary z = ±0 is where the "iff" is sharp: weighted in. */
const sig7Logit = fc.oneof({ arbitrary: logit, weight: 9 }, { arbitrary: fc.constantFrom(0, -0), weight: 1 });
const sig7 = (misclassified: (z: number, y: number) => boolean) =>
  fc.property(sig7Logit, hard, (z, y) => {
    // |σ(z) − y| − ½ = O(z) near z = 0: resolve it for tiny z.
    const m = mathFor(2 * z, resolveDigits(Math.abs(z)));
    const Z = at(m, z);
    const Y = m.n(y);
    const ce = ref('bceWithLogitsGrad', m, Z, Y).abs();
    if (ce.gte(0.5) !== misclassified(z, y)) return false;
    if (misclassified(z, y)) return true;
    const e = m.D.exp(Z.abs().neg());
    return ce.lte(e) && ref('sigmoidSquaredErrorGrad', m, Z, Y).abs().lte(e.pow(2).times(2));
  });
const isMisclassified = (z: number, y: number) => (y === 1 ? z <= 0 : z >= 0);

/** SIG-7 in float64: where right and confident, the kernel computes the vanishing CE gradient itself
 * (−σ(−z), 8 ULPs) instead of the 0 that σ(z) − 1 gives beyond z = 36.74. */
const sig7Float = (kernel: Kernel) =>
  fc.property(range(0, 745), hard, (a, y) => {
    const z = y === 1 ? a : -a;
    return ulps('bceWithLogitsGrad', kernel, [z, y]) <= 8;
  });

// ------------------------------------------------------------------------------------- SIG-8

const posWeight = fc.oneof(range(0.05, 20), fc.constantFrom(1, 2, 10, 0.5));

/** SIG-8: pos_weight BCE L = w·y·BCE(z, 1) + (1 − y)·BCE(z, 0) has gradient `grad(m, σ, w, y)`,
 * which vanishes at σ = wy/(wy + 1 − y). */
type WeightedGrad = (m: RefMath, s: Decimal, w: Decimal, y: Decimal) => Decimal;
const sig8 = (grad: WeightedGrad) =>
  fc.property(logit, target, posWeight, (z, y, w) => {
    // The loss is a sum of positive terms (no cancellation), so its finite difference needs no
    // digits scaled with |z| (were the reference to cancel, the check would fail, not pass); the
    // claimed gradient σ·w − w at y = 1 cancels like σ(z) − 1 and gets the scaled precision.
    const m0 = mathFor(0, fdExtra);
    const m = mathFor(z, 5);
    const [Z, Y, W] = [at(m, z), at(m, y), at(m, w)];
    const L = (x: Decimal) =>
      W.times(Y)
        .times(ref('bceWithLogits', m0, x, m0.one))
        .plus(m0.one.minus(Y).times(ref('bceWithLogits', m0, x, m0.zero)));
    const d = derivative(m0, (t) => L(Z.plus(t)));
    if (!close(d.value, grad(m, ref('sigmoid', m, Z), W, Y), d.error)) return false;
    // The stationary point moves from σ = y to σ = wy/(wy + 1 − y).
    if (Y.isZero() || Y.eq(1)) return true;
    const pStar = W.times(Y).div(W.times(Y).plus(m.one.minus(Y)));
    return grad(m, pStar, W, Y).abs().lte(slack(m));
  });
const claimedWeighted: WeightedGrad = (m, s, w, y) => s.times(w.times(y).plus(m.one).minus(y)).minus(w.times(y));

// ------------------------------------------------------------------------------------- SIG-9

const epsilon = fc.oneof(range(1e-6, 0.5), fc.constantFrom(0.1, 0.05, 0.2));

/** SIG-9: with y_ε = (1 − ε)y + ε/2 the gradient is σ − y_ε (finite difference), the loss is
 * minimised at the finite `zStar(ε, y)`, and without smoothing no z is a minimiser. */
const sig9 = (zStar: (m: RefMath, eps: Decimal, y: number) => Decimal) =>
  fc.property(logit, hard, epsilon, (z, y, eps) => {
    // y_ε is soft (ε ≥ 1e−6): σ − y_ε cancels by at most 7 digits, and the losses are sums of
    // positive terms, so a fixed precision serves every |z|.
    const m = mathFor(0, fdExtra);
    const [Z, E] = [at(m, z), at(m, eps)];
    const yEps = m.one.minus(E).times(y).plus(E.div(2));
    const d = derivative(m, (t) => ref('bceWithLogits', m, Z.plus(t), yEps));
    const gradient = close(d.value, ref('sigmoid', m, Z).minus(yEps), d.error);
    const star = zStar(m, E, y);
    const stationary = ref('bceWithLogitsGrad', m, star, yEps).abs().lte(slack(m).times(10));
    const minimal = ref('bceWithLogits', m, Z, yEps).gte(ref('bceWithLogits', m, star, yEps).minus(slack(m)));
    // ε = 0: moving one unit towards the label always lowers the loss, so no z attains the infimum.
    const Y = m.n(y);
    const step = y === 1 ? Z.plus(1) : Z.minus(1);
    const noMinimiser = ref('bceWithLogits', m, step, Y).lt(ref('bceWithLogits', m, Z, Y));
    return gradient && stationary && minimal && noMinimiser;
  });
const claimedZStar = (m: RefMath, eps: Decimal, y: number) => {
  const zs = ref('logit', m, m.one.minus(eps.div(2)));
  return y === 1 ? zs : zs.neg();
};

// ====================================================================================== tests

const kernel = (id: string, impl: 'float64' | 'naive' = 'float64') => getEntry(id)[impl] as unknown as Kernel;

describe('SIG: sigmoid output, binary target', () => {
  test('SIG-1 d/dz BCE(σ(z), y) = σ(z) − y (finite difference at 10^−15, scaled precision)', (ctx) => {
    checkProperty(
      ctx,
      sig1((m, z, y) => ref('sigmoid', m, z).minus(y)),
    );
  });
  test('SIG-1 float64 bceWithLogitsGrad: ≤ 8 ULPs on hard labels, ≤ 4u absolute on soft labels', (ctx) => {
    checkProperty(ctx, sig1Float(kernel('bceWithLogitsGrad')));
  });
  test('SIG-2 d/dz (σ(z) − y)² = 2(σ − y)σ(1 − σ), = −2σ(z)σ(−z)² at y = 1', (ctx) => {
    checkProperty(ctx, sig2(claimedSeGrad));
  });
  test('SIG-2 float64 sigmoidSquaredErrorGrad and sigmoidGrad within 8 ULPs on hard labels, |z| ≤ 740', (ctx) => {
    checkProperty(ctx, seGradFloat(kernel('sigmoidSquaredErrorGrad'), kernel('sigmoidGrad')));
  });
  test('SIG-3 |∂SE| ≤ ½|∂BCE|, ratio 2σ(1 − σ) ∈ (0, ½], ½ only at z = 0', (ctx) => {
    checkProperty(ctx, sig3('0.5'));
    // Equality at z = 0 for every label: the bound is sharp.
    const m = mathFor(0);
    for (const y of ['0', '1', '0.25']) {
      const se = ref('sigmoidSquaredErrorGrad', m, m.zero, m.n(y)).abs();
      expect(se.eq(ref('bceWithLogitsGrad', m, m.zero, m.n(y)).abs().div(2))).toBe(true);
    }
    recordCases(ctx, 3);
  });
  test('SIG-4 σ(z)σ(−z) = e^−|z|/(1 + e^−|z|)², e^−|z|/4 ≤ σ(1 − σ) ≤ e^−|z|, |∂SE| ≤ 2e^−|z|', (ctx) => {
    checkProperty(ctx, sig4(claimedSeGrad));
  });
  test('SIG-4 float64 SE gradient inside the envelope 2e^−|z| (+8u) and nonzero while wrong, |z| ≤ 700', (ctx) => {
    checkProperty(ctx, sig4Float(kernel('sigmoidSquaredErrorGrad')));
  });
  test('SIG-5 wrong and confident: |∂BCE| ∈ [½, 1) decreasing, |∂SE| ≤ 2e^z increasing on z ≤ −ln 2', (ctx) => {
    checkProperty(
      ctx,
      sig5((m) => m.D.ln(2).neg()),
    );
  });
  test('SIG-6 |∂SE| ≤ 8/27 for every z and y ∈ [0, 1]', (ctx) => {
    checkProperty(ctx, sig6(eightOver27));
  });
  test('SIG-6 8/27 is reached: exactly at z = ∓ln 2, within 8 ULPs by float64 at fl(∓ln 2)', (ctx) => {
    const m = mathFor(0);
    const ln2 = m.D.ln(2);
    const bound = eightOver27(m);
    // In exact arithmetic at the exact point ∓ln 2 (σ = ⅓ or ⅔): the value is 8/27 to the precision.
    expect(close(ref('sigmoidSquaredErrorGrad', m, ln2.neg(), m.one).abs(), bound, 0, '1e-55')).toBe(true);
    expect(close(ref('sigmoidSquaredErrorGrad', m, ln2, m.zero).abs(), bound, 0, '1e-55')).toBe(true);
    // The float64 kernel at the double nearest ∓ln 2 (its distance to ln 2 moves the value by
    // O(1e−33), far below an ulp): within 8 float64 ULPs of ∓8/27.
    const f = kernel('sigmoidSquaredErrorGrad');
    expect(ulpError(f(-Math.LN2, 1), bound.neg(), FLOAT64)).toBeLessThanOrEqual(8);
    expect(ulpError(f(Math.LN2, 0), bound, FLOAT64)).toBeLessThanOrEqual(8);
    recordCases(ctx, 4);
  });
  test('SIG-7 CE gradients vanish too: "|∂BCE| ≥ ½ always" fails; |∂BCE| ≥ ½ iff misclassified', (ctx) => {
    const naive = fc.check(sig7Naive);
    expect(naive.failed).toBe(true);
    // The counterexample is right and confident: y = 1, z > 0 (or y = 0, z < 0).
    const [z, y] = naive.counterexample as [number, number];
    expect(isMisclassified(z, y)).toBe(false);
    recordCases(ctx, 1);
    checkProperty(ctx, sig7(isMisclassified));
  });
  test('SIG-7 float64 bceWithLogitsGrad computes the vanishing gradient (8 ULPs) where right and confident', (ctx) => {
    checkProperty(ctx, sig7Float(kernel('bceWithLogitsGrad')));
  });
  test('SIG-8 pos_weight BCE: ∂_z L = σ(w₊y + 1 − y) − w₊y, zero at σ = w₊y/(w₊y + 1 − y)', (ctx) => {
    checkProperty(ctx, sig8(claimedWeighted));
  });
  test('SIG-9 label smoothing: gradient σ − y_ε, finite minimiser logit(1 − ε/2), none without smoothing', (ctx) => {
    checkProperty(ctx, sig9(claimedZStar));
  });
});

/** A planted mistake must make the claim's property fail (fast-check finds a counterexample). */
function expectCaught<T>(property: fc.IProperty<T>, params: fc.Parameters<T> = {}): void {
  const details = fc.check(property, params);
  expect(details.failed, 'the planted mistake passed the property').toBe(true);
}

describe('SIG planted mistakes: each property can fail', () => {
  test('planted SIG-2 sigmoid+SE gradient without the σ′ factor, 2(σ − y)', () => {
    expectCaught(sig2((m, z, y) => ref('sigmoid', m, z).minus(y).times(2)));
  });
  test('planted SIG-1 the SE gradient claimed for BCE', () => {
    expectCaught(sig1(claimedSeGrad));
  });
  test('planted SIG-3 the ½SE constant: |∂SE| ≤ ¼|∂BCE|', () => {
    expectCaught(sig3('0.25'));
  });
  test('planted SIG-4 float64 sigmoidSquaredErrorGrad and sigmoidGrad replaced by the textbook formulas', () => {
    expectCaught(seGradFloat(kernel('sigmoidSquaredErrorGrad', 'naive'), kernel('sigmoidGrad', 'naive')));
    expectCaught(sig4Float(kernel('sigmoidSquaredErrorGrad', 'naive')));
  });
  test('planted SIG-5 SE gradient claimed increasing on all of z ≤ 0 (the peak at −ln 2 ignored)', () => {
    expectCaught(sig5((m) => m.zero));
  });
  test('planted SIG-6 the bound 8/27 − 1e−6 fails at z = −ln 2', () => {
    expectCaught(
      sig6((m) => eightOver27(m).minus('1e-6')),
      { examples: [[-Math.LN2, 1]] },
    );
    // And without the hint: the regime around ∓ln 2 finds it on its own.
    expectCaught(sig6((m) => eightOver27(m).minus('1e-6')));
  });
  test('planted SIG-7 "misclassified" read as a strict inequality (z < 0): the boundary z = 0 breaks it', () => {
    expectCaught(sig7((z, y) => (y === 1 ? z < 0 : z > 0)));
  });
  test('planted SIG-7 float64 bceWithLogitsGrad replaced by the textbook σ(z) − y', () => {
    expectCaught(sig7Float(kernel('bceWithLogitsGrad', 'naive')));
    expectCaught(sig1Float(kernel('bceWithLogitsGrad', 'naive')));
  });
  test('planted SIG-8 p − y claimed for the pos_weight loss', () => {
    expectCaught(sig8((_m, s, _w, y) => s.minus(y)));
  });
  test('planted SIG-9 the ε/(K − 1) convention: minimiser claimed at logit(1 − ε)', () => {
    expectCaught(
      sig9((m, eps, y) => (y === 1 ? ref('logit', m, m.one.minus(eps)) : ref('logit', m, m.one.minus(eps)).neg())),
    );
  });
});
