/**
 * ulpAt and ulpError: the error metric of docs/error-metric.md#ulp-error, checked against its definition.
 *
 * ulp(exact) is the spacing of the format at the exact value's binade (so at a power of two it is the
 * upper binade's spacing), never below the subnormal spacing; above the format's range the binades
 * continue. Powers of two are built with integer exponents in the Exact context.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FLOAT32, FLOAT64 } from '../../src/numeric/float.ts';
import { ulpAt, ulpError } from '../../src/numeric/ulp.ts';
import { Exact, exactDecimal } from '../../src/reference/decimal.ts';
import { roundNum } from '../../src/reference/round.ts';
import { Tiny } from '../../src/reference/tiny.ts';
import { checkProperty } from '../_support/claim.ts';
import { BITS32, BITS64, type BitFormat, finiteIn } from './_floats.ts';

const two = (e: number) => new Exact(2).pow(e);

describe('ulpAt', () => {
  // Each row: an exact value, the format, and its ulp as a power of two.
  const rows: [string, string, typeof FLOAT64, number][] = [
    // At a power of two the value belongs to the upper binade: ulp(1) = 2^−52, not 2^−53.
    ['1', '1', FLOAT64, -52],
    // Just below 1 the binade is [½, 1).
    ['1 − 10^−30', '0.999999999999999999999999999999', FLOAT64, -53],
    // Just below 1 by less than a quarter ulp: rounds up to 1 but its binade is still [½, 1).
    ['1 − 2^−56', two(-56).neg().plus(1).toFixed(), FLOAT64, -53],
    ['2^1023', two(1023).toFixed(), FLOAT64, 971],
    // Overflowed exact values: the binades continue above the range.
    ['2^1024', two(1024).toFixed(), FLOAT64, 972],
    ['10^400', '1e400', FLOAT64, Math.floor(400 * Math.log2(10)) - 52],
    // Subnormal floor: every value below 2^−1021 has ulp 2^−1074.
    ['2^−1022 (smallest normal)', two(-1022).toFixed(), FLOAT64, -1074],
    ['2^−1021', two(-1021).toFixed(), FLOAT64, -1073],
    ['2^−1074 (smallest subnormal)', two(-1074).toFixed(), FLOAT64, -1074],
    ['2^−1080 (below every subnormal)', two(-1080).toFixed(), FLOAT64, -1074],
    ['10^−400', '1e-400', FLOAT64, -1074],
    ['float32 1', '1', FLOAT32, -23],
    ['float32 2^−126', two(-126).toFixed(), FLOAT32, -149],
    ['float32 2^−160', two(-160).toFixed(), FLOAT32, -149],
    ['float32 2^128 (overflowed)', two(128).toFixed(), FLOAT32, 105],
  ];
  test.each(rows)('%s', (_name, v, fmt, e) => {
    expect(ulpAt(new Exact(v), fmt).eq(two(e))).toBe(true);
    expect(ulpAt(new Exact(v).neg(), fmt).eq(two(e))).toBe(true);
  });

  test('zero has the subnormal ulp', () => {
    expect(ulpAt(new Exact(0), FLOAT64).eq(two(-1074))).toBe(true);
    expect(ulpAt(new Exact(0), FLOAT32).eq(two(-149))).toBe(true);
  });
});

describe('ulpError special values (docs/error-metric.md)', () => {
  const D = Exact;
  const max = Number.MAX_VALUE;
  // ½ulp above MAX: IEEE 754's overflow threshold. 0.4 ulp above still rounds to MAX.
  const maxPlus = (f: string) => exactDecimal(max).plus(two(971).times(f));
  // Each row: got, exact, and the error in ULPs.
  const rows: [string, number, InstanceType<typeof Exact> | Tiny, number][] = [
    ['NaN where NaN', Number.NaN, new D(Number.NaN), 0],
    ['NaN where finite', Number.NaN, new D(1), Number.POSITIVE_INFINITY],
    ['finite where NaN', 1, new D(Number.NaN), Number.POSITIVE_INFINITY],
    ['+∞ where +∞', Number.POSITIVE_INFINITY, new D(Number.POSITIVE_INFINITY), 0],
    ['−∞ where +∞', Number.NEGATIVE_INFINITY, new D(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY],
    ['MAX where +∞', max, new D(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY],
    ['+∞ where finite 1', Number.POSITIVE_INFINITY, new D(1), Number.POSITIVE_INFINITY],
    // An exact value that overflows: ∞ is its correct rounding, so no error.
    ['+∞ where 2^1024', Number.POSITIVE_INFINITY, two(1024), 0],
    ['+∞ where MAX + ½ulp (ties to ∞)', Number.POSITIVE_INFINITY, maxPlus('0.5'), 0],
    // MAX + 0.4 ulp rounds to MAX: ∞ there is a wrong result, MAX is 0.4 ULPs off.
    ['+∞ where MAX + 0.4ulp', Number.POSITIVE_INFINITY, maxPlus('0.4'), Number.POSITIVE_INFINITY],
    ['MAX where MAX + 0.4ulp', max, maxPlus('0.4'), 0.4],
    // A Tiny (below 10^−9e15) is 0 to every digit a ULP count can show; a subnormal result is off by its ulps.
    ['0 where Tiny', 0, new Tiny(1, new D('-1e300')), 0],
    ['3·MIN where Tiny', 3 * Number.MIN_VALUE, new Tiny(1, new D('-1e300')), 3],
    ['NaN where Tiny', Number.NaN, new Tiny(1, new D('-1e300')), Number.POSITIVE_INFINITY],
    // Exact zero with a subnormal result: measured in subnormal ulps.
    ['MIN where 0', Number.MIN_VALUE, new D(0), 1],
    // One ulp off at 1 (upper binade), and half an ulp below 1 in the lower binade's units.
    ['nextUp(1) where 1', 1 + 2 ** -52, new D(1), 1],
    ['nextDown(1) where 1', 1 - 2 ** -53, new D(1), 0.5],
  ];
  test.each(rows)('%s', (_name, got, exact, want) => {
    expect(ulpError(got, exact)).toBe(want);
  });
});

describe.each([BITS64, BITS32])('ulpError of a correct rounding in $fmt.name', (b: BitFormat) => {
  test('the correctly rounded result is within 0.5 ULPs and both its neighbours are beyond 0.5', (ctx) => {
    // An exact value strictly between two neighbours (fraction in (0, 1) of the gap, never a tie).
    const point = fc.tuple(
      finiteIn(b),
      fc.integer({ min: 1, max: 2 ** 30 - 1 }).filter((n) => n !== 2 ** 29),
    );
    checkProperty(
      ctx,
      fc.property(point, ([x, n]) => {
        const hi = b.fmt.nextUp(x);
        if (!Number.isFinite(hi)) return;
        const v = exactDecimal(x).plus(
          exactDecimal(hi)
            .minus(exactDecimal(x))
            .times(n)
            .div(2 ** 30),
        );
        const r = roundNum(v, b.fmt);
        expect(ulpError(r, v, b.fmt)).toBeLessThanOrEqual(0.5);
        for (const other of [b.fmt.nextDown(r), b.fmt.nextUp(r)]) {
          if (Number.isFinite(other)) expect(ulpError(other, v, b.fmt)).toBeGreaterThan(0.5);
        }
      }),
    );
  });

  test('at an exact midpoint the error is exactly 0.5 ULPs on both sides', (ctx) => {
    checkProperty(
      ctx,
      fc.property(finiteIn(b), (x) => {
        const hi = b.fmt.nextUp(x);
        if (!Number.isFinite(hi)) return;
        const v = exactDecimal(x).plus(exactDecimal(hi)).div(2);
        // ulp taken at v's binade: the gap between the neighbours is that ulp (v is never a power of two).
        expect(ulpError(x, v, b.fmt)).toBe(0.5);
        expect(ulpError(hi, v, b.fmt)).toBe(0.5);
      }),
    );
  });
});

describe('formats named by their dtype', () => {
  test("ulpError and roundNum accept 'float64' / 'float32' as the format objects", () => {
    // 1 + 2^−40 against exact 1: 2^12 float64 ULPs; in float32 it rounds to 1, 2^−40/2^−23 = 2^−17 ULPs.
    const x = 1 + 2 ** -40;
    expect(ulpError(x, new Exact(1), 'float64')).toBe(ulpError(x, new Exact(1), FLOAT64));
    expect(ulpError(x, new Exact(1), 'float64')).toBe(2 ** 12);
    expect(ulpError(x, new Exact(1), 'float32')).toBe(2 ** -17);
    expect(roundNum(exactDecimal(x), 'float32')).toBe(1);
  });

  test('any other format name is a RangeError naming the value', () => {
    expect(() => ulpError(1, new Exact(1), 'float16' as 'float64')).toThrow(/got "float16"/);
    expect(() => roundNum(new Exact(1), 'double' as 'float64')).toThrow(RangeError);
  });
});
