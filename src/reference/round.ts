/**
 * Correct rounding of a reference value to float64 or float32: round half to even, with gradual
 * underflow (subnormals), and overflow to ±∞ exactly where IEEE 754 puts it (at MAX + ½ulp, a tie
 * that goes to the even ∞).
 */
import { asFormat, type Dtype, FLOAT64, type FloatFormat } from '../numeric/float.ts';
import { type Decimal, Exact, exactDecimal } from './decimal.ts';
import { isTiny, type Num } from './tiny.ts';

/** The value a format's candidate stands for in comparisons: ±∞ stands for ±2^(emax+1). */
function candidateValue(c: number, fmt: FloatFormat): Decimal {
  if (Number.isFinite(c)) return exactDecimal(c);
  return new Exact(2).pow(fmt.emax + 1).times(c > 0 ? 1 : -1);
}

/**
 * The float nearest to `v` in `fmt`, ties to even. A Tiny rounds to a zero of its sign.
 * NaN gives NaN; ±∞ gives ±∞.
 */
export function roundNum(v: Num, format: FloatFormat | Dtype = FLOAT64): number {
  const fmt = asFormat(format);
  if (isTiny(v)) return v.sign < 0 ? -0 : 0;
  if (v.isNaN()) return Number.NaN;
  if (!v.isFinite()) return v.isNeg() ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (v.isZero()) return v.isNeg() ? -0 : 0;
  // A candidate within an ulp or so: 25 digits parse to a double within ½ulp + 10^−25 relative,
  // and one more rounding into float32 stays within one float32 ulp.
  const guess = fmt.round(Number(v.toPrecision(25)));
  let best = guess;
  let bestDist: Decimal | undefined;
  for (const c of [fmt.nextDown(guess), guess, fmt.nextUp(guess)]) {
    if (Number.isNaN(c)) continue;
    const dist = candidateValue(c, fmt).minus(v).abs();
    if (bestDist === undefined || dist.lt(bestDist) || (dist.eq(bestDist) && fmt.isEven(c) && !fmt.isEven(best))) {
      best = c;
      bestDist = dist;
    }
  }
  // ±0 keeps the sign of the value it rounds from.
  if (best === 0) return v.isNeg() ? -0 : 0;
  return best;
}
