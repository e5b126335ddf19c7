/**
 * Accuracy of the double-double helpers against decimal.js (60 digits, arguments read exactly):
 * ddExp's relative error ≤ 2^−92 where e^x ≥ 2^−969 (TSDoc: ~2^−95 measured), and ddSigmoidPair's
 * two components within the bound the float64 kernels rely on to decide cancellation
 * (DD_SIGMOID_REL_ERR·value + DD_SIGMOID_ABS_ERR). A double-double's exact value is hi + lo, summed
 * exactly in the Exact context.
 */
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { range } from '../../src/audit/arbitraries.ts';
import { type DD, DD_SIGMOID_ABS_ERR, DD_SIGMOID_REL_ERR, ddExp, ddSigmoidPair } from '../../src/kernels/dd.ts';
import { type Decimal, exactDecimal } from '../../src/reference/decimal.ts';
import { RefMath } from '../../src/reference/math.ts';
import { isTiny } from '../../src/reference/tiny.ts';
import { checkProperty } from '../_support/claim.ts';

const m = new RefMath(60);
const ddValue = (x: DD): Decimal => exactDecimal(x[1]).plus(exactDecimal(x[0]));

/** ddExp's promise, with a factor 8 of margin over the measured 2^−95. */
const DD_EXP_REL = 2 ** -92;

describe('double-double helpers', () => {
  test(`ddExp relative error ≤ 2^−92 on [−671, 709.78] (e^x ≥ 2^−969)`, (ctx) => {
    const x = fc.oneof(range(-671, 709.78), range(-1, 1), range(-1e-10, 1e-10), range(-40, 40));
    checkProperty(
      ctx,
      fc.property(x, (v) => {
        const exact = m.D.exp(exactDecimal(v));
        const rel = ddValue(ddExp(v)).minus(exact).abs().div(exact).toNumber();
        if (!(rel <= DD_EXP_REL)) throw new Error(`ddExp(${v}): relative error ${rel} > 2^−92`);
      }),
    );
  });
  test('ddSigmoidPair within DD_SIGMOID_REL_ERR·value + DD_SIGMOID_ABS_ERR (absolute) for every z', (ctx) => {
    const z = fc.oneof(range(-40, 40), range(-800, 800), range(-1e-6, 1e-6), fc.double({ noNaN: true }));
    checkProperty(
      ctx,
      fc.property(z, (v) => {
        const [s, c] = ddSigmoidPair(v);
        const Z = exactDecimal(v);
        for (const [got, exact, name] of [
          [s, m.sigmoid(Z), 'σ(z)'],
          [c, m.sigmoid(Z.neg()), 'σ(−z)'],
        ] as const) {
          // A Tiny exact value is below 10^−1e15: its error is |got| itself.
          const ex = isTiny(exact) ? exactDecimal(0) : exact;
          const err = ddValue(got).minus(ex).abs();
          const bound = ex.abs().times(DD_SIGMOID_REL_ERR).plus(DD_SIGMOID_ABS_ERR);
          if (!err.lte(bound))
            throw new Error(`ddSigmoidPair(${v}) ${name}: error ${err.toPrecision(3)} > ${bound.toPrecision(3)}`);
        }
      }),
    );
  });
});
