/**
 * Regime-aware fast-check arbitraries for every argument kind of the catalogue.
 *
 * `fc.double()` alone spreads over bit patterns (only ~2% of draws land in |x| ∈ [1e−10, 1e10]), so
 * each kind mixes regimes with `fc.oneof`: every double, ML-typical values, the saturation
 * boundaries of the usual formulas (ln 2^24 ≈ 16.6, ln 2^53 ≈ 36.7, ln MAX ≈ 709.78, −ln 2^−1074 ≈
 * 744.4), subnormals and exact special values. Being fast-check arbitraries, failures shrink.
 */
import fc from 'fast-check';
import type { ArgKind, CatalogueEntry, FloatArg } from '../catalogue/types.ts';

/**
 * A double in [lo, hi] (NaN and ±∞ excluded). Three draws in four are uniform in value (lo + (hi − lo)·u
 * with u a 53-bit fraction), one in four uniform over the bit patterns inside the range: fc.double alone
 * puts ~90% of draws of [−10, 10] below 1e−3 in magnitude, which would leave typical values untested.
 */
export function range(lo: number, hi: number): fc.Arbitrary<number> {
  const bits = fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  const uniform = fc
    .bigInt({ min: 0n, max: 2n ** 53n })
    .map((n) => Math.min(hi, Math.max(lo, lo + (hi - lo) * (Number(n) / 2 ** 53))));
  return fc.oneof({ arbitrary: uniform, weight: 3 }, { arbitrary: bits, weight: 1 });
}

/** x in [c − w, c + w] or [−c − w, −c + w]. */
function around(c: number, w: number): fc.Arbitrary<number> {
  return fc.oneof(range(c - w, c + w), range(-c - w, -c + w));
}

/**
 * Saturation boundaries of σ, softplus and exp in float32 and float64, and the round thresholds
 * frameworks switch formulas at (PyTorch's softplus returns z above threshold = 20; 30 and 50 are
 * common choices too): a regime window at each, so a switch there is sampled, not left to chance.
 */
export const BOUNDARIES = [
  16.635532333438686, 36.7368005696771, 709.782712893384, 744.4400719213812, 745.1332191019411, 103.97207708399179,
  88.72283935546875, 20, 30, 50,
];

export const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });

/** A logit / prediction / mean: any double, with the regimes above weighted in. */
export const real: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: range(-10, 10), weight: 4 },
  { arbitrary: range(-60, 60), weight: 3 },
  { arbitrary: range(-800, 800), weight: 2 },
  { arbitrary: fc.oneof(...BOUNDARIES.map((b) => around(b, 1))), weight: 3 },
  { arbitrary: finiteDouble, weight: 2 },
  { arbitrary: fc.oneof(range(-1e-300, 1e-300), range(-1e-6, 1e-6)), weight: 1 },
  { arbitrary: fc.constantFrom(0, -0, 1, -1, 2, -2, Math.LN2, -Math.LN2), weight: 1 },
);

/** A probability in [0, 1]: exact 0 and 1, values next to 0 and 1, uniform, tiny. */
export const prob: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: range(0, 1), weight: 4 },
  { arbitrary: range(0, 1e-10), weight: 1 },
  { arbitrary: range(1 - 1e-10, 1), weight: 1 },
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 },
  { arbitrary: fc.constantFrom(0, 1, 0.5, 1 - 2 ** -53, 2 ** -1074), weight: 1 },
);

/** A target in [0, 1]: hard labels half the time, soft labels (next to 0 and 1 too) otherwise. */
export const target: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constantFrom(0, 1), weight: 4 },
  { arbitrary: range(0, 1), weight: 2 },
  { arbitrary: fc.oneof(range(0, 1e-6), range(1 - 1e-6, 1)), weight: 1 },
  { arbitrary: fc.constantFrom(0.5, 0.1, 0.9, 0.05, 0.95), weight: 1 },
);

/** A hard label y ∈ {0, 1} (kind `label`). */
export const label: fc.Arbitrary<number> = fc.constantFrom(0, 1);

/** A sign label. */
export const sign: fc.Arbitrary<number> = fc.constantFrom(-1, 1);

/**
 * The smallest float32 subnormal, 2^−149: variances are drawn at or above it so that rounding the
 * arguments to float32 never turns a valid v > 0 into the out-of-domain 0.
 */
export const MIN_FLOAT32 = 2 ** -149;

/** A variance v > 0 (≥ 2^−149, see MIN_FLOAT32). */
export const variance: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: range(1e-3, 1e3), weight: 4 },
  { arbitrary: fc.double({ min: MIN_FLOAT32, max: Number.MAX_VALUE, noNaN: true }), weight: 1 },
);

const scalarArb: Record<'real' | 'prob' | 'target' | 'label' | 'sign' | 'variance', fc.Arbitrary<number>> = {
  real,
  prob,
  target,
  label,
  sign,
  variance,
};

/** Logit vectors of length K: typical, spiked (one coordinate + U(0, 200)), huge gaps, ties. */
export function logitVector(K: number): fc.Arbitrary<number[]> {
  return fc.oneof(
    { arbitrary: fc.array(range(-10, 10), { minLength: K, maxLength: K }), weight: 4 },
    {
      arbitrary: fc
        .tuple(fc.array(range(-5, 5), { minLength: K, maxLength: K }), fc.nat(K - 1), range(0, 200))
        .map(([z, i, s]) => z.map((v, j) => (j === i ? v + s : v))),
      weight: 3,
    },
    { arbitrary: fc.array(range(-800, 800), { minLength: K, maxLength: K }), weight: 2 },
    { arbitrary: fc.array(real, { minLength: K, maxLength: K }), weight: 1 },
    {
      arbitrary: fc
        .tuple(range(-50, 50), fc.array(fc.boolean(), { minLength: K, maxLength: K }), range(-40, 0))
        .map(([top, tie, low]) => tie.map((t) => (t ? top : top + low))),
      weight: 1,
    },
  );
}

/** A probability vector of length K: softmax of random (also spiked) logits, or one-hot, or raw. */
export function probVector(K: number): fc.Arbitrary<number[]> {
  const softmaxOf = (z: number[]): number[] => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };
  return fc.oneof(
    { arbitrary: logitVector(K).map(softmaxOf), weight: 4 },
    { arbitrary: fc.nat(K - 1).map((i) => Array.from({ length: K }, (_, j) => (j === i ? 1 : 0))), weight: 1 },
    { arbitrary: fc.array(prob, { minLength: K, maxLength: K }), weight: 1 },
  );
}

/** A target vector of length K: one-hot, smoothed one-hot, a soft distribution, or multi-hot. */
export function targetVector(K: number): fc.Arbitrary<number[]> {
  return fc.oneof(
    { arbitrary: fc.nat(K - 1).map((i) => Array.from({ length: K }, (_, j) => (j === i ? 1 : 0))), weight: 4 },
    {
      arbitrary: fc
        .tuple(fc.nat(K - 1), range(0, 0.2))
        .map(([i, eps]) => Array.from({ length: K }, (_, j) => (j === i ? 1 - eps + eps / K : eps / K))),
      weight: 2,
    },
    { arbitrary: probVector(K), weight: 2 },
    { arbitrary: fc.array(fc.constantFrom(0, 1), { minLength: K, maxLength: K }), weight: 1 },
  );
}

function vectorOf(kind: ArgKind, K: number): fc.Arbitrary<number[]> {
  if (kind === 'realVec') return logitVector(K);
  if (kind === 'probVec') return probVector(K);
  return targetVector(K);
}

/** Vector lengths: mostly small, sometimes up to `maxK`. */
export function lengthArb(minK: number, maxK: number): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: minK, max: Math.min(maxK, 4) }), weight: 3 },
    { arbitrary: fc.integer({ min: minK, max: maxK }), weight: 1 },
  );
}

/**
 * Valid arguments for any entry: each scalar from its kind's regimes; vectors of one common length
 * K ∈ [minLength, maxK]; a class index in [0, K). `round` maps every number (float32: Math.fround).
 */
export function argsFor(
  entry: CatalogueEntry,
  opts: { maxK?: number; round?: (x: number) => number } = {},
): fc.Arbitrary<FloatArg[]> {
  const maxK = opts.maxK ?? 64;
  const round = opts.round ?? ((x: number) => x);
  const hasVector = entry.args.some((a) => a.kind.endsWith('Vec'));
  const K = hasVector ? lengthArb(entry.minLength ?? 1, maxK) : fc.constant(0);
  return K.chain((k) =>
    fc.tuple(
      ...entry.args.map((a): fc.Arbitrary<FloatArg> => {
        if (a.kind === 'index') return fc.nat(k - 1);
        if (a.kind.endsWith('Vec')) return vectorOf(a.kind, k).map((v) => v.map(round));
        // A sign label stays ±1 and a target stays in [0, 1] under rounding to float32.
        return scalarArb[a.kind as keyof typeof scalarArb].map(round);
      }),
    ),
  );
}
