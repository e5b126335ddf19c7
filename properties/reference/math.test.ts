/**
 * RefMath's additions to decimal.js: log1p and expm1 (accurate for tiny arguments), and Tiny
 * arithmetic below decimal.js's range (10^−9e15).
 *
 * Oracles: mpmath 1.3.0 at 200 digits (log1p, expm1) and 700 digits (values near e^−1e300), stored by
 * scripts/fixtures_reference.py in properties/fixtures/reference.json with 60 (Tiny: 50) significant
 * digits; and, for the properties, the defining formulas ln(1 + x), e^x − 1 evaluated at 300 digits,
 * where the cancellation of the tiny arguments allowed (|x| ≥ 1e−200) costs at most 200 of them.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { range } from '../../src/audit/arbitraries.ts';
import { fromBits64 } from '../../src/numeric/float.ts';
import { type Decimal, decimalContext, Exact, exactDecimal } from '../../src/reference/decimal.ts';
import { formatNum } from '../../src/reference/evaluate.ts';
import { RefMath } from '../../src/reference/math.ts';
import { isTiny, type Num, Tiny } from '../../src/reference/tiny.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import fixtures from '../fixtures/reference.json' with { type: 'json' };

/** Working precision of the values under test, in significant digits. */
const P = 80;
/**
 * Relative tolerance against a 60-digit fixture: the fixture is within ½·10^−59 relative of the true
 * value and an 80-digit result within ~10^−79, so 10^−58 relative leaves a 20× margin and no more.
 */
const REL_60 = new Exact('1e-58');

function relErr(got: Num, want: Decimal): Decimal {
  if (isTiny(got)) throw new Error('unexpected Tiny');
  if (want.isZero()) return got.abs();
  return new Exact(got).minus(want).div(want).abs();
}

describe('RefMath.log1p and expm1 against mpmath (fixture)', () => {
  const m = new RefMath(P);
  test.each(fixtures.elementary.map((c) => [`${c.fn}(${c.x})`, c] as const))('%s', (_name, c) => {
    const x = exactDecimal(fromBits64(BigInt(`0x${c.bits}`)));
    const got = c.fn === 'log1p' ? m.log1p(x) : m.expm1(x);
    expect(relErr(got, new Exact(c.value)).lte(REL_60), `${formatNum(got, 60)} vs ${c.value}`).toBe(true);
  });

  test('special values first: log1p(−1) = −∞, log1p(x < −1) = NaN, ±0 keep their sign, NaN stays NaN', (ctx) => {
    const D = m.D;
    expect(m.log1p(new D(-1))).toEqual(new D(Number.NEGATIVE_INFINITY));
    expect(m.isNaN(m.log1p(new D('-1.0000000000000002')))).toBe(true);
    expect(m.isNaN(m.log1p(new D(Number.NaN)))).toBe(true);
    expect(m.isNaN(m.expm1(new D(Number.NaN)))).toBe(true);
    const nz = m.log1p(new D('-0')) as Decimal;
    expect(nz.isZero() && nz.isNeg()).toBe(true);
    const ez = m.expm1(new D('-0')) as Decimal;
    expect(ez.isZero() && ez.isNeg()).toBe(true);
    // expm1(−∞) = −1 and expm1 far below decimal.js's range is −1 to every digit.
    expect((m.expm1(new D(Number.NEGATIVE_INFINITY)) as Decimal).eq(-1)).toBe(true);
    expect((m.expm1(exactDecimal(-1e300)) as Decimal).eq(-1)).toBe(true);
    recordCases(ctx, 8);
  });
});

describe('RefMath.log1p and expm1 against their definitions at 300 digits', () => {
  const m = new RefMath(60);
  const W = decimalContext(300);
  const tinyToLarge = fc.oneof(range(1e-200, 1e-15), range(-1e-15, -1e-200), range(-1e-3, 1e-3), range(-20, 20));
  test('log1p(x) = ln(1 + x) to 10^−58 relative, for x in (−1, 1e300] down to |x| = 1e−200', (ctx) => {
    const x = fc.oneof(
      tinyToLarge.filter((v) => v > -1),
      range(-1 + 2 ** -53, -0.5),
      range(1, 1e300),
    );
    checkProperty(
      ctx,
      fc.property(x, (v) => {
        if (Math.abs(v) < 1e-200) return; // beyond what 300 digits of 1 + x resolve
        const e = exactDecimal(v);
        const want = W.ln(new W(1).plus(e));
        expect(relErr(m.log1p(e), want).lte(REL_60)).toBe(true);
      }),
      { numRuns: runs(0.5) },
    );
  });
  test('expm1(x) = e^x − 1 to 10^−58 relative, for x in [−745, 700] down to |x| = 1e−200', (ctx) => {
    const x = fc.oneof(tinyToLarge, range(-745, 700));
    checkProperty(
      ctx,
      fc.property(x, (v) => {
        if (Math.abs(v) < 1e-200) return;
        const e = exactDecimal(v);
        const want = W.exp(e).minus(1);
        expect(relErr(m.expm1(e), want).lte(REL_60)).toBe(true);
      }),
      { numRuns: runs(0.5) },
    );
  });
});

describe('Tiny arithmetic below decimal.js range, against mpmath at 700 digits (fixture)', () => {
  const m = new RefMath(60);
  // a = e^lnA with lnA the double −1e300 (exactly); b = a·e^−1.
  const lnA = exactDecimal(fromBits64(BigInt(`0x${fixtures.tiny.lnABits}`)));
  const a = m.exp(lnA);
  const b = m.exp(new Exact(lnA).minus(1));
  const D = m.D;
  const ops: Record<string, () => Num> = {
    a: () => a,
    'a + a': () => m.add(a, a),
    'a - b': () => m.sub(a, b),
    'a * a': () => m.mul(a, a),
    'a * 3': () => m.mul(a, new D(3)),
    'a / 3': () => m.div(a, new D(3)),
    'a / b': () => m.div(a, b),
    '-a': () => m.neg(a),
  };

  test('e^−1e300 is held as a Tiny (decimal.js alone would give 0)', () => {
    expect(isTiny(a)).toBe(true);
    expect(m.D.exp(lnA).isZero()).toBe(true);
  });

  test.each(fixtures.tiny.cases.map((c) => [c.name, c] as const))('%s: 50 digits as mpmath prints them', (name, c) => {
    const op = ops[name];
    if (op === undefined) throw new Error(`no operation for fixture case ${name}`);
    const got = op();
    if ('mantissa' in c && c.mantissa !== undefined) {
      // The whole string: 50 mantissa digits and the 300-digit decimal exponent.
      expect(isTiny(got)).toBe(true);
      expect(formatNum(got, 50)).toBe(`${c.mantissa}e${c.exponent}`);
    } else {
      // a / b = e: back in decimal.js's range as an ordinary Decimal.
      expect(isTiny(got)).toBe(false);
      expect(formatNum(got, 50)).toBe(c.value);
    }
  });

  test('exact cancellation and absorption: a − a = 0, a + 1 = 1, 0·a = 0', (ctx) => {
    expect(m.isZero(m.sub(a, a))).toBe(true);
    expect((m.add(a, m.one) as Decimal).eq(1)).toBe(true);
    expect(m.isZero(m.mul(new D(0), a))).toBe(true);
    expect(m.cmp(b, a)).toBe(-1);
    expect(m.cmp(new Tiny(-1, lnA), a)).toBe(-1);
    recordCases(ctx, 5);
  });
});
