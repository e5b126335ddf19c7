/**
 * The float64 sigmoid kernels' fast e^x (`expDd`, src/kernels/float64/sigmoid.ts): its double-double
 * result is within 2^−60 relative of the exact e^x (the bound its callers' certifications rely on;
 * the derivation in the TSDoc gives 2^−62), checked against decimal.js at 40 digits with x read
 * from its bits. Also: |x| > 650 and NaN are refused.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { range } from '../../src/audit/arbitraries.ts';
import { expDd } from '../../src/kernels/float64/sigmoid.ts';
import { decimalContext, exactDecimal } from '../../src/reference/decimal.ts';
import { runs } from '../_support/config.ts';

const D = decimalContext(40);
const out = new Float64Array(2);

/** |expDd(x) − e^x| / e^x, exactly from the two words, at 40 digits. */
function relError(x: number): number {
  expect(expDd(x, out)).toBe(true);
  const got = exactDecimal(out[0] as number).plus(exactDecimal(out[1] as number));
  const exact = D.exp(exactDecimal(x));
  return got.minus(exact).div(exact).abs().toNumber();
}

describe('expDd: the fast double-double e^x', () => {
  test('within 2^−60 relative on [−650, 650], near 0, and at the table points k·ln2/32', () => {
    const x = fc.oneof(
      range(-650, 650),
      range(-1, 1),
      range(-1e-10, 1e-10),
      // Reduction edges: x next to (k + ½)·ln2/32, where |r| is largest and k flips.
      fc
        .tuple(fc.integer({ min: -30000, max: 30000 }), range(-1e-9, 1e-9))
        .map(([k, t]) => ((k + 0.5) * Math.LN2) / 32 + t),
    );
    fc.assert(
      fc.property(x, (v) => relError(v) <= 2 ** -60),
      { numRuns: runs(1) },
    );
  });

  test('refuses |x| > 650 and NaN (callers take their careful paths)', () => {
    for (const x of [650.0000000000001, -651, 1e308, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(expDd(x, out)).toBe(false);
    }
    expect(expDd(650, out)).toBe(true);
    expect(expDd(0, out)).toBe(true);
    expect((out[0] as number) + (out[1] as number)).toBe(1); // e^0 = 1 exactly
  });
});
