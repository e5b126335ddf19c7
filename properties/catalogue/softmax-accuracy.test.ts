/**
 * Accuracy of the softmax family's float kernels against the reference (issue 2 budgets):
 * float64 ≤ 4 ULPs per component at every input; float32 (float32 inputs) ≤ 1 float32 ULP.
 * Each id runs the default `argsFor` mix (K up to 64) plus the regimes of softmax-support.ts:
 * log-sum-exp cancellation, saturation gaps, and soft targets with p ≈ y; and, for the ids with a
 * target, two regimes defined here: targets equal to the rounded softmax (p − y and (Σy)·p − y lose
 * ~53 bits, beyond double-double: the kernels' exact fallback) and deep saturation with multi-hot
 * labels (components of p below 2^−1022, or below the float64 range, scaled up by Σy).
 *
 * LOSSPROOF_REPORT=1 prints the largest error found per id and dtype (with FC_NUM_RUNS for depth).
 */
import fc from 'fast-check';
import { afterAll, describe, test } from 'vitest';
import { logitVector, range } from '../../src/audit/arbitraries.ts';
import type { CatalogueEntry, FloatArg } from '../../src/catalogue/types.ts';
import * as f64 from '../../src/kernels/float64/softmax.ts';
import { FLOAT32, FLOAT64 } from '../../src/numeric/float.ts';
import { checkProperty } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import { entryOf, errorAt, hasTarget, printWorst, regimes, SOFTMAX_IDS, showArgs } from './softmax-support.ts';

/** ULP budgets of issue 2: float64 per component, float32 in float32 ULPs. */
const BUDGET = { float64: 4, float32: 1 } as const;

afterAll(printWorst);

type Round = (x: number) => number;

/** Moves x by n ulps of its format (n < 0: down), staying in [0, 1]. */
function stepUlps(x: number, n: number, round: Round): number {
  const fmt = round === Math.fround ? FLOAT32 : FLOAT64;
  let v = x;
  for (let i = 0; i < Math.abs(n); i++) v = n > 0 ? fmt.nextUp(v) : fmt.nextDown(v);
  return Math.min(1, Math.max(0, v));
}

/**
 * y = fl(softmax(z)) (the float64 kernel's softmax, rounded to the format), then each component
 * moved by 0 to ±3 ulps, and, in a third of the cases, renormalised (y_k/Σy rounded). p_k − y_k is
 * then a few ulps of p_k: a cancellation of ~53 bits (float32: ~24 bits on top of the rounding).
 */
function roundedSoftmaxArgs(round: Round): fc.Arbitrary<FloatArg[]> {
  const K = fc.oneof({ arbitrary: fc.integer({ min: 2, max: 6 }), weight: 5 }, fc.integer({ min: 7, max: 40 }));
  return K.chain((k) =>
    fc
      .tuple(
        logitVector(k),
        fc.oneof(fc.constant('exact'), fc.constant('moved'), fc.constant('renormalised')),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: k, maxLength: k }),
      )
      .map(([z0, how, steps]) => {
        const z = z0.map(round);
        let y = f64.softmax(z).map((pk) => (Number.isNaN(pk) ? 0 : round(pk)));
        if (how !== 'exact') y = y.map((yk, i) => stepUlps(yk, steps[i] as number, round));
        if (how === 'renormalised') {
          const sy = y.reduce((a, b) => a + b, 0);
          if (sy > 0) y = y.map((yk) => round(yk / sy));
        }
        return [z, y];
      }),
  );
}

/**
 * K up to 64 with one or a few tied logits (arg-max or not) and the rest 700 to 760 below them (e^d from
 * 2^−1010 down to below 2^−1075) or at typical gaps; multi-hot 0/1 labels, or soft labels, on any
 * component. (Σy)·p_k then lands in or near the subnormal range while p_k itself may underflow.
 */
function deepSaturationArgs(round: Round): fc.Arbitrary<FloatArg[]> {
  const gap = fc.oneof({ arbitrary: range(700, 760), weight: 4 }, fc.constant(0), range(0, 100));
  return fc.integer({ min: 2, max: 64 }).chain((k) =>
    fc
      .tuple(
        range(-60, 60),
        fc.array(gap, {
          minLength: k,
          maxLength: k,
        }),
        fc.array(fc.oneof({ arbitrary: fc.constantFrom(0, 1), weight: 4 }, range(0, 1)), {
          minLength: k,
          maxLength: k,
        }),
      )
      .map(([a, gaps, y]) => [gaps.map((g) => round(a - g)), y.map(round)]),
  );
}

/** The target regimes of this file, for the ids that take a target. */
function targetRegimes(e: CatalogueEntry, round: Round): Record<string, fc.Arbitrary<FloatArg[]>> {
  if (!hasTarget(e)) return {};
  return {
    'y = fl(softmax(z)) ± ulps': roundedSoftmaxArgs(round),
    'deep saturation, multi-hot': deepSaturationArgs(round),
  };
}

for (const id of SOFTMAX_IDS) {
  const e = entryOf(id);
  describe(id, () => {
    for (const impl of ['float64', 'float32'] as const) {
      const round = impl === 'float32' ? Math.fround : (x: number) => x;
      for (const [regime, arb] of Object.entries({ ...regimes(e, round), ...targetRegimes(e, round) })) {
        test(`${impl} within ${BUDGET[impl]} ULPs: ${regime}`, (ctx) => {
          checkProperty(
            ctx,
            fc.property(arb, (args) => {
              const err = errorAt(e, impl, args);
              if (!(err <= BUDGET[impl])) {
                throw new Error(`${id} ${impl}: ${err} ULPs > ${BUDGET[impl]} ULPs at ${showArgs(args)}`);
              }
            }),
            { numRuns: runs(regime === 'default' ? 0.3 : 0.1, 10) },
          );
        });
      }
    }
  });
}

/** Inputs that once exceeded the float64 budget, each with what it guards (errors measured before the fix). */
const REGRESSIONS: [id: string, args: FloatArg[], guards: string][] = [
  [
    'softmaxCrossEntropyGrad',
    [
      [
        -50, -136, -85.7, -136, -136, -65.6, -10000000050, -10000000050, -758.8, -10000000050, -10000000050, -85.7,
        -794, -136, -794, -10000000050, -85.7, -50, -136, -758.8, -50, -10000000050, -136, -85.7, -85.7, -758.8, -50,
        -794, -50, -794, -65.6, -136, -794, -794, -65.6, -50, -136,
      ],
      [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1],
    ],
    'p_k = e^−744/6 underflows to 0 while (Σy)·p_k ≈ 4 subnormal ulps (was 4.14 ULPs)',
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [-40, -40, 0, 0],
      [2.1241771276457944e-18, 2.1241771276457944e-18, 0.5, 0.5],
    ],
    'y = fl(p): (Σy)·p_2 − y_2 cancels ~57 bits (was 5.8e15 ULPs)',
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [-800, -652.4840340007968, -800],
      [8.60260483689979e-65, 1, 8.60260483689979e-65],
    ],
    'fallback must use 1 − p_k without subtraction: p_1 = 1 − 1.7e−64 (a first fallback returned 0)',
  ],
  [
    'softmaxSquaredErrorGrad',
    [
      [-800, 5e-250, 0],
      [0, 1, 1],
    ],
    'logits 5e−250 apart: the fallback must start at a precision that resolves them (returned 0)',
  ],
  [
    'softmaxSquaredErrorGrad',
    [
      [0, 0, -700],
      [1e-300, 0, 0],
    ],
    'a label 1e−300 is all of d_0 − d_1: the fallback must resolve it (returned +2.5e−305, exact −5.0e−301)',
  ],
  [
    'softmaxSquaredErrorGrad',
    [
      [-60, -760, -60, -760],
      [0, 0, 0, 0],
    ],
    'tied logits next to e^−700 (the reference returned 0 here before its bracket was rewritten)',
  ],
  [
    'softmaxCrossEntropy',
    [
      [
        -745, -713, 3.1254948089146784e-8, -745, -745, -745.0000000000001, -745.0000000000001, -745, -745,
        -745.0000000000018, -745, -745, -745, -745,
      ],
      [0, 0, 0.9999999981373549, 6.790386531e-313, -0, 0, 0, 0, 0, 0, 0, 0, 0, -0],
    ],
    'a subnormal result from a tail of e^−745 terms: summed rounded, r was 6.38 ULPs off (found by the audit)',
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [
        -745, -745, -745.0000000000001, -745.0078125000001, -745.0078125000001, -745, -745, -745.0000000000001, -745,
        -745, -745, -745, -745.0000000000018, -1e-9, -745,
      ],
      [0, 0, 0, 0, 0, -0, 0, 0, 0, 0, 0, 0, 0, 1, -0],
    ],
    'one-hot target at the arg-max, −Σ e^−745 from 14 rounded subnormals was 6.01 ULPs off (found by the audit)',
  ],
];

describe('float64 regressions', () => {
  test.each(REGRESSIONS.map(([id, args, guards]) => [id, guards, args] as const))('%s: %s', (id, _g, args) => {
    const err = errorAt(entryOf(id), 'float64', args);
    if (!(err <= BUDGET.float64)) throw new Error(`${id}: ${err} ULPs > ${BUDGET.float64} ULPs at ${showArgs(args)}`);
  });
});
