/**
 * Named input regimes for the audit. Each regime builds valid arguments for any catalogue entry from
 * its argument kinds, so new ids are covered without a line here.
 *
 * - typical: the values a trained model sees (|z| ≤ 10, soft and hard labels, K ≤ 8);
 * - saturated: the branch points of the usual stable formulas and the overflow/underflow boundaries
 *   (±16.6, ±36.7, ±709.8, ±745), probabilities within 1e−10 of 0 and 1, spiked logit vectors;
 * - extreme: every double by bit pattern (huge, subnormal), K up to the audit's maximum;
 * - cancellation: soft targets with the prediction next to the target (σ(z) ≈ y, p ≈ y, softmax(z) ≈ y),
 *   where results such as σ(z) − y cancel and only a careful kernel keeps its digits.
 */
import fc from 'fast-check';
import type { ArgKind, CatalogueEntry, FloatArg } from '../catalogue/types.ts';
import { BOUNDARIES, finiteDouble, logitVector, MIN_FLOAT32, probVector, range, targetVector } from './arbitraries.ts';

export type RegimeName = 'typical' | 'saturated' | 'extreme' | 'cancellation';
export const REGIMES: readonly RegimeName[] = ['typical', 'saturated', 'extreme', 'cancellation'];

export interface Regime {
  readonly name: RegimeName;
  readonly arb: fc.Arbitrary<FloatArg[]>;
}

type Scalar = Exclude<ArgKind, 'realVec' | 'probVec' | 'targetVec' | 'index'>;

const hard = fc.constantFrom(0, 1);
const around = (c: number, w: number) => fc.oneof(range(c - w, c + w), range(-c - w, -c + w));

const scalars: Record<Exclude<RegimeName, 'cancellation'>, Record<Scalar, fc.Arbitrary<number>>> = {
  typical: {
    real: range(-10, 10),
    prob: range(0, 1),
    target: fc.oneof(hard, range(0, 1)),
    label: hard,
    sign: fc.constantFrom(-1, 1),
    variance: range(0.01, 100),
  },
  saturated: {
    real: fc.oneof(...BOUNDARIES.map((b) => around(b, 2)), range(-800, 800)),
    prob: fc.oneof(range(0, 1e-10), range(1 - 1e-10, 1), fc.constantFrom(0, 1)),
    target: fc.oneof(hard, range(0, 1e-12), range(1 - 1e-12, 1)),
    label: hard,
    sign: fc.constantFrom(-1, 1),
    variance: fc.oneof(range(1e-12, 1e-6), range(1e6, 1e12)),
  },
  extreme: {
    real: finiteDouble,
    prob: fc.double({ min: 0, max: 1, noNaN: true }),
    target: fc.oneof(hard, fc.double({ min: 0, max: 1, noNaN: true })),
    label: hard,
    sign: fc.constantFrom(-1, 1),
    variance: fc.double({ min: MIN_FLOAT32, max: Number.MAX_VALUE, noNaN: true }),
  },
};

function vectorFor(regime: Exclude<RegimeName, 'cancellation'>, kind: ArgKind, K: number): fc.Arbitrary<number[]> {
  if (kind === 'probVec') return probVector(K);
  if (kind === 'targetVec') return targetVector(K);
  if (regime === 'typical') return fc.array(range(-10, 10), { minLength: K, maxLength: K });
  // A spread needs two components: for K = 1 the filter could never pass (fast-check would retry forever).
  if (regime === 'saturated')
    return K < 2 ? logitVector(K) : logitVector(K).filter((z) => Math.max(...z) - Math.min(...z) > 15);
  return fc.array(finiteDouble, { minLength: K, maxLength: K });
}

const lengthFor = (regime: RegimeName, min: number, maxK: number) =>
  regime === 'typical' ? fc.integer({ min, max: Math.max(min, 8) }) : fc.integer({ min, max: Math.max(min, maxK) });

/** A soft target away from 0 and 1 or right next to them. */
const softTarget = fc.oneof(range(1e-6, 1 - 1e-6), range(1e-300, 1e-6), range(1 - 1e-6, 1 - 2 ** -53));

/** ln(y/(1 − y)) in float64: the logit whose σ lands next to y. */
const logitOf = (y: number) => Math.log(y) - Math.log1p(-y);

/** Arguments with the prediction next to the target, for each argument pattern that has one. */
function cancellation(entry: CatalogueEntry, maxK: number): fc.Arbitrary<FloatArg[]> | undefined {
  const kinds = entry.args.map((a) => a.kind);
  const jitter = range(-1e-9, 1e-9);
  if (kinds.includes('targetVec') && (kinds.includes('realVec') || kinds.includes('probVec'))) {
    const usesLogits = kinds.includes('realVec');
    return lengthFor('cancellation', entry.minLength ?? 1, maxK).chain((K) =>
      fc.tuple(probVector(K), fc.array(jitter, { minLength: K, maxLength: K })).map(([y, d]) => {
        // softmax(log y + δ) = y up to δ: the logits reproduce the target distribution.
        const pred = y.map((v, i) => (usesLogits ? Math.log(v) + (d[i] as number) : v * (1 + (d[i] as number))));
        return kinds.map((k) =>
          k === 'targetVec' ? y : k === 'index' ? 0 : pred.map((v) => (Number.isFinite(v) ? v : -745)),
        );
      }),
    );
  }
  if (kinds.includes('target') && (kinds.includes('real') || kinds.includes('prob'))) {
    return fc.tuple(softTarget, jitter).map(([y, d]) =>
      kinds.map((k) => {
        if (k === 'target') return y;
        if (k === 'real') return logitOf(y) * (1 + d);
        if (k === 'prob') return Math.min(1, Math.max(0, y * (1 + d)));
        if (k === 'variance') return 1;
        if (k === 'label') return y < 0.5 ? 0 : 1;
        return 1; // sign labels do not occur with targets in the catalogue
      }),
    );
  }
  return undefined;
}

/** The regimes that apply to an entry (cancellation only where a target meets a prediction). */
export function regimesFor(entry: CatalogueEntry, opts: { maxK?: number } = {}): Regime[] {
  const maxK = opts.maxK ?? 64;
  const out: Regime[] = [];
  for (const name of ['typical', 'saturated', 'extreme'] as const) {
    const hasVector = entry.args.some((a) => a.kind.endsWith('Vec'));
    const K = hasVector ? lengthFor(name, entry.minLength ?? 1, maxK) : fc.constant(0);
    const arb = K.chain((k) =>
      fc.tuple(
        ...entry.args.map((a): fc.Arbitrary<FloatArg> => {
          if (a.kind === 'index') return fc.nat(k - 1);
          if (a.kind.endsWith('Vec')) return vectorFor(name, a.kind, k);
          return scalars[name][a.kind as Scalar];
        }),
      ),
    );
    out.push({ name, arb });
  }
  const c = cancellation(entry, Math.min(maxK, 16));
  if (c !== undefined) out.push({ name: 'cancellation', arb: c });
  return out;
}
