/**
 * adaptive (the Ziv loop) and formatNum.
 *
 * The cancellation cases are σ(z) − y written the naive way (σ(z) minus y, no rearrangement), whose
 * exact value mpmath gives at 1200 digits (fixture). At a fixed 64 digits the formula is wrong; the
 * adaptive loop must notice that two precisions disagree and climb until the answer is right.
 */
import { describe, expect, test } from 'vitest';
import { fromBits64 } from '../../src/numeric/float.ts';
import { type Decimal, Exact, exactDecimal } from '../../src/reference/decimal.ts';
import { adaptive, formatNum, ReferenceUnstableError } from '../../src/reference/evaluate.ts';
import { RefMath } from '../../src/reference/math.ts';
import { roundNum } from '../../src/reference/round.ts';
import { isTiny, type Num } from '../../src/reference/tiny.ts';
import { recordCases } from '../_support/claim.ts';
import fixtures from '../fixtures/reference.json' with { type: 'json' };

const asDecimal = (v: Num): Decimal => {
  if (isTiny(v)) throw new Error('expected a Decimal, got a Tiny');
  return v;
};

/** 50 correct significant digits, relative: the fixture has 60, so 10^−49 separates right from wrong. */
const REL_50 = new Exact('1e-49');

describe('adaptive raises the precision through a cancellation', () => {
  test.each(fixtures.cancellation.map((c) => [`σ(z) − y at z = ${c.z}, y = ${c.y}`, c] as const))('%s', (_name, c) => {
    const z = exactDecimal(fromBits64(BigInt(`0x${c.zBits}`)));
    const y = exactDecimal(fromBits64(BigInt(`0x${c.yBits}`)));
    const naive = (m: RefMath) => m.sub(m.sigmoid(z), new m.D(y));
    const want = new Exact(c.value);
    const rel = (v: Num) => new Exact(asDecimal(v)).minus(want).div(want).abs();

    // Fixed 64 digits: σ(z) keeps too few digits below 1, and the difference is wrong at 50 digits.
    const fixed = naive(new RefMath(64));
    expect(rel(fixed).gt(REL_50), `64 digits gave ${formatNum(fixed)}`).toBe(true);

    // Adaptive: right to 50 digits, and its float64 rounding is the correct one.
    const { value, precision } = adaptive(naive);
    expect(rel(value).lte(REL_50), `adaptive gave ${formatNum(value)}`).toBe(true);
    expect(precision).toBeGreaterThan(64);
    expect(roundNum(value)).toBe(roundNum(want));
  });
});

describe('adaptive definitions', () => {
  test('an exact zero is confirmed at four times the digits before it is believed', () => {
    const { value, precision } = adaptive((m) => m.zero, { digits: 50 });
    expect(asDecimal(value).isZero()).toBe(true);
    expect(precision).toBeGreaterThanOrEqual(4 * 50 - 1);
  });

  test('a formula that never settles throws ReferenceUnstableError instead of returning a guess', () => {
    // Its value moves with the working precision: no two evaluations agree.
    expect(() => adaptive((m) => m.n(m.precision))).toThrow(ReferenceUnstableError);
  });

  test('vector results settle component by component', () => {
    const { value } = adaptive((m) => [m.n(1).div(3), m.exp(m.n(-2000)) as Decimal]);
    expect(Array.isArray(value)).toBe(true);
    expect(formatNum((value as Num[])[0] as Num, 10)).toBe('0.3333333333');
  });
});

describe('formatNum', () => {
  const D = Exact;
  // Each row: a value and its 50-digit text.
  const rows: [string, Num, string][] = [
    ['NaN', new D(Number.NaN), 'NaN'],
    ['+∞', new D(Number.POSITIVE_INFINITY), 'Infinity'],
    ['−∞', new D(Number.NEGATIVE_INFINITY), '-Infinity'],
    ['+0', new D(0), '0'],
    // The sign of a zero survives formatting (eval's encoding keeps "-0").
    ['−0', new D('-0'), '-0'],
    // 50 significant digits, trailing zeros kept: the text says how many digits are known.
    ['1', new D(1), `1.${'0'.repeat(49)}`],
    // The double 0.1 (its 55-digit expansion in docs/error-metric.md: …45410|15625), rounded down to 50 digits.
    ['0.1 (double)', exactDecimal(0.1), '0.10000000000000000555111512312578270211815834045410'],
  ];
  test.each(rows)('%s', (_name, v, want) => {
    expect(formatNum(v, 50)).toBe(want);
  });

  test('a Tiny prints as mantissa and decimal exponent (mpmath agreement is in math.test.ts)', (ctx) => {
    const m = new RefMath(60);
    const t = m.exp(new Exact('-1e20'));
    // e^−1e20 = 10^(−1e20/ln 10): exponent −43429448190325182766 (mantissa in [1, 10)).
    expect(formatNum(t, 20).endsWith('e-43429448190325182766')).toBe(true);
    recordCases(ctx, 1);
  });
});
