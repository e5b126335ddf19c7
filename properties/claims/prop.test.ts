/**
 * Group PROP (docs/claims.md#prop): proper scoring — "both criteria have the posterior as optimum".
 * Derivations: proofs/proper-scoring.md.
 *
 * Each property is a function of what it tests (a scoring rule, a bound's constant), so that the
 * same code runs on the claim and on a planted mistake; the `planted …` tests show that it can fail.
 * Both sides of every inequality are evaluated from catalogue references at rising precision
 * (`decideSign`); identities are checked to 40 significant digits at 60.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { prob, range } from '../../src/audit/arbitraries.ts';
import type { Decimal } from '../../src/reference/decimal.ts';
import type { RefMath } from '../../src/reference/math.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { dec, exact, logitVec, ref } from '../_support/exact.ts';
import { agree, decideSign, exactVec, geq, gt, oneHot, quantise, simplex, simplexPair } from './_decide.ts';

/** A binary scoring rule S(p, y) in exact arithmetic: the thing whose properness is tested. */
type BinaryScore = (m: RefMath, p: Decimal, y: Decimal) => Decimal;
/** A multiclass scoring rule S(p, k) for the outcome k. */
type Score = (m: RefMath, p: readonly Decimal[], k: number) => Decimal;

const squared: BinaryScore = (m, p, y) => ref('squaredError', m, p, y);
const logScore: BinaryScore = (m, p, y) => ref('bce', m, p, y);
/** L1 on probabilities, |p − y|: not a catalogue id, it is the rule PROP-4 refutes. */
const absolute: BinaryScore = (_m, p, y) => p.minus(y).abs();

/** 1 − x exactly for a double x (in the 2400-digit Exact context: 1 − 5e−324 needs 324 digits). */
const complement = (x: Decimal) => exact(1).minus(x);

/** E_{Y~Bern(q)} S(p, Y) = q·S(p, 1) + (1 − q)·S(p, 0), with 0·∞ = 0 (a class of mass 0 costs nothing). */
function binaryRisk(m: RefMath, S: BinaryScore, p: Decimal, q: Decimal): Decimal {
  return dec(m.add(m.mulZ(q, S(m, p, m.one)), m.mulZ(complement(q), S(m, p, m.zero))));
}

/** E_{Y~Cat(q)} S(p, Y). */
function risk(m: RefMath, S: Score, p: readonly Decimal[], q: readonly Decimal[]): Decimal {
  let r = m.zero;
  q.forEach((qk, k) => {
    r = dec(m.add(r, m.mulZ(qk, S(m, p, k))));
  });
  return r;
}

/** ‖a − b‖₂² from the catalogue's meanSquaredError (mean over K, times K). */
function sqDist(m: RefMath, a: readonly Decimal[], b: readonly Decimal[]): Decimal {
  return ref('meanSquaredError', m, a, b).times(a.length);
}

const brier: Score = (m, p, k) => sqDist(m, p, oneHot(m, p.length, k));
const logLoss: Score = (m, p, k) => ref('categoricalNll', m, p, k);
/** ‖p − e_k‖₁ = 2(1 − p_k): linear in p, so not proper (the planted mistake of PROP-2). */
const l1Vec: Score = (m, p, k) => p.reduce((s, v, j) => s.plus(j === k ? m.one.minus(v) : v.abs()), m.zero);

/** p and q in [0, 1], independent or close (the regime where strictness is hardest to see). */
const binaryPair = fc.oneof(
  { arbitrary: fc.tuple(prob, prob), weight: 3 },
  {
    arbitrary: fc
      .tuple(range(0, 1), range(-1e-6, 1e-6))
      .map(([q, e]) => [Math.min(1, Math.max(0, q + e)), q] as [number, number]),
    weight: 1,
  },
);

// ------------------------------------------------------------------------------------ PROP-1

test('PROP-1 binary: E(p − Y)² = (p − q)² + q(1 − q) and E BCE(p, Y) = H_b(q) + KL_b(q‖p) (40 digits)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(binaryPair, ([p, q]) => {
      const P = exact(p);
      const Q = exact(q);
      return agree((m) => [binaryRisk(m, squared, P, Q), ref('squaredError', m, P, Q).plus(Q.times(complement(Q)))]);
    }),
  );
  // The log identity through the catalogue's entropy and klDivergence, whose arguments are double
  // vectors: (q, 1 − q) and (p, 1 − p) exact on the 2^−53 grid.
  checkProperty(
    ctx,
    fc.property(simplexPair(2, 2), ([pv, qv]) => {
      const Pv = exactVec(pv);
      const Qv = exactVec(qv);
      const [P, Q] = [Pv[0] as Decimal, Qv[0] as Decimal];
      return agree((m) => [
        binaryRisk(m, logScore, P, Q),
        dec(m.add(ref('entropy', m, Qv), ref('klDivergence', m, Qv, Pv))),
      ]);
    }),
  );
});

/** PROP-1 strictness: for p ≠ q the risk of reporting p exceeds the risk of reporting q, exactly. */
const strictlyProper = (S: BinaryScore) =>
  fc.property(binaryPair, ([p, q]) => {
    fc.pre(p !== q);
    const P = exact(p);
    const Q = exact(q);
    return gt((m) => [binaryRisk(m, S, P, Q), binaryRisk(m, S, Q, Q)]);
  });

test('PROP-1 squared error and BCE are strictly proper: risk(p) > risk(q) for p ≠ q (exact)', (ctx) => {
  checkProperty(ctx, strictlyProper(squared));
  checkProperty(ctx, strictlyProper(logScore));
});

test('planted PROP-1 L1 |p − y| presented as a proper score fails the properness property', () => {
  expect(fc.check(strictlyProper(absolute)).failed).toBe(true);
});

// ------------------------------------------------------------------------------------ PROP-2

const multiPair = simplexPair(2, 6);

test('PROP-2 multiclass: E‖p − e_Y‖² = ‖p − q‖² + 1 − ‖q‖², E[−log p_Y] = CE(q, p) = H(q) + KL(q‖p) (40 digits)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(multiPair, ([p, q]) => {
      const Pv = exactVec(p);
      const Qv = exactVec(q);
      const zero = Qv.map(() => exact(0));
      const br = agree((m) => [
        risk(m, brier, Pv, Qv),
        sqDist(m, Pv, Qv)
          .plus(1)
          .minus(sqDist(m, Qv, zero)),
      ]);
      const ce = agree((m) => [risk(m, logLoss, Pv, Qv), ref('crossEntropy', m, Pv, Qv)]);
      const kl = agree((m) => [
        ref('crossEntropy', m, Pv, Qv),
        dec(m.add(ref('entropy', m, Qv), ref('klDivergence', m, Qv, Pv))),
      ]);
      return br && ce && kl;
    }),
  );
});

/** PROP-2 strictness: for p ≠ q, E_q S(p) > E_q S(q) (the excess risk is positive). */
const strictlyProperMulti = (S: Score) =>
  fc.property(multiPair, ([p, q]) => {
    fc.pre(p.some((v, i) => v !== q[i]));
    const Pv = exactVec(p);
    const Qv = exactVec(q);
    return gt((m) => [risk(m, S, Pv, Qv), risk(m, S, Qv, Qv)]);
  });

test('PROP-2 Brier and log loss are strictly proper on the simplex: excess risk > 0 for p ≠ q (exact)', (ctx) => {
  checkProperty(ctx, strictlyProperMulti(brier));
  checkProperty(ctx, strictlyProperMulti(logLoss));
});

test('planted PROP-2 the L1 distance ‖p − e_y‖₁ presented as proper fails the properness property', () => {
  expect(fc.check(strictlyProperMulti(l1Vec)).failed).toBe(true);
});

// ------------------------------------------------------------------------------------ PROP-3

/** PROP-3 with constant c: KL(q‖p) ≥ c‖p − q‖² and KL(p‖q) ≥ c‖p − q‖², exactly. */
const klDominates = (c: string) =>
  fc.property(fc.oneof(multiPair, simplexPair(2, 2)), ([p, q]) => {
    const Pv = exactVec(p);
    const Qv = exactVec(q);
    return (
      geq((m) => [ref('klDivergence', m, Qv, Pv), sqDist(m, Pv, Qv).times(c)]) &&
      geq((m) => [ref('klDivergence', m, Pv, Qv), sqDist(m, Pv, Qv).times(c)])
    );
  });

test('PROP-3 KL(q‖p) ≥ ‖p − q‖₂² in both directions for all p, q in the simplex (exact)', (ctx) => {
  checkProperty(ctx, klDominates('1'));
});

test('PROP-3 the constant 1 is sharp: at K = 2, q = (½, ½), p = (½ + δ, ½ − δ), 1 ≤ KL/‖p − q‖² ≤ 1 + 3δ²', (ctx) => {
  // KL = −½·ln(1 − 4δ²) = 2δ² + 4δ⁴ + …, ‖p − q‖² = 2δ²: the ratio is 1 + 2δ² + (16/3)δ⁴ + … ≤ 1 + 3δ²
  // for δ ≤ 1/8, so any constant 1 + ε fails once 3δ² < ε (checked below for ε = 10^−6 at δ = 2^−12).
  const deltas = [2 ** -4, 2 ** -8, 2 ** -12, 2 ** -20, 2 ** -26];
  for (const d of deltas) {
    const Q = [exact(0.5), exact(0.5)];
    const Pv = [exact(0.5 + d), exact(0.5 - d)];
    const ratio = (m: RefMath) => ref('klDivergence', m, Q, Pv).div(sqDist(m, Pv, Q));
    expect(geq((m) => [ratio(m), m.one])).toBe(true);
    expect(geq((m) => [m.one.plus(m.n(3).times(d * d)), ratio(m)])).toBe(true);
  }
  const Q = [exact(0.5), exact(0.5)];
  const Pv = [exact(0.5 + 2 ** -12), exact(0.5 - 2 ** -12)];
  expect(decideSign((m) => [ref('klDivergence', m, Q, Pv), sqDist(m, Pv, Q).times('1.000001')])).toBe(-1);
  recordCases(ctx, 2 * deltas.length + 1);
});

test('planted PROP-3 KL ≥ 1.001·‖p − q‖² (constant above the sharp 1) fails the PROP-3 property', () => {
  expect(fc.check(klDominates('1.001')).failed).toBe(true);
});

// ------------------------------------------------------------------------------------ PROP-4

test('PROP-4 E_{Bern(q)}|p − Y| = q + p(1 − 2q), minimised at p = 1[q > ½], not at p = q (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(prob, prob, (p, q) => {
      const P = exact(p);
      const Q = exact(q);
      const identity = agree((m) => [binaryRisk(m, absolute, P, Q), Q.plus(P.times(m.one.minus(Q.times(2))))]);
      const best = exact(q > 0.5 ? 1 : 0);
      // The rounded class is a minimiser (≤ every report p), and strictly better than p = q unless
      // q ∈ {0, ½, 1}, where q itself is a minimiser.
      const minimal = geq((m) => [binaryRisk(m, absolute, P, Q), binaryRisk(m, absolute, best, Q)]);
      const improper =
        q === 0 || q === 0.5 || q === 1 || gt((m) => [binaryRisk(m, absolute, Q, Q), binaryRisk(m, absolute, best, Q)]);
      return identity && minimal && improper;
    }),
  );
});

test('PROP-4 the PROP-1 properness property, run on L1, finds a counterexample (L1 is not proper)', (ctx) => {
  const details = fc.check(strictlyProper(absolute));
  recordCases(ctx, details.numRuns);
  expect(details.failed).toBe(true);
  const [p, q] = (details.counterexample as [[number, number]])[0];
  // The counterexample really is one: reporting p beats reporting the truth q.
  expect(
    decideSign((m) => [binaryRisk(m, absolute, exact(p), exact(q)), binaryRisk(m, absolute, exact(q), exact(q))]),
  ).toBeLessThanOrEqual(0);
});

// ------------------------------------------------------------------------------------ PROP-5

/**
 * Pairs for PROP-5: independent, close, and "decision flips": q is p with its two largest components
 * moved to (s/2 + j, s/2 − j) grid units around their mean s/2, so that the model's arg-max lands on
 * the wrong class or ties with it — the regime where Δ ≤ √2‖p − q‖₂ is tight.
 */
const flipPair: fc.Arbitrary<[number[], number[]]> = fc
  .integer({ min: 2, max: 6 })
  .chain((K) => fc.tuple(simplex(K), fc.integer({ min: -3, max: 3 })))
  .map(([p, j]) => {
    const order = p.map((_, i) => i).sort((a, b) => (p[b] as number) - (p[a] as number));
    const [a, b] = [order[0] as number, order[1] as number];
    const u = 2 ** -53;
    const s = Math.round(((p[a] as number) + (p[b] as number)) / u); // grid units, exact
    const q = [...p];
    q[a] = (Math.floor(s / 2) - j) * u;
    q[b] = (s - Math.floor(s / 2) + j) * u;
    return q.every((v) => v >= 0) ? ([p, q] as [number[], number[]]) : ([p, p] as [number[], number[]]);
  });

const prop5Pairs = fc.oneof({ arbitrary: multiPair, weight: 2 }, { arbitrary: flipPair, weight: 2 });

/** Δ and the first bound of PROP-5 with the worst tie-break (ĉ: among q's arg-maxes, the smallest p). */
function mismatch(p: readonly number[], q: readonly number[]): { cStar: number; cHat: number } {
  let cStar = 0;
  for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[cStar] as number)) cStar = i;
  const qMax = Math.max(...q);
  let cHat = -1;
  for (let i = 0; i < q.length; i++) {
    if (q[i] === qMax && (cHat < 0 || (p[i] as number) < (p[cHat] as number))) cHat = i;
  }
  return { cStar, cHat };
}

/**
 * PROP-5 with a factor `r2` on the ℓ2 bound (the claim: r2 = 2, i.e. Δ ≤ √2‖p − q‖₂, compared squared).
 * Checks Δ ≤ A := |p_c* − q_c*| + |q_ĉ − p_ĉ|, A ≤ ‖d‖₁, A² ≤ r2·‖d‖₂², ‖d‖₁² ≤ 2KL(p‖q),
 * 2‖d‖₂² ≤ 2KL(p‖q), each decided exactly.
 */
const errorBounds = (r2: string) =>
  fc.property(prop5Pairs, ([p, q]) => {
    const { cStar, cHat } = mismatch(p, q);
    const Pv = exactVec(p);
    const Qv = exactVec(q);
    const at = (v: readonly Decimal[], i: number) => v[i] as Decimal;
    const delta = at(Pv, cStar).minus(at(Pv, cHat));
    const A = at(Pv, cStar)
      .minus(at(Qv, cStar))
      .abs()
      .plus(at(Qv, cHat).minus(at(Pv, cHat)).abs());
    const l1 = Pv.reduce((s, v, i) => s.plus(v.minus(at(Qv, i)).abs()), exact(0));
    // With ĉ = c* the decision is right, Δ = 0, and the middle term 2|p_c* − q_c*| may exceed
    // √2‖d‖₂ (p = e₁, q = (0.98, 0.01, 0.01)): the chain needs two distinct coordinates.
    const chain =
      cStar === cHat
        ? delta.isZero()
        : geq(() => [A, delta]) && geq(() => [l1, A]) && geq((m) => [sqDist(m, Pv, Qv).times(r2), A.times(A)]);
    return (
      chain &&
      geq((m) => [ref('klDivergence', m, Pv, Qv).times(2), l1.times(l1)]) &&
      geq((m) => [ref('klDivergence', m, Pv, Qv), sqDist(m, Pv, Qv)])
    );
  });

test('PROP-5 Δ ≤ |p_c* − q_c*| + |q_ĉ − p_ĉ| ≤ min{‖d‖₁, √2‖d‖₂}, ‖d‖₁ ≤ √(2KL), √2‖d‖₂ ≤ √(2KL) (exact, worst tie-break)', (ctx) => {
  checkProperty(ctx, errorBounds('2'));
});

test('PROP-5 averaged over inputs (Jensen): E Δ ≤ √(2·E‖p − q‖²) ≤ √(2·E KL(p‖q)) (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(fc.array(prop5Pairs, { minLength: 1, maxLength: 3 }), (pairs) => {
      const n = pairs.length;
      const ds = pairs.map(([p, q]) => {
        const { cStar, cHat } = mismatch(p, q);
        return exact(p[cStar] as number).minus(exact(p[cHat] as number));
      });
      const meanDelta = ds.reduce((s, v) => s.plus(v), exact(0)).div(n); // a short sum of doubles / n ≤ 3: exact enough at 2400 digits
      const brierExcess = (m: RefMath) =>
        pairs.reduce((s, [p, q]) => s.plus(sqDist(m, exactVec(p), exactVec(q))), m.zero).div(n);
      const ceExcess = (m: RefMath) =>
        pairs.reduce((s, [p, q]) => s.plus(ref('klDivergence', m, exactVec(p), exactVec(q))), m.zero).div(n);
      return (
        geq((m) => [brierExcess(m).times(2), m.D.mul(meanDelta, meanDelta)]) &&
        geq((m) => [ceExcess(m), brierExcess(m)])
      );
    }),
  );
});

test('planted PROP-5 Δ ≤ ‖p − q‖₂ (the √2 dropped) fails the PROP-5 property near a decision flip', () => {
  expect(fc.check(errorBounds('1')).failed).toBe(true);
});

// ------------------------------------------------------------------------------------ PROP-6

/** K and a logit vector, with a target distribution of that length. */
const logitsAndTarget = (target: (K: number) => fc.Arbitrary<number[]>) =>
  fc.integer({ min: 2, max: 4 }).chain((K) => fc.tuple(logitVec(K), target(K)));

const openSimplex = (K: number) => simplex(K).filter((q) => q.every((v) => v > 0));
/** A distribution with at least one zero entry: a simplex vector with one component removed. */
const withZero = (K: number) =>
  fc.tuple(simplex(K), fc.nat(K - 1)).map(([q, j]) => {
    const w = q.map((v, i) => (i === j ? 0 : v));
    return w.some((v) => v > 0) ? quantise(w) : q.map((_, i) => (i === (j + 1) % K ? 1 : 0));
  });

test('PROP-6 softmax-CE ≥ H(q) and softmax-SE ≥ 0 at every logit vector, reached at z = fl(log q) up to its rounding (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(logitsAndTarget(openSimplex), ([z, q]) => {
      const Z = exactVec(z);
      const Qv = exactVec(q);
      const lower = geq((m) => [ref('softmaxCrossEntropy', m, Z, Qv), ref('entropy', m, Qv)]);
      // Logits fl(log q_k) = log q_k + e_k: by Hoeffding's lemma, CE − H(q) = log E_q e^e − E_q e
      // ≤ (max e − min e)²/8; and softmax_k = q_k e^{e_k}/E_q e^e, so ‖softmax − q‖² ≤ expm1(max e − min e)².
      const zq = q.map(Math.log);
      const Zq = exactVec(zq);
      const spread = (m: RefMath) => {
        const e = Zq.map((v, k) => v.minus(m.ln(Qv[k] as Decimal)));
        return e.reduce((a, v) => (v.gt(a) ? v : a)).minus(e.reduce((a, v) => (v.lt(a) ? v : a)));
      };
      // CE − H(q) is O(10^−33) out of O(1) values: decided from 100 digits up.
      const ceAttained = geq(
        (m) => [spread(m).pow(2).div(8), ref('softmaxCrossEntropy', m, Zq, Qv).minus(ref('entropy', m, Qv))],
        100,
      );
      const seAttained = geq((m) => [dec(m.expm1(spread(m))).pow(2), ref('softmaxSquaredError', m, Zq, Qv)]);
      return lower && ceAttained && seAttained;
    }),
  );
});

test('PROP-6 a target with a zero entry: CE > H(q) and SE > 0 at every finite logit vector, and raising the support strictly lowers CE (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(logitsAndTarget(withZero), ([z, q]) => {
      const Z = exactVec(z);
      const Qv = exactVec(q);
      // Raising every logit in q's support by 1 (exactly, in Decimal) moves mass onto the support.
      const Zup = Z.map((v, k) => ((q[k] as number) > 0 ? v.plus(1) : v));
      return (
        gt((m) => [ref('softmaxCrossEntropy', m, Z, Qv), ref('entropy', m, Qv)]) &&
        gt((m) => [ref('softmaxSquaredError', m, Z, Qv), m.zero]) &&
        gt((m) => [ref('softmaxCrossEntropy', m, Z, Qv), ref('softmaxCrossEntropy', m, Zup, Qv)])
      );
    }),
  );
});

// ------------------------------------------------------------------------------------ PROP-7

const eta = range(0, 1).filter((v) => v > 0 && v < 1);
const margin = fc.oneof(range(-20, 20), range(-700, 700));

/** C_η(f) = ησ(−f)² + (1 − η)σ(f)² from the catalogue: σ(−f)² = sigmoidSquaredError(f, 1), σ(f)² = (f, 0). */
const condRisk = (m: RefMath, f: Decimal, h: Decimal) =>
  h.times(ref('sigmoidSquaredError', m, f, m.one)).plus(complement(h).times(ref('sigmoidSquaredError', m, f, m.zero)));
const condRiskGrad = (m: RefMath, f: Decimal, h: Decimal) =>
  h
    .times(ref('sigmoidSquaredErrorGrad', m, f, m.one))
    .plus(complement(h).times(ref('sigmoidSquaredErrorGrad', m, f, m.zero)));

test('PROP-7 sigmoid+SE conditional risk: sign C′_η(f) = sign(f − logit η), min value η(1 − η) < min(η, 1 − η) (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(eta, margin, (h, f) => {
      const H = exact(h);
      const F = exact(f);
      const complement = exact(1).minus(H);
      const slope = decideSign((m) => [condRiskGrad(m, F, H), m.zero]);
      const side = decideSign((m) => [F, ref('logit', m, H)]);
      const aboveMin = geq((m) => [condRisk(m, F, H), H.times(complement)]);
      const calibrated = gt(() => [H.lt(0.5) ? H : complement, H.times(complement)]);
      return slope === side && aboveMin && calibrated;
    }),
  );
});
