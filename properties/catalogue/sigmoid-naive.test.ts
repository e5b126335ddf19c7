/**
 * Where each textbook formula of the sigmoid family breaks (docs/accuracy.md, naive column): for every id, an input
 * at which the naive kernel returns 0, ±∞ or NaN where the exact value is an ordinary number, or
 * exceeds the float64 budget by orders of magnitude; and the careful float64 kernel at the same
 * input, within its budget, so the failure is the formula's and not the input's.
 */
import { describe, expect, test } from 'vitest';
import { getEntry } from '../../src/catalogue/index.ts';
import { type FloatArg, ownBudget } from '../../src/catalogue/types.ts';
import { recordCases } from '../_support/claim.ts';
import { errorAt, show } from './_losses.ts';

/** [id, args, what the naive formula does there]. */
const BREAKS: ReadonlyArray<readonly [string, FloatArg[], string]> = [
  ['sigmoid', [-720], 'e^720 overflows: 1/(1 + ∞) = 0 where σ ≈ 2.2e−313 (subnormal)'],
  ['logSigmoid', [40], 'σ(40) rounds to 1: log gives 0 for −4.2e−18'],
  ['logSigmoid', [-720], 'σ = 0: log gives −∞ for −720'],
  ['softplus', [-40], '1 + e^−40 rounds to 1: log gives 0 for 4.2e−18'],
  ['softplus', [710], 'e^710 overflows: +∞ for 710'],
  ['logit', [0.5000000000000568], 'p/(1 − p) rounds near 1: ~10 % relative error in a result of 2.3e−13'],
  ['sigmoidGrad', [40], '1 − σ(40) = 0: 0 for 4.2e−18'],
  ['sigmoidGrad', [5], '1 − σ(5) cancels: hundreds of ULPs'],
  ['bce', [0, 0], '−0·log 0 = NaN where bce = 0'],
  ['bce', [1e-20, 0], 'log(1 − 1e−20) = 0: 0 for 1e−20'],
  ['bceGrad', [1, 1], '0/0 = NaN where the limit is −1'],
  ['bceWithLogits', [40, 0], '−log(1 − σ(40)) = −log 0 = +∞ for 40'],
  ['bceWithLogits', [40, 1], '−log σ(40) = 0 for 4.2e−18'],
  ['bceWithLogitsGrad', [40, 1], 'σ(40) − 1 = 0 for −4.2e−18'],
  ['sigmoidSquaredError', [40, 1], '(σ(40) − 1)² = 0 for 1.8e−35'],
  ['sigmoidSquaredErrorGrad', [5, 1], '2(σ − 1)σ(1 − σ): ~290 ULPs at z = 5 (CLAIMS §2.4)'],
  ['sigmoidSquaredErrorGrad', [40, 1], '0 for −3.6e−35'],
];

/** An error that no rounding slip explains: ≥ 25× the float64 budget (or infinite). */
const FAR = 25;

describe('sigmoid family: the naive formulas break where the careful kernels do not', () => {
  test('every id has at least one exhibited break', () => {
    const ids = new Set(BREAKS.map(([id]) => id));
    for (const id of ['sigmoid', 'logSigmoid', 'softplus', 'logit', 'sigmoidGrad', 'bce', 'bceGrad']) {
      expect(ids.has(id), `no naive break for ${id}`).toBe(true);
    }
    for (const id of ['bceWithLogits', 'bceWithLogitsGrad', 'sigmoidSquaredError', 'sigmoidSquaredErrorGrad']) {
      expect(ids.has(id), `no naive break for ${id}`).toBe(true);
    }
  });
  for (const [id, args, what] of BREAKS) {
    test(`${id}${show(args)}: ${what}`, (ctx) => {
      const entry = getEntry(id);
      const budget = ownBudget(entry, 'float64');
      const naive = errorAt(entry, 'naive', args);
      const careful = errorAt(entry, 'float64', args);
      expect(naive, `naive ${id}${show(args)}: ${naive} ULPs, expected ≥ ${FAR * budget} ULPs`).toBeGreaterThanOrEqual(
        FAR * budget,
      );
      expect(careful, `float64 ${id}${show(args)}: ${careful} ULPs > ${budget} ULPs`).toBeLessThanOrEqual(budget);
      recordCases(ctx, 1);
    });
  }
});
