/**
 * roundNum: correct rounding of an exact value to float64 and float32 (round half to even, gradual
 * underflow, overflow at MAX + ½ulp), checked by construction over every kind of rounding boundary.
 *
 * Every expectation comes from the two neighbours a value lies between, never from a literal: for
 * neighbours lo < hi of the format, the exact midpoint rounds to the one whose last bit is 0, the
 * midpoint ± a tiny ε to the nearer one, and lo, hi themselves to themselves.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FLOAT32 } from '../../src/numeric/float.ts';
import { type Decimal, Exact, exactDecimal } from '../../src/reference/decimal.ts';
import { roundNum } from '../../src/reference/round.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { BITS32, BITS64, type BitFormat, finiteIn, isEvenByBits, neighbourValue } from './_floats.ts';

/** ε relative to the gap between neighbours: far below any digit a double guess could resolve. */
const EPS_FRACTION = new Exact('1e-40');

/** The rounding of v expected from the neighbours lo < hi that it lies between (lo ≤ v ≤ hi). */
function expectedBetween(b: BitFormat, lo: number, hi: number, v: Decimal): number {
  const dLo = v.minus(neighbourValue(b, lo)).abs();
  const dHi = neighbourValue(b, hi).minus(v).abs();
  const c = dLo.cmp(dHi);
  const pick = c < 0 ? lo : c > 0 ? hi : isEvenByBits(b, lo) ? lo : hi;
  // A zero result carries the sign of the value it rounds from.
  return pick === 0 ? (v.isNeg() ? -0 : 0) : pick;
}

function checkAround(b: BitFormat, x: number): void {
  const lo = x;
  const hi = b.fmt.nextUp(x);
  const vLo = neighbourValue(b, lo);
  const vHi = neighbourValue(b, hi);
  const mid = vLo.plus(vHi).div(2); // exact: the Exact context holds every such sum and half
  const eps = vHi.minus(vLo).times(EPS_FRACTION);
  const probes: Decimal[] = [mid, mid.minus(eps), mid.plus(eps), vLo.plus(eps)];
  if (Number.isFinite(hi)) probes.push(vHi.minus(eps));
  for (const v of probes) {
    const want = expectedBetween(b, lo, hi, v);
    const got = roundNum(v, b.fmt);
    if (!Object.is(got, want)) {
      throw new Error(`${b.fmt.name}: roundNum(${v.toPrecision(30)}) = ${got}, want ${want} (between ${lo} and ${hi})`);
    }
  }
  // The neighbours themselves are fixed points (a zero keeps its own sign).
  expect(Object.is(roundNum(exactDecimal(lo), b.fmt), lo)).toBe(true);
}

describe.each([BITS64, BITS32])('roundNum into $fmt.name', (b) => {
  test('special values first: NaN, ±∞, ±0 map to themselves', (ctx) => {
    const D = Exact;
    expect(roundNum(new D(Number.NaN), b.fmt)).toBeNaN();
    expect(roundNum(new D(Number.POSITIVE_INFINITY), b.fmt)).toBe(Number.POSITIVE_INFINITY);
    expect(roundNum(new D(Number.NEGATIVE_INFINITY), b.fmt)).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(roundNum(new D('0'), b.fmt), 0)).toBe(true);
    expect(Object.is(roundNum(new D('-0'), b.fmt), -0)).toBe(true);
    recordCases(ctx, 5);
  });

  test('midpoints tie to even, midpoint ± ε rounds to the nearer neighbour, for generated neighbours', (ctx) => {
    checkProperty(
      ctx,
      fc.property(finiteIn(b), (x) => {
        // nextUp(−MIN) is −0 and nextUp(MAX) is ∞: both are neighbours like any other.
        checkAround(b, x);
      }),
    );
  });

  test('every binade crossing: between nextDown(2^k) and 2^k, for every exponent k of the format', (ctx) => {
    const { emin, emax, precision } = b.fmt;
    let n = 0;
    for (let k = emin - precision + 1; k <= emax; k++) {
      const p = b.fmt.round(2 ** k); // exact: 2^k is a value of the format for these k
      checkAround(b, b.fmt.nextDown(p));
      checkAround(b, -p);
      n += 2;
    }
    recordCases(ctx, n);
  });

  // Each row: a boundary and which neighbour the construction says it rounds to.
  test('named boundaries: half the smallest subnormal, MAX + ½ulp, and their mirrors', (ctx) => {
    const min = b.fmt.nextUp(0);
    const max = b.fmt.max;
    const vMin = neighbourValue(b, min);
    const halfMin = vMin.div(2);
    const tiny = vMin.times(EPS_FRACTION);
    // ½ulp above MAX: the midpoint between MAX and the value ∞ stands for, 2^(emax+1).
    const maxHalf = neighbourValue(b, max).plus(neighbourValue(b, Number.POSITIVE_INFINITY)).div(2);
    const maxTiny = maxHalf.minus(neighbourValue(b, max)).times(EPS_FRACTION);
    const rows: [string, Decimal, number][] = [
      // Half the smallest subnormal is a tie between 0 (even) and MIN (odd): it goes to 0.
      ['½·MIN', halfMin, 0],
      ['½·MIN + ε', halfMin.plus(tiny), min],
      ['½·MIN − ε', halfMin.minus(tiny), 0],
      ['−½·MIN', halfMin.neg(), -0],
      ['−(½·MIN + ε)', halfMin.plus(tiny).neg(), -min],
      // 3/2·MIN is a tie between MIN (odd) and 2·MIN (even).
      ['3/2·MIN', halfMin.times(3), 2 * min],
      // MAX + ½ulp ties between MAX (odd) and ∞ (even): IEEE 754's overflow threshold.
      ['MAX + ½ulp', maxHalf, Number.POSITIVE_INFINITY],
      ['MAX + ½ulp − ε', maxHalf.minus(maxTiny), max],
      ['−(MAX + ½ulp)', maxHalf.neg(), Number.NEGATIVE_INFINITY],
      ['−(MAX + ½ulp − ε)', maxHalf.minus(maxTiny).neg(), -max],
      // Far beyond the range: decimal.js holds 10^1000 exactly.
      ['10^1000', new Exact('1e1000'), Number.POSITIVE_INFINITY],
      ['10^−1000', new Exact('1e-1000'), 0],
    ];
    for (const [name, v, want] of rows) {
      expect(Object.is(roundNum(v, b.fmt), want), `${name} → ${want}`).toBe(true);
    }
    recordCases(ctx, rows.length);
  });
});

describe('roundNum into float32 does not round through a double', () => {
  test('a float32 midpoint plus an ε below half a double ulp rounds up, though the nearest double is the tie', (ctx) => {
    // Math.fround(Number(v)) would see the exact midpoint (the double nearest v) and tie to even.
    checkProperty(
      ctx,
      fc.property(finiteIn(BITS32), (x) => {
        const hi = FLOAT32.nextUp(x);
        if (!Number.isFinite(hi)) return;
        const mid = neighbourValue(BITS32, x).plus(neighbourValue(BITS32, hi)).div(2);
        const eps = neighbourValue(BITS32, hi).minus(mid).times('1e-20');
        const even = isEvenByBits(BITS32, x) ? x : hi;
        const odd = even === x ? hi : x;
        // Toward the odd neighbour by ε: the double nearest is still the midpoint.
        const toward = odd === hi ? mid.plus(eps) : mid.minus(eps);
        const want = odd === 0 ? (toward.isNeg() ? -0 : 0) : odd;
        expect(Object.is(roundNum(toward, FLOAT32), want)).toBe(true);
      }),
    );
  });
});
