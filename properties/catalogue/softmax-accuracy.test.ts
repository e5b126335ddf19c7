/**
 * Accuracy of the softmax family's float kernels against the reference (issue 2 budgets):
 * float64 ≤ 4 ULPs per component at every input; float32 (float32 inputs) ≤ 1 float32 ULP.
 * Each id runs the default `argsFor` mix (K up to 64) plus the regimes of softmax-support.ts:
 * log-sum-exp cancellation, saturation gaps, and soft targets with p ≈ y.
 *
 * LOSSPROOF_REPORT=1 prints the largest error found per id and dtype (with FC_NUM_RUNS for depth).
 */
import fc from 'fast-check';
import { afterAll, describe, test } from 'vitest';
import { checkProperty } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import { entryOf, errorAt, printWorst, regimes, SOFTMAX_IDS, showArgs } from './softmax-support.ts';

/** ULP budgets of issue 2: float64 per component, float32 in float32 ULPs. */
const BUDGET = { float64: 4, float32: 1 } as const;

afterAll(printWorst);

for (const id of SOFTMAX_IDS) {
  const e = entryOf(id);
  describe(id, () => {
    for (const impl of ['float64', 'float32'] as const) {
      const round = impl === 'float32' ? Math.fround : (x: number) => x;
      for (const [regime, arb] of Object.entries(regimes(e, round))) {
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
