/**
 * Where the textbook softmax formulas break (issue 2): for each id an input at which the naive kernel
 * returns NaN / ±∞ / 0 where the exact value is an ordinary number, or exceeds the 4-ULP budget, while
 * the float64 kernel stays within it. Inputs are chosen by the regime that breaks each formula.
 */
import { describe, expect, test } from 'vitest';
import { callKernel, type FloatArg } from '../../src/catalogue/types.ts';
import { ulpError, ulpErrorVector } from '../../src/numeric/ulp.ts';
import { referenceValue } from '../../src/reference/entry.ts';
import type { Num } from '../../src/reference/tiny.ts';
import { entryOf, showArgs } from './softmax-support.ts';

/** The float64 budget of issue 2, in ULPs. */
const BUDGET_ULPS = 4;

function errors(id: string, args: FloatArg[]): { naive: number; float64: number; got: unknown } {
  const e = entryOf(id);
  const exact = referenceValue(e, args).value;
  const err = (impl: 'naive' | 'float64') => {
    const got = callKernel(e[impl], args);
    return Array.isArray(exact) ? ulpErrorVector(got as number[], exact) : ulpError(got as number, exact as Num);
  };
  return { naive: err('naive'), float64: err('float64'), got: callKernel(e.naive, args) };
}

/** [id, args, why the textbook formula fails there]. */
const BREAKS: [string, FloatArg[], string][] = [
  ['logSumExp', [[710, 0]], 'e^710 overflows: log(∞) = ∞ where the value is 710'],
  ['logSumExp', [[-800, -801]], 'both exps underflow to 0: log 0 = −∞ where the value is ≈ −799.69'],
  ['logSumExp', [[0, -40]], 'log(1 + e^−40) rounds the sum to 1: returns 0 where the value is 4.2e−18'],
  ['softmax', [[1000, 0]], 'e^1000/e^1000 = ∞/∞ = NaN where the value is (1, e^−1000)'],
  ['softmax', [[-1000, -1000]], '0/0 = NaN where the value is (½, ½)'],
  ['logSoftmax', [[0, -800]], 'log(e^−800/1) = log 0 = −∞ where the value is −800'],
  ['logSoftmax', [[40, 0]], 'log(p) at p rounded to 1 gives 0 where the value is −4.2e−18'],
  [
    'softmaxCrossEntropy',
    [
      [0, -800],
      [1, 0],
    ],
    "p_2 underflows to 0 and 0·log 0 = NaN; the value is e^−800's rounding, 0",
  ],
  [
    'softmaxCrossEntropy',
    [
      [0, -800],
      [0, 1],
    ],
    '−log(0) = ∞ where the value is 800',
  ],
  [
    'softmaxCrossEntropy',
    [
      [40, 0],
      [1, 0],
    ],
    '−log(fl(p_1) = 1) = 0 where the value is 4.2e−18',
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [40, 0],
      [1, 0],
    ],
    'p_1 − 1 = 0 where the value is −4.2e−18',
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [1000, 0],
      [1, 0],
    ],
    'NaN from the overflowing softmax',
  ],
  [
    'softmaxSquaredError',
    [
      [40, 0],
      [1, 0],
    ],
    '(fl(p_1) − 1)² = 0 drops half of 2·e^−80',
  ],
  [
    'softmaxSquaredError',
    [
      [1000, 0],
      [1, 0],
    ],
    'NaN from the overflowing softmax',
  ],
  [
    'softmaxSquaredErrorGrad',
    [
      [40, 0, 1],
      [1, 0, 0],
    ],
    '(p_t − 1) − Σ p_j(p_j − y_j) cancels at p_t ≈ 1',
  ],
  [
    'softmaxSquaredErrorGrad',
    [
      [20, 0],
      [1, 0],
    ],
    '(p_1 − 1) loses ~2^29 of its bits at a gap of 20',
  ],
];

describe('naive softmax formulas break where the careful kernels hold', () => {
  test.each(BREAKS)('%s %j: %s', (id, args) => {
    const { naive, float64, got } = errors(id, args);
    expect(naive, `naive ${id} at ${showArgs(args)} returned ${showArgs([got as FloatArg])}`).toBeGreaterThan(
      BUDGET_ULPS,
    );
    expect(float64, `float64 ${id} at ${showArgs(args)}`).toBeLessThanOrEqual(BUDGET_ULPS);
  });

  test('naive kernels are accurate on tame inputs (they are the same functions)', () => {
    // Small logits, one-hot and soft labels: no overflow, no cancellation below a few ULPs.
    const cases: [string, FloatArg[]][] = [
      ['logSumExp', [[0.5, -1.25, 2]]],
      ['softmax', [[0.5, -1.25, 2]]],
      [
        'softmaxCrossEntropy',
        [
          [0.5, -1.25, 2],
          [0.2, 0.3, 0.5],
        ],
      ],
      [
        'softmaxSquaredError',
        [
          [0.5, -1.25, 2],
          [0, 0, 1],
        ],
      ],
    ];
    for (const [id, args] of cases) expect(errors(id, args).naive, `${id} ${showArgs(args)}`).toBeLessThanOrEqual(16);
  });
});
