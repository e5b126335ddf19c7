/**
 * Group EQ (docs/claims.md#eq): equivalences and identities. Derivations: proofs/equivalences.md.
 *
 * The exact identities compare catalogue references at a precision scaled with the saturation; the
 * float properties check the float64 kernels against the exact value of the *other* side, never by
 * evaluating `1 - sigmoid(z)` in float64. `planted …` tests run the same property code on a mistake.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { range } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { FLOAT64 } from '../../src/numeric/float.ts';
import { ulpError, ulpErrorVector } from '../../src/numeric/ulp.ts';
import { type Decimal, Exact } from '../../src/reference/decimal.ts';
import { referenceValue } from '../../src/reference/entry.ts';
import type { RefMath } from '../../src/reference/math.ts';
import type { Num } from '../../src/reference/tiny.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { at, close, logit, logitVec, mathFor, ref, refVec, sum, vectorScale } from '../_support/exact.ts';

const slack = (m: RefMath) => m.n(10).pow(-(m.precision - 10));
type Scalar = (...args: number[]) => number;
type Vector = (z: readonly number[]) => number[];
const f64 = <T>(id: string, impl: 'float64' | 'naive' = 'float64') => getEntry(id)[impl] as unknown as T;
const vec = (minK: number, maxK: number) => fc.integer({ min: minK, max: maxK }).chain((K) => logitVec(K));

// ------------------------------------------------------------------------------------- EQ-1

/** EQ-1 exact: σ(−z) = 1 − σ(z), the right side evaluated with e^−|z| digits to spare. */
const eq1 = fc.property(logit, (z) => {
  const m = mathFor(z);
  const Z = at(m, z);
  return close(ref('sigmoid', m, Z.neg()), m.one.minus(ref('sigmoid', m, Z)), slack(m), '1e-40');
});

/** EQ-1 in float64: `complement(z)`, a float computation of 1 − σ(z), is within 8 ULPs of the exact
 * 1 − σ(z) (the real one is the kernel's σ(−z); `1 - sigmoid(z)` is the planted mistake). */
const eq1Float = (complement: (z: number) => number) =>
  fc.property(fc.oneof(logit, range(-745, 745)), (z) => {
    const m = mathFor(z);
    return ulpError(complement(z), m.one.minus(ref('sigmoid', m, at(m, z))), FLOAT64) <= 8;
  });

// ------------------------------------------------------------------------------------- EQ-2

const pairLogit = fc.oneof({ arbitrary: range(-20, 20), weight: 4 }, { arbitrary: range(-300, 300), weight: 1 });
const pair = fc.tuple(pairLogit, pairLogit, fc.oneof(fc.constantFrom(0, 1), range(0, 1)));

/** EQ-2: softmax([a, b])₁ = σ(a − b); softmax-CE([a, b], (y, 1 − y)) = BCE-with-logits(a − b, y);
 * ∂/∂a = σ(a − b) − y = −∂/∂b. */
const eq2 = fc.property(pair, ([a, b, y]) => {
  const m = mathFor(Math.abs(a) + Math.abs(b));
  const Z = [at(m, a), at(m, b)];
  const d = new Exact(Z[0] as Decimal).minus(Z[1] as Decimal);
  const Y = [at(m, y), m.one.minus(at(m, y))];
  const s = slack(m);
  const p = refVec('softmax', m, Z);
  const g = refVec('softmaxCrossEntropyGrad', m, Z, Y);
  const bg = ref('bceWithLogitsGrad', m, d, Y[0] as Decimal);
  return (
    close(p[0] as Decimal, ref('sigmoid', m, d), s, '1e-40') &&
    close(ref('softmaxCrossEntropy', m, Z, Y), ref('bceWithLogits', m, d, Y[0] as Decimal), s, '1e-40') &&
    close(g[0] as Decimal, bg, s, '1e-40') &&
    close(g[1] as Decimal, bg.neg(), s, '1e-40')
  );
});

/** Logit pairs on the grid k·2^−20, |k| ≤ 800·2^20: a − b is exact in float64, so the kernel's error
 * is its own (exp, sum, division), not the rounding of the difference (a condition of |a − b|·u). */
const gridPair = fc
  .tuple(fc.integer({ min: -800 * 2 ** 20, max: 800 * 2 ** 20 }), fc.integer({ min: -40 * 2 ** 20, max: 40 * 2 ** 20 }))
  .chain(([ka, kd]) => fc.constantFrom([ka * 2 ** -20, (ka + kd) * 2 ** -20], [ka * 2 ** -20, -ka * 2 ** -20]));

/** EQ-2 in float64: `softmax`([a, b])₁ is within the softmax budget (4K + 16 = 24 ULPs at K = 2) of
 * the exact σ(a − b), at logits up to ±800 where the unshifted exponentials overflow. */
const eq2Float = (softmax: Vector) =>
  fc.property(gridPair, ([a, b]) => {
    const m = mathFor(0);
    const d = new m.D(new Exact(at(m, a as number)).minus(at(m, b as number)));
    return ulpError(softmax([a as number, b as number])[0] as number, ref('sigmoid', m, d), FLOAT64) <= 24;
  });

// ------------------------------------------------------------------------------------- EQ-3

/** Logits and a shift on one grid k·2^e with every |z_i + c| < 2^53·2^e: the float sums are exact. */
const gridShift = fc
  .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: -10, max: -2 }))
  .chain(([K, e]) =>
    fc.tuple(
      fc.array(fc.integer({ min: -(2 ** 10), max: 2 ** 10 }), { minLength: K, maxLength: K }),
      fc.oneof(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: -100, max: 100 })),
      fc.constant(e),
    ),
  )
  .map(([zi, ci, e]) => ({ z: zi.map((k) => k * 2 ** e), c: ci * 2 ** e }));

/** A shift that is not on the grid: z_i + c rounds. */
const roundedShift = fc
  .tuple(vec(2, 5), fc.oneof(range(1e5, 1e12), range(-1e12, -1e5)))
  .map(([z, c]) => ({ z: z.map((v) => Math.max(-5, Math.min(5, v))), c }));

/** EQ-3 exact: softmax(z + c·1) = softmax(z), the shift formed exactly. */
const eq3 = fc.property(fc.oneof(gridShift, roundedShift), ({ z, c }) => {
  const m = mathFor(vectorScale(z));
  const Z = z.map((x) => at(m, x));
  const shifted = Z.map((v) => new Exact(v).plus(at(m, c)));
  const a = refVec('softmax', m, Z);
  const b = refVec('softmax', m, shifted);
  return a.every((ai, i) => close(ai, b[i] as Decimal, slack(m), '1e-40'));
});

/** EQ-3 in float64: softmax(fl(z + c)) is within 4K + 16 ULPs of the exact softmax at `exactAt`
 * (the inputs the claim says are equivalent). */
const eq3Float = (shifts: fc.Arbitrary<{ z: number[]; c: number }>, exactAt: (z: number[], c: number) => number[]) =>
  fc.property(shifts, ({ z, c }) => {
    const got = f64<Vector>('softmax')(z.map((v) => v + c));
    const want = referenceValue(getEntry('softmax'), [exactAt(z, c)]).value as Num[];
    return ulpErrorVector(got, want, FLOAT64) <= 4 * z.length + 16;
  });

// ------------------------------------------------------------------------------------- EQ-4

/** EQ-4: softmax_i(z) = σ(z_i − LSE_{j≠i} z_j) for every i, with `others(z, i)` the logits the
 * log-sum-exp runs over (all j ≠ i). */
const eq4 = (others: (z: Decimal[], i: number) => Decimal[]) =>
  fc.property(vec(2, 6), (z) => {
    const m = mathFor(vectorScale(z));
    const Z = z.map((x) => at(m, x));
    const p = refVec('softmax', m, Z);
    return p.every((pi, i) => {
      const rest = ref('logSumExp', m, others(Z, i));
      return close(pi, ref('sigmoid', m, new m.D(Z[i] as Decimal).minus(rest)), slack(m), '1e-35');
    });
  });

// ------------------------------------------------------------------------------------- EQ-5

/** EQ-5 exact: log softmax(z) = z − LSE(z), CE(e_y, softmax z) = LSE(z) − z_y, max z ≤ LSE ≤ max z + log K. */
const eq5 = fc.property(vec(1, 6), fc.nat(5), (z, cRaw) => {
  const m = mathFor(vectorScale(z));
  const Z = z.map((x) => at(m, x));
  const lse = ref('logSumExp', m, Z);
  const ls = refVec('logSoftmax', m, Z);
  const c = cRaw % z.length;
  const oneHot = Z.map((_, j) => (j === c ? m.one : m.zero));
  const max = at(m, Math.max(...z));
  const s = slack(m);
  return (
    ls.every((li, i) => close(li, (Z[i] as Decimal).minus(lse), s.times(lse.abs().plus(1)), '1e-35')) &&
    close(ref('softmaxCrossEntropy', m, Z, oneHot), lse.minus(Z[c] as Decimal), s.times(lse.abs().plus(1)), '1e-35') &&
    lse.gte(max.minus(s.times(max.abs().plus(1)))) &&
    // Equality at the upper end when all K logits tie: a rounding allowance of the precision.
    lse.lte(max.plus(m.D.ln(z.length)).plus(s.times(max.abs().plus(1))))
  );
});

/** EQ-5 in float64: `lse` stays within max z ≤ LSE ≤ max z + log K (slack 8u of the sides) at logits
 * up to ±800: the stable form subtracts the max first. */
const eq5Float = (lse: (z: readonly number[]) => number) =>
  fc.property(
    fc.integer({ min: 1, max: 6 }).chain((K) => fc.array(range(-800, 800), { minLength: K, maxLength: K })),
    (z) => {
      const v = lse(z);
      const max = Math.max(...z);
      const hi = max + Math.log(z.length);
      const tol = 8 * 2 ** -53 * (Math.abs(max) + Math.abs(hi)) + 2 ** -1074;
      return Number.isFinite(v) && v >= max - tol && v <= hi + tol;
    },
  );

// ------------------------------------------------------------------------------------- EQ-6

/** EQ-6 exact: BCE-with-logits = softplus(z) − yz; at y ∈ {0, 1} it is softplus(−m), m = (2y − 1)z;
 * softplus(−z) − max(0, −z) ∈ (0, ln 2], = ln 2 at z = 0. */
const eq6 = fc.property(logit, fc.oneof(fc.constantFrom(0, 1), range(0, 1)), (z, y) => {
  const m = mathFor(z);
  const [Z, Y] = [at(m, z), at(m, y)];
  const s = slack(m).times(Z.abs().plus(1));
  const bce = ref('bceWithLogits', m, Z, Y);
  const viaSoftplus = ref('softplus', m, Z).minus(Y.times(Z));
  const margin = y === 0 || y === 1 ? close(bce, ref('softplus', m, Z.times(1 - 2 * y)), slack(m), '1e-40') : true;
  const tail = ref('softplus', m, Z.neg()).minus(Z.isNeg() ? Z.neg() : 0);
  const ln2 = m.D.ln(2);
  return (
    close(bce, viaSoftplus, s, '1e-40') &&
    margin &&
    tail.gt(0) &&
    tail.lte(ln2.plus(slack(m))) &&
    (z !== 0 || close(tail, ln2, slack(m), '0'))
  );
});

/** EQ-6 in float64: `bceWithLogits`(z, y) within 8 ULPs for hard labels (the margin form has no
 * cancellation; softplus(z) − z at y = 1 has, for large z). */
const eq6Float = (bce: Scalar) =>
  fc.property(fc.oneof(logit, range(-745, 745)), fc.constantFrom(0, 1), (z, y) => {
    return ulpError(bce(z, y), referenceValue(getEntry('bceWithLogits'), [z, y]).value as Num, FLOAT64) <= 8;
  });

// ------------------------------------------------------------------------------------- EQ-7

/** A target distribution q in the open simplex, K ∈ [3, 5], not uniform. */
const openSimplex = fc
  .integer({ min: 3, max: 5 })
  .chain((K) => fc.array(fc.oneof(range(0.01, 1), fc.constantFrom(0.5, 1)), { minLength: K, maxLength: K }))
  .filter((w) => w.some((x) => x !== w[0]));

/** The naive reading of EQ-7 for K > 2: one-vs-rest BCE, Σ_j BCE(z_j, y_j), *is* softmax CE. */
const eq7Naive = fc.property(vec(3, 5), (z) => {
  const m = mathFor(vectorScale(z));
  const Z = z.map((x) => at(m, x));
  const Y = Z.map((_, j) => (j === 0 ? m.one : m.zero));
  const ovr = sum(
    m,
    Z.map((zj, j) => ref('bceWithLogits', m, zj, Y[j] as Decimal)),
  );
  return close(ovr, ref('softmaxCrossEntropy', m, Z, Y), slack(m), '1e-30');
});

/** EQ-7 corrected: for a non-uniform q in the open simplex (K ≥ 3) the softmax-CE optimum log q is not
 * stationary for one-vs-rest BCE (σ(log q_j) = q_j/(1 + q_j) ≠ q_j), and the one-vs-rest optimum
 * logit(q) (marginals σ(z_j) = q_j) is not stationary for softmax CE. */
const eq7 = fc.property(openSimplex, (w) => {
  const m = mathFor(0);
  const W = w.map((x) => at(m, x));
  const total = sum(m, W);
  const q = W.map((x) => x.div(total));
  const logQ = q.map((x) => m.D.ln(x));
  const ovrAtLogQ = logQ.map((zj, j) => ref('bceWithLogitsGrad', m, zj, q[j] as Decimal));
  const sceAtLogQ = refVec('softmaxCrossEntropyGrad', m, logQ, q);
  const logitQ = q.map((x) => ref('logit', m, x));
  const ovrAtLogit = logitQ.map((zj, j) => ref('bceWithLogitsGrad', m, zj, q[j] as Decimal));
  const sceAtLogit = refVec('softmaxCrossEntropyGrad', m, logitQ, q);
  const tiny = slack(m).times(100);
  return (
    sceAtLogQ.every((g) => g.abs().lte(tiny)) &&
    ovrAtLogQ.some((g) => g.abs().gt(tiny)) &&
    ovrAtLogit.every((g) => g.abs().lte(tiny)) &&
    sceAtLogit.some((g) => g.abs().gt(tiny))
  );
});

// ====================================================================================== tests

describe('EQ: equivalences and identities', () => {
  test('EQ-1 σ(−z) = 1 − σ(z), both sides against the reference', (ctx) => {
    checkProperty(ctx, eq1);
  });
  test('EQ-1 float64 σ(−z) is within 8 ULPs of the exact 1 − σ(z) for |z| ≤ 745', (ctx) => {
    const sigmoid = f64<Scalar>('sigmoid');
    checkProperty(
      ctx,
      eq1Float((z) => sigmoid(-z)),
    );
  });
  test('EQ-2 softmax([a, b])₁ = σ(a − b), −log softmax_y = BCE(σ(a − b), y₁), ∂/∂a = σ − y₁ = −∂/∂b', (ctx) => {
    checkProperty(ctx, eq2);
  });
  test('EQ-2 float64 softmax([a, b])₁ within 24 ULPs of σ(a − b), logits up to ±800', (ctx) => {
    checkProperty(ctx, eq2Float(f64<Vector>('softmax')));
  });
  test('EQ-3 softmax(z + c·1) = softmax(z), exactly shifted', (ctx) => {
    checkProperty(ctx, eq3);
  });
  test('EQ-3 float64 softmax(z + c) within 4K + 16 ULPs of softmax(z) when z_i + c is exact', (ctx) => {
    checkProperty(
      ctx,
      eq3Float(gridShift, (z) => z),
    );
    // Where z_i + c rounds, the identity holds at the rounded inputs fl(z_i + c), not at z.
    checkProperty(
      ctx,
      eq3Float(roundedShift, (z, c) => z.map((v) => v + c)),
    );
  });
  test('EQ-4 softmax_i(z) = σ(z_i − LSE_{j≠i} z_j)', (ctx) => {
    checkProperty(
      ctx,
      eq4((z, i) => z.filter((_, j) => j !== i)),
    );
  });
  test('EQ-5 log softmax = z − LSE, CE = LSE − z_y, max z ≤ LSE ≤ max z + log K', (ctx) => {
    checkProperty(ctx, eq5);
  });
  test('EQ-5 float64 logSumExp inside [max z, max z + log K] at logits up to ±800', (ctx) => {
    checkProperty(ctx, eq5Float(f64<(z: readonly number[]) => number>('logSumExp')));
  });
  test('EQ-6 BCE-with-logits = softplus(z) − yz = log(1 + e^−m), softplus(−z) − max(0, −z) ∈ (0, ln 2]', (ctx) => {
    checkProperty(ctx, eq6);
  });
  test('EQ-6 float64 bceWithLogits within 8 ULPs on hard labels, |z| ≤ 745', (ctx) => {
    checkProperty(ctx, eq6Float(f64<Scalar>('bceWithLogits')));
  });
  test('EQ-7 one-vs-rest BCE ≠ softmax CE for K > 2, and their optima differ', (ctx) => {
    const naive = fc.check(eq7Naive);
    expect(naive.failed, 'one-vs-rest BCE equal to softmax CE on every draw').toBe(true);
    recordCases(ctx, 1);
    checkProperty(ctx, eq7);
    // K = 2 is the equivalent case: it is EQ-2 (a single sigmoid on a − b), checked above.
  });
});

function expectCaught<T>(property: fc.IProperty<T>): void {
  expect(fc.check(property).failed, 'the planted mistake passed the property').toBe(true);
}

describe('EQ planted mistakes: each property can fail', () => {
  test('planted EQ-1 the float64 complement computed as 1 − sigmoid(z)', () => {
    const sigmoid = f64<Scalar>('sigmoid');
    expectCaught(eq1Float((z) => 1 - sigmoid(z)));
  });
  test('planted EQ-2 float64 softmax replaced by the textbook e^z/Σe^z', () => {
    expectCaught(eq2Float(f64<Vector>('softmax', 'naive')));
  });
  test('planted EQ-3 a rounded shift compared with softmax at the unshifted z', () => {
    expectCaught(eq3Float(roundedShift, (z) => z));
  });
  test('planted EQ-4 the log-sum-exp taken over all j, i included', () => {
    expectCaught(eq4((z) => z));
  });
  test('planted EQ-5 float64 logSumExp replaced by the textbook log Σ e^z', () => {
    expectCaught(eq5Float(f64<(z: readonly number[]) => number>('logSumExp', 'naive')));
  });
  test('planted EQ-6 float64 bceWithLogits replaced by the textbook bce(σ(z), y)', () => {
    expectCaught(eq6Float(f64<Scalar>('bceWithLogits', 'naive')));
  });
});
