/**
 * exactDecimal: a binary float's exact decimal value, read from its bits.
 *
 * Oracles: the expansion of 0.1 in docs/error-metric.md, Python's exact `decimal.Decimal(float)` (fixture), integer
 * constructions of m·2^e with BigInt, and two round trips (roundNum, and the JS number parser).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FLOAT32, fromBits64 } from '../../src/numeric/float.ts';
import { Exact, exactDecimal } from '../../src/reference/decimal.ts';
import { roundNum } from '../../src/reference/round.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import fixtures from '../fixtures/reference.json' with { type: 'json' };
import { anyDouble, anyFloat32 } from './_floats.ts';

/** m·2^e as an exact decimal string, built with integers only. */
function scaled(m: bigint, e: number): string {
  return e >= 0 ? `${m << BigInt(e)}` : `${m * 5n ** BigInt(-e)}e-${-e}`;
}

describe('exactDecimal', () => {
  test('special values first: NaN, ±∞, ±0', (ctx) => {
    expect(exactDecimal(Number.NaN).isNaN()).toBe(true);
    expect(exactDecimal(Number.POSITIVE_INFINITY).eq(Number.POSITIVE_INFINITY)).toBe(true);
    expect(exactDecimal(Number.NEGATIVE_INFINITY).eq(Number.NEGATIVE_INFINITY)).toBe(true);
    // −0 keeps its sign bit: decimal.js has a signed zero.
    expect(exactDecimal(-0).isZero() && exactDecimal(-0).isNeg()).toBe(true);
    expect(exactDecimal(0).isZero() && !exactDecimal(0).isNeg()).toBe(true);
    recordCases(ctx, 5);
  });

  // Each row: a double and its exact value by an independent construction.
  const rows: [string, number, string][] = [
    // docs/error-metric.md#exact-inputs: the double 0.1 is not the decimal 0.1.
    ['0.1', 0.1, '0.1000000000000000055511151231257827021181583404541015625'],
    // 2^−1074, the smallest subnormal: 751 significant digits, all kept.
    ['smallest subnormal', Number.MIN_VALUE, scaled(1n, -1074)],
    // (2^53 − 1)·2^971: the largest double, a 309-digit integer.
    ['MAX_VALUE', Number.MAX_VALUE, scaled(2n ** 53n - 1n, 971)],
    // The largest subnormal (2^52 − 1)·2^−1074 sits just below the smallest normal 2^−1022.
    ['largest subnormal', fromBits64(0x000fffffffffffffn), scaled(2n ** 52n - 1n, -1074)],
    // float32 0.1 is 13421773·2^−27, held exactly in a double.
    ['float32 0.1', Math.fround(0.1), scaled(13421773n, -27)],
    // The largest float32, (2^24 − 1)·2^104.
    ['float32 max', FLOAT32.max, scaled(2n ** 24n - 1n, 104)],
    // 2^53 + 2: an even integer above 2^53, exact.
    ['2^53 + 2', 2 ** 53 + 2, `${2n ** 53n + 2n}`],
  ];
  test.each(rows)('%s', (_name, x, exact) => {
    expect(exactDecimal(x).toFixed()).toBe(new Exact(exact).toFixed());
    expect(exactDecimal(-x).eq(new Exact(exact).neg())).toBe(true);
  });

  test('agrees with Python decimal.Decimal(float) on the fixture table', (ctx) => {
    for (const c of fixtures.exact) {
      const x = fromBits64(BigInt(`0x${c.bits}`));
      expect(exactDecimal(x).eq(new Exact(c.exact)), c.name).toBe(true);
    }
    recordCases(ctx, fixtures.exact.length);
  });

  test('round trip: roundNum(exactDecimal(x)) is x for every double, NaN, ±∞ and −0 included', (ctx) => {
    checkProperty(
      ctx,
      fc.property(anyDouble, (x) => Object.is(roundNum(exactDecimal(x)), x)),
    );
  });

  test('round trip through the JS parser: Number(exactDecimal(x) as text) is x for every finite nonzero double', (ctx) => {
    // JS number parsing is correctly rounded, so an exact expansion must parse back to x itself.
    // Zeros are left to the roundNum round trip: decimal.js's toFixed prints −0 as "0".
    checkProperty(
      ctx,
      fc.property(
        anyDouble.filter((v) => Number.isFinite(v) && v !== 0),
        (x) => Object.is(Number(exactDecimal(x).toFixed()), x),
      ),
    );
  });

  test('round trip for float32: roundNum(exactDecimal(x), FLOAT32) is x for every float32 value', (ctx) => {
    checkProperty(
      ctx,
      fc.property(anyFloat32, (x) => Object.is(roundNum(exactDecimal(x), FLOAT32), x)),
    );
  });
});
