/**
 * Group CVX (docs/claims.md#cvx): "MSE does not play very nicely with sigmoid/softmax; a linear output
 * layer would be a better choice". Derivations: proofs/convexity.md.
 *
 * Convexity and smoothness are checked through their first-order characterisations on catalogue
 * values and gradients (f(w) ≥ f(z) + g(z)·(w − z), f(w) ≤ f(z) + g(z)·(w − z) + (L/2)‖w − z‖²),
 * decided exactly; each property is a function of the loss and constant it tests, so that a planted
 * mistake (SE∘σ presented as convex, a smoothness constant too small) runs through the same code.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { range, target } from '../../src/audit/arbitraries.ts';
import type { Decimal } from '../../src/reference/decimal.ts';
import { RefMath } from '../../src/reference/math.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { close, dec, derivative, exact, logit, logitVec, ref, refVec } from '../_support/exact.ts';
import { agree, decideSign, exactVec, geq, gt, simplex } from './_decide.ts';

/** A scalar loss of the logit with its claimed derivative, in exact arithmetic. */
interface ScalarLoss {
  f: (m: RefMath, z: Decimal, y: Decimal) => Decimal;
  g: (m: RefMath, z: Decimal, y: Decimal) => Decimal;
}
const bce: ScalarLoss = {
  f: (m, z, y) => ref('bceWithLogits', m, z, y),
  g: (m, z, y) => ref('bceWithLogitsGrad', m, z, y),
};
const sigmoidSe: ScalarLoss = {
  f: (m, z, y) => ref('sigmoidSquaredError', m, z, y),
  g: (m, z, y) => ref('sigmoidSquaredErrorGrad', m, z, y),
};

/** Two logits: independent, or w = z + δ with δ ∈ [−3, 3] (where curvature constants bite). */
const logitPair = fc.oneof(
  fc.tuple(logit, logit),
  fc.tuple(fc.oneof(range(-3, 3), logit), range(-3, 3)).map(([z, d]) => [z, z + d] as [number, number]),
);

// -------------------------------------------------------------------------------------- CVX-1

/**
 * First-order convexity of z ↦ f(z, y), and L-smoothness when `halfL` (L/2) is given:
 * f(w) ≥ f(z) + g(z)(w − z) [and f(w) ≤ f(z) + g(z)(w − z) + (L/2)(w − z)²], decided exactly.
 */
const convexSmooth = (loss: ScalarLoss, halfL?: string) =>
  fc.property(logitPair, target, ([z, w], y) => {
    const [Z, W, Y] = [exact(z), exact(w), exact(y)];
    const tangent = (m: RefMath) => loss.f(m, Z, Y).plus(loss.g(m, Z, Y).times(W.minus(Z)));
    const convex = geq((m) => [loss.f(m, W, Y), tangent(m)]);
    const smooth =
      halfL === undefined || geq((m) => [tangent(m).plus(W.minus(Z).pow(2).times(halfL)), loss.f(m, W, Y)]);
    return convex && smooth;
  });

test('CVX-1 BCE is convex and ¼-smooth in z: tangent ≤ BCE(w) ≤ tangent + ⅛(w − z)² for every y ∈ [0, 1] (exact)', (ctx) => {
  checkProperty(ctx, convexSmooth(bce, '0.125'));
});

test('CVX-1 d²/dz² BCE = σ(z)σ(−z) ∈ (0, ¼] (sigmoidGrad, exact; equality only at z = 0)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(logit, (z) => {
      const s = (m: RefMath) => ref('sigmoidGrad', m, exact(z));
      // ¼ − σ′(z) = z²/16 + O(z⁴): below 10^−400 relative for |z| < 1e−200, where strictness is not
      // decidable at 950 digits; there the bound is checked as ≤.
      const quarter = decideSign((m) => [m.n('0.25'), s(m)]);
      const strict = Math.abs(z) >= 1e-200;
      return gt((m) => [s(m), m.zero]) && (z === 0 || !strict ? quarter >= 0 : quarter > 0);
    }),
  );
});

test('CVX-1 linear model z = w·x: vᵀHv = Σ σ′(w·xᵢ)(xᵢ·v)² ≥ 0, zero exactly when Xv = 0 (exact)', (ctx) => {
  const small = fc.integer({ min: -4, max: 4 });
  const vec2 = fc.tuple(small, small);
  checkProperty(
    ctx,
    fc.property(
      fc.array(vec2, { minLength: 1, maxLength: 3 }),
      fc.tuple(range(-5, 5), range(-5, 5)),
      vec2,
      (X, w, v) => {
        const Xv = X.map(([a, b]) => a * v[0] + b * v[1]); // small integers: exact
        const quad = (m: RefMath) =>
          X.reduce((s, [a, b], i) => {
            const z = exact(w[0]).times(a).plus(exact(w[1]).times(b)); // exact in the Exact context
            return s.plus(ref('sigmoidGrad', m, z).times((Xv[i] as number) ** 2));
          }, m.zero);
        const sign = decideSign((m) => [quad(m), m.zero]);
        return Xv.every((t) => t === 0) ? sign === 0 : sign > 0;
      },
    ),
  );
});

test('planted CVX-1 SE∘σ presented as convex fails the CVX-1 first-order convexity property', () => {
  expect(fc.check(convexSmooth(sigmoidSe)).failed).toBe(true);
});

test('planted CVX-1 BCE claimed 0.2-smooth (below its ¼) fails the CVX-1 smoothness property', () => {
  expect(fc.check(convexSmooth(bce, '0.1')).failed).toBe(true);
});

// -------------------------------------------------------------------------------------- CVX-2

/** Softmax-CE convex and L-smooth in z: the first-order inequalities with half-constant `halfL`. */
const ceConvexSmooth = (halfL: string) =>
  fc.property(
    fc.integer({ min: 2, max: 4 }).chain((K) =>
      fc.tuple(
        // Logit vectors, plus exact ties c·1 where J(p) = (I − 11ᵀ/K)/K has its largest eigenvalue.
        fc.oneof(
          logitVec(K),
          range(-20, 20).map((c) => Array.from({ length: K }, () => c)),
        ),
        fc.array(range(-2, 2), { minLength: K, maxLength: K }),
        simplex(K),
      ),
    ),
    ([z, d, y]) => {
      const Z = exactVec(z);
      const W = Z.map((v, i) => v.plus(d[i] as number)); // exact: Exact-context sums of doubles
      const Y = exactVec(y);
      const tangent = (m: RefMath) =>
        refVec('softmaxCrossEntropyGrad', m, Z, Y).reduce(
          (s, g, i) => s.plus(g.times((W[i] as Decimal).minus(Z[i] as Decimal))),
          ref('softmaxCrossEntropy', m, Z, Y),
        );
      const dist2 = d.reduce((s, v) => s.plus(exact(v).pow(2)), exact(0));
      return (
        geq((m) => [ref('softmaxCrossEntropy', m, W, Y), tangent(m)]) &&
        geq((m) => [tangent(m).plus(dist2.times(halfL)), ref('softmaxCrossEntropy', m, W, Y)])
      );
    },
  );

test('CVX-2 softmax-CE is convex and ½-smooth in z: tangent ≤ CE(w) ≤ tangent + ¼‖w − z‖² (exact)', (ctx) => {
  checkProperty(ctx, ceConvexSmooth('0.25'));
});

test('CVX-2 not strictly convex: CE(z + c·1, y) = CE(z, y) for every target y, normalised or not (40 digits)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(
      fc
        .integer({ min: 2, max: 4 })
        .chain((K) =>
          fc.tuple(logitVec(K), fc.oneof(simplex(K), fc.array(range(0, 1), { minLength: K, maxLength: K }))),
        ),
      range(-50, 50),
      ([z, y], c) => {
        const Z = exactVec(z);
        const Zc = Z.map((v) => v.plus(c));
        const Y = exactVec(y);
        return agree((m) => [ref('softmaxCrossEntropy', m, Zc, Y), ref('softmaxCrossEntropy', m, Z, Y)], 40);
      },
    ),
  );
});

test('planted CVX-2 softmax-CE claimed ¼-smooth (the sigmoid constant, half the true ½) fails the CVX-2 property', () => {
  expect(fc.check(ceConvexSmooth('0.125')).failed).toBe(true);
});

// -------------------------------------------------------------------------------------- CVX-3

/** Digits of the finite-difference step for CVX-3 (cheaper than the default 20; see the test). */
const STEP = 12;

/** m″(z) = 2σ(1 − σ)(−3σ² + 2(1 + y)σ − y) as CVX-3 writes it, from the catalogue's σ and σ′. */
function claimedSecond(m: RefMath, Z: Decimal, Y: Decimal): Decimal {
  const s = ref('sigmoid', m, Z);
  const quad = s.pow(2).times(-3).plus(Y.plus(1).times(2).times(s)).minus(Y);
  return ref('sigmoidGrad', m, Z).times(2).times(quad);
}

test('CVX-3 m″ = 2σ(1 − σ)(−3σ² + 2(1 + y)σ − y): a 12-digit-step finite difference of sigmoidSquaredErrorGrad agrees (error bound)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(fc.oneof(range(-12, 12), range(-40, 40)), target, (z, y) => {
      // A 12-digit step: truncation ~h²·|m⁗|/6 ≈ 1e−25 (|m⁗| < 1), well inside the error bound. The
      // working precision covers the step (the difference quotient loses STEP digits), the e^−|z|
      // size of the values (the bound's rounding term is absolute) and 40 digits to spare.
      const m = new RefMath(40 + STEP + Math.ceil(Math.abs(z) * Math.LOG10E));
      const [Z, Y] = [exact(z), exact(y)];
      const d = derivative(m, (t) => ref('sigmoidSquaredErrorGrad', m, Z.plus(t), Y), STEP);
      return close(d.value, claimedSecond(m, Z, Y), d.error);
    }),
  );
});

test('CVX-3 m″ < 0 iff σ ∉ [r₋, r₊], r± = ((1 + y) ± √(1 − y + y²))/3; non-convex for every y: a concave chord exists (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(range(-12, 12), target, (z, y) => {
      const [Z, Y] = [exact(z), exact(y)];
      const root = (m: RefMath, sign: 1 | -1) =>
        Y.plus(1)
          .plus(m.D.sqrt(m.one.minus(Y).plus(Y.pow(2))).times(sign))
          .div(3);
      const curvature = decideSign((m) => [claimedSecond(m, Z, Y), m.zero]);
      const below = decideSign((m) => [ref('sigmoid', m, Z), root(m, -1)]);
      const above = decideSign((m) => [ref('sigmoid', m, Z), root(m, 1)]);
      const outside = below < 0 || above > 0;
      const onRoot = below === 0 || above === 0;
      const signs = onRoot ? curvature === 0 : curvature < 0 === outside;
      // A chord inside a concave region: right of logit(r₊) for y ≤ ½ (r₊ < 1), left of logit(r₋)
      // for y > ½ (r₋ > 0); integer end points, so the midpoint test is exact.
      const m40 = new RefMath(40);
      const edge = y <= 0.5 ? ref('logit', m40, root(m40, 1)) : ref('logit', m40, root(m40, -1));
      const z0 = y <= 0.5 ? Math.ceil(edge.toNumber()) + 2 : Math.floor(edge.toNumber()) - 2;
      const se = (m: RefMath, t: number) => ref('sigmoidSquaredError', m, exact(t), Y);
      const concaveChord = gt((m) => [
        se(m, z0),
        se(m, z0 - 1)
          .plus(se(m, z0 + 1))
          .div(2),
      ]);
      return signs && concaveChord;
    }),
  );
});

test('CVX-3 midpoint counterexample y = 1: m(−4) = 0.964351… > (m(−6) + m(−2))/2 = 0.885432… (exact)', (ctx) => {
  const m = new RefMath(40);
  const se = (t: number) => ref('sigmoidSquaredError', m, exact(t), m.one);
  const mid = se(-4);
  const chord = se(-6).plus(se(-2)).div(2);
  expect(mid.toSignificantDigits(6).toString()).toBe('0.964351');
  expect(chord.toSignificantDigits(6).toString()).toBe('0.885432');
  expect(mid.gt(chord)).toBe(true);
  recordCases(ctx, 3);
});

/** L_SE = max m″ for y = 1, at σ* = (9 + √33)/24 (the larger root of d/dσ[σ(1 − σ)²(3σ − 1)] = 0). */
function smoothnessConstant(m: RefMath): { L: Decimal; zStar: Decimal } {
  const s = m.D.sqrt(33).plus(9).div(24);
  const L = s.times(2).times(m.one.minus(s).pow(2)).times(s.times(3).minus(1));
  return { L, zStar: m.ln(s.div(m.one.minus(s))) };
}

/** Logit pairs near the maximiser ±z* of |m″| (y = 1 at +z*, y = 0 at −z*), and anywhere. */
const nearZStar = fc.oneof(
  fc.tuple(logit, logit, fc.constantFrom(0, 1)),
  fc
    .tuple(range(0.44, 0.49), range(-1e-3, 1e-3), fc.constantFrom(0, 1))
    .map(([a, d, y]) => (y === 1 ? [a, a + d, y] : [-a, -a - d, y]) as [number, number, number]),
);

/** CVX-3 smoothness: |m′(a) − m′(b)| ≤ L·|a − b| for y ∈ {0, 1}, decided exactly. */
const lipschitzGrad = (L: (m: RefMath) => Decimal) =>
  fc.property(nearZStar, ([a, b, y]) => {
    const [A, B, Y] = [exact(a), exact(b), exact(y)];
    return geq((m) => [
      L(m).times(A.minus(B).abs()),
      ref('sigmoidSquaredErrorGrad', m, A, Y)
        .minus(ref('sigmoidSquaredErrorGrad', m, B, Y))
        .abs(),
    ]);
  });

test('CVX-3 L_SE = 0.154058570121… (at σ = (9 + √33)/24, z ≈ 0.46566): SE∘σ is L_SE-smooth for y ∈ {0, 1} (exact)', (ctx) => {
  const { L, zStar } = smoothnessConstant(new RefMath(60));
  expect(L.toSignificantDigits(12).toString()).toBe('0.154058570121');
  expect(zStar.toSignificantDigits(5).toString()).toBe('0.46566');
  // The other critical point σ = (9 − √33)/24 gives m″ ≈ −0.120204: smaller in magnitude.
  recordCases(ctx, 2);
  checkProperty(
    ctx,
    lipschitzGrad((m) => smoothnessConstant(m).L),
  );
});

test('CVX-3 L_SE is sharp: the constant 0.15405 (below L_SE) fails near z ≈ ±0.46566', (ctx) => {
  const details = fc.check(lipschitzGrad((m) => m.n('0.15405')));
  recordCases(ctx, details.numRuns);
  expect(details.failed).toBe(true);
});

// -------------------------------------------------------------------------------------- CVX-4

interface Cvx4Fixture {
  datasets: { points: [number, number][]; minima: [number, number][]; maximum: [number, number] }[];
}
const cvx4 = JSON.parse(
  readFileSync(new URL('../fixtures/cvx4-local-minima.json', import.meta.url), 'utf8'),
) as Cvx4Fixture;

/** R′(w) = Σ xᵢ·∂_z(σ(z) − yᵢ)² at z = w·xᵢ (dyadic w and xᵢ: the product is exact). */
const riskSlope = (m: RefMath, points: readonly [number, number][], w: number) =>
  points.reduce((s, [x, y]) => s.plus(ref('sigmoidSquaredErrorGrad', m, exact(w).times(x), exact(y)).times(x)), m.zero);

test('CVX-4 fixed 1-D datasets (no bias, hard labels): the SE∘σ risk in w has two certified local minima (exact)', (ctx) => {
  expect(cvx4.datasets.length).toBeGreaterThanOrEqual(1);
  let n = 0;
  for (const { points, minima, maximum } of cvx4.datasets) {
    expect(minima.length).toBe(2);
    // R′ goes − to + in each minimum bracket, + to − in the maximum bracket between them.
    for (const [a, b] of minima) {
      expect(decideSign((m) => [riskSlope(m, points, a), m.zero])).toBe(-1);
      expect(decideSign((m) => [riskSlope(m, points, b), m.zero])).toBe(1);
      n += 2;
    }
    const [c, d] = maximum;
    expect((minima[0] as [number, number])[1] <= c && d <= (minima[1] as [number, number])[0]).toBe(true);
    expect(decideSign((m) => [riskSlope(m, points, c), m.zero])).toBe(1);
    expect(decideSign((m) => [riskSlope(m, points, d), m.zero])).toBe(-1);
    n += 2;
  }
  recordCases(ctx, n);
});

test('CVX-4 the same datasets with BCE (the matching loss) have a convex risk: R″(w) = Σ xᵢ²σ′(w·xᵢ) > 0 (exact)', (ctx) => {
  for (const { points } of cvx4.datasets) {
    checkProperty(
      ctx,
      fc.property(range(-12, 12), (w) =>
        gt((m) => [
          points.reduce((s, [x]) => s.plus(ref('sigmoidGrad', m, exact(w).times(x)).times(x * x)), m.zero),
          m.zero,
        ]),
      ),
    );
  }
});

// -------------------------------------------------------------------------------------- CVX-5

test('CVX-5 linear output + SE: ℓ(w′) = ℓ(w) + ∇ℓ(w)·(w′ − w) + ((w′ − w)·x)², ∇ℓ = 2(z − y)x (40 digits)', (ctx) => {
  const coord = fc.oneof(range(-10, 10), fc.integer({ min: -1000, max: 1000 }));
  checkProperty(
    ctx,
    fc.property(
      fc
        .integer({ min: 1, max: 4 })
        .chain((K) =>
          fc.tuple(
            fc.array(coord, { minLength: K, maxLength: K }),
            fc.array(coord, { minLength: K, maxLength: K }),
            fc.array(coord, { minLength: K, maxLength: K }),
          ),
        ),
      fc.oneof(range(-10, 10), range(-1e6, 1e6)),
      ([w, w2, x], y) => {
        const dot = (a: number[]) => a.reduce((s, v, i) => s.plus(exact(v).times(x[i] as number)), exact(0)); // exact
        const [Z, Z2, Y] = [dot(w), dot(w2), exact(y)];
        const dz = Z2.minus(Z); // (w′ − w)·x, exact
        // Checked relative to the size of the three terms (the value may cancel to y² ~ 1e−647).
        const terms = (m: RefMath) => [
          ref('squaredError', m, Z, Y),
          ref('squaredErrorGrad', m, Z, Y).times(dz),
          dz.pow(2),
        ];
        return agree(
          (m) => [ref('squaredError', m, Z2, Y), terms(m).reduce((s, t) => s.plus(t))],
          40,
          60,
          (m) => terms(m).reduce((s, t) => s.plus(t.abs()), ref('squaredError', m, Z2, Y)),
        );
      },
    ),
  );
});

// -------------------------------------------------------------------------------------- CVX-6

test('CVX-6 K = 2: ‖softmax(a, b) − (y, 1 − y)‖² = 2(σ(a − b) − y)² (40 digits)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(fc.oneof(range(-30, 30), logit), fc.oneof(range(-30, 30), logit), target, (a, b, y) => {
      const [A, B, Y] = [exact(a), exact(b), exact(y)];
      return agree((m) => [
        ref('softmaxSquaredError', m, [A, B], [Y, exact(1).minus(Y)]),
        ref('sigmoidSquaredError', m, A.minus(B), Y).times(2),
      ]);
    }),
  );
});

test('CVX-6 every K ≥ 2: logits (t, 0, …, 0), y = e₀ give SE(t = −6) > (SE(−8) + SE(−4))/2 — non-convex (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(fc.integer({ min: 2, max: 12 }), (K) => {
      const y = Array.from({ length: K }, (_, i) => exact(i === 0 ? 1 : 0));
      const se = (m: RefMath, t: number) =>
        ref(
          'softmaxSquaredError',
          m,
          Array.from({ length: K }, (_, i) => exact(i === 0 ? t : 0)),
          y,
        );
      return gt((m) => [se(m, -6), se(m, -8).plus(se(m, -4)).div(2)]);
    }),
  );
});

// -------------------------------------------------------------------------------------- CVX-7

test('CVX-7 plateau, y = 1: 0 < 1 − (σ(z) − 1)² ≤ 2e^z and 0 < −∂_z(σ(z) − 1)² ≤ 2e^z (exact)', (ctx) => {
  checkProperty(
    ctx,
    fc.property(
      fc.oneof(
        range(-30, 30),
        range(-300, 40),
        logit.filter((z) => z >= -300),
      ),
      (z) => {
        const Z = exact(z);
        // 1 − SE cancels by |z|·log10(e) digits for z ≪ 0: start at twice that plus 40.
        const first = 40 + 2 * Math.ceil(Math.max(0, -z) * Math.LOG10E);
        const se = (m: RefMath) => ref('sigmoidSquaredError', m, Z, m.one);
        const slope = (m: RefMath) => ref('sigmoidSquaredErrorGrad', m, Z, m.one).neg();
        const env = (m: RefMath) => dec(m.exp(Z)).times(2);
        return (
          gt((m) => [m.one, se(m)], first) &&
          geq((m) => [env(m).plus(se(m)), m.one], first) &&
          gt((m) => [slope(m), m.zero]) &&
          geq((m) => [env(m), slope(m)])
        );
      },
    ),
  );
});
