/**
 * The exponential tables of the float64 kernels are generated once by scripts/gen-exp-tables.ts
 * (decimal.js) and committed as literals; this regenerates them and requires the committed file to be
 * that output exactly, and checks each table entry against 2^{j/n} at 60 digits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { EXP_TABLES_FILE, expTablesSource } from '../../scripts/gen-exp-tables.ts';
import * as T from '../../src/kernels/exp-tables.ts';
import { decimalContext, exactDecimal } from '../../src/reference/decimal.ts';

describe('exp tables', () => {
  test('the committed src/kernels/exp-tables.ts is the generator output (else: npx tsx scripts/gen-exp-tables.ts)', () => {
    expect(readFileSync(EXP_TABLES_FILE, 'utf8')).toBe(expTablesSource());
  });

  test.each([
    [32, T.EXP2_32_HI, T.EXP2_32_LO],
    [64, T.EXP2_64_HI, T.EXP2_64_LO],
  ] as const)('hi + lo = 2^{j/%i} within 2^−104 relative; hi is the nearest double', (n, hi, lo) => {
    const D = decimalContext(60);
    expect(hi).toHaveLength(n);
    for (let j = 0; j < n; j++) {
      const exact = D.pow(2, new D(j).div(n));
      const h = hi[j] as number;
      const l = lo[j] as number;
      // |lo| ≤ ½ulp(hi): hi is the nearest double to 2^{j/n}.
      expect(Math.abs(l)).toBeLessThanOrEqual(2 ** -53 * h);
      const rel = exactDecimal(h).plus(exactDecimal(l)).minus(exact).div(exact).abs();
      expect(rel.lte(new D(2).pow(-104))).toBe(true);
    }
  });

  test('ln2/32 and ln2/64 splits: high parts of 33 and 36 bits, lo the rest to within ulp(lo)', () => {
    const D = decimalContext(60);
    for (const [n, hi, lo, bits] of [
      [32, T.LN2_32_HI, T.LN2_32_LO, 38],
      [64, T.LN2_64_HI, T.LN2_64_LO, 42],
    ] as const) {
      expect(Number.isInteger(hi * 2 ** bits)).toBe(true);
      const exact = D.ln(2).div(n);
      // lo is the rest c − hi rounded to a double (from 40 or 60 digits): within ½ulp(lo) + 10^−38·c.
      const err = exactDecimal(hi).plus(exactDecimal(lo)).minus(exact).abs();
      expect(err.lte(exactDecimal(Math.abs(lo) * 2 ** -52))).toBe(true);
    }
    expect(T.INV_LN2_64).toBe(new D(64).div(D.ln(2)).toNumber());
  });
});
