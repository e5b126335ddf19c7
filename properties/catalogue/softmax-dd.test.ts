/**
 * The double-double primitives the softmax kernels rely on (src/kernels/dd-extra.ts): the ln 2
 * triple-double, ddExpDd and ddLog1p against decimal.js at 60 digits, with their stated accuracy.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { range } from '../../src/audit/arbitraries.ts';
import type { DD } from '../../src/kernels/dd.ts';
import { ddExpDd, ddExpDdScaled, ddLog1p, LN2_HI, LN2_LO, LN2_MID } from '../../src/kernels/dd-extra.ts';
import { decimalContext, exactDecimal } from '../../src/reference/decimal.ts';
import { RefMath } from '../../src/reference/math.ts';
import { checkProperty } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';

const D = decimalContext(60);
/** ln 2 to 60 digits (mpmath: mpmath.nstr(mpmath.log(2), 60)). */
const LN2 = '0.69314718055994530941723212145817656807550013436025525412068';

/** The exact value of a double-double, hi + lo. */
const ddValue = (x: DD) => exactDecimal(x[1]).plus(exactDecimal(x[0]));

/** Relative error of a double-double against an exact Decimal, as a power of two. */
function log2RelErr(got: DD, exact: InstanceType<typeof D>): number {
  const err = new D(ddValue(got)).minus(exact).abs().div(exact.abs());
  return err.isZero() ? -Infinity : Math.log2(err.toNumber());
}

describe('dd-extra', () => {
  test('LN2_HI + LN2_MID + LN2_LO is ln 2 to 2^−160 relative', () => {
    const sum = exactDecimal(LN2_HI).plus(exactDecimal(LN2_MID)).plus(exactDecimal(LN2_LO));
    expect(Math.log2(sum.minus(LN2).abs().div(LN2).toNumber())).toBeLessThan(-160);
  });

  test('ddExpDd is within 2^−100 relative on [−670, 709] (dd arguments; e^x ≥ 2^−968 so the low word is normal)', (ctx) => {
    const arb = fc.tuple(
      fc.oneof(range(-670, 709), range(-1, 1), range(-40, 0)),
      fc.double({ min: -1, max: 1, noNaN: true }),
    );
    checkProperty(
      ctx,
      fc.property(arb, ([hi, f]) => {
        const x: DD = [f * 2 ** -54 * Math.abs(hi), hi];
        const exact = D.exp(new D(ddValue(x)));
        const e = log2RelErr(ddExpDd(x), exact);
        if (!(e < -100)) throw new Error(`ddExpDd([${x}]): relative error 2^${e} ≥ 2^−100`);
      }),
      { numRuns: runs(0.5) },
    );
  });

  test('ddExpDdScaled(x, 256) = e^x·2^256 is within 2^−100 relative on [−800, 0] (where unscaled e^x is subnormal or 0)', (ctx) => {
    const arb = fc.tuple(fc.oneof(range(-800, -700), range(-800, 0)), fc.double({ min: -1, max: 1, noNaN: true }));
    checkProperty(
      ctx,
      fc.property(arb, ([hi, f]) => {
        const x: DD = [f * 2 ** -54 * Math.abs(hi), hi];
        const exact = D.exp(new D(ddValue(x))).times(new D(2).pow(256));
        const e = log2RelErr(ddExpDdScaled(x, 256), exact);
        if (!(e < -100)) throw new Error(`ddExpDdScaled([${x}], 256): relative error 2^${e} ≥ 2^−100`);
      }),
      { numRuns: runs(0.5) },
    );
  });

  test('ddLog1p is within 2^−100 relative on [2^−960, 64] (both branches), 2^−1073 absolute below', (ctx) => {
    const arb = fc.oneof(range(0, 1 / 64), range(1 / 64, 64), range(0, 1e-300));
    checkProperty(
      ctx,
      fc.property(arb, (v) => {
        const x: DD = [0, v];
        if (v === 0) return;
        const exact = new RefMath(60).log1p(exactDecimal(v)) as InstanceType<typeof D>; // series below 1e−20
        const got = ddLog1p(x);
        if (v < 2 ** -960) {
          // The low word of a value this small is subnormal: the promise is an absolute 2^−1074.
          const abs = new D(ddValue(got)).minus(exact).abs();
          if (!abs.lte(2 ** -1073)) throw new Error(`ddLog1p(${v}): absolute error ${abs} > 2^−1073`);
          return;
        }
        const e = log2RelErr(got, exact);
        if (!(e < -100)) throw new Error(`ddLog1p(${v}): relative error 2^${e} ≥ 2^−100`);
      }),
      { numRuns: runs(0.5) },
    );
  });
});
