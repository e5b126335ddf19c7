/**
 * decimal.js contexts for the reference, and the exact conversion of binary floats.
 *
 * A context is a decimal.js clone at one working precision, rounding half-even, with the widest
 * exponent range decimal.js allows (10^±9e15). Constructing a Decimal never rounds; operations
 * round to the clone's precision.
 */
import { Decimal } from 'decimal.js';
import { decompose } from '../numeric/float.ts';

/** The decimal.js constructor type (a clone). */
export type DecimalCtor = typeof Decimal;
export { Decimal };

const contexts = new Map<number, DecimalCtor>();

/** The decimal.js clone working at `precision` significant digits. Cached. */
export function decimalContext(precision: number): DecimalCtor {
  if (!Number.isInteger(precision) || precision < 1) {
    throw new RangeError(`decimalContext: precision must be a positive integer, got ${precision}`);
  }
  let D = contexts.get(precision);
  if (D === undefined) {
    D = Decimal.clone({
      precision,
      rounding: Decimal.ROUND_HALF_EVEN,
      minE: -9e15,
      maxE: 9e15,
      toExpNeg: -7,
      toExpPos: 21,
    });
    contexts.set(precision, D);
  }
  return D;
}

/**
 * A context wide enough that sums, differences and products of a few doubles are exact in it.
 * A double has at most 767 significant decimal digits (the subnormal 2^−1074 has 751); a product of
 * two has at most 1534, and a sum spans at most 2^1024 down to 2^−1074: 632 digits of magnitude.
 */
export const Exact = decimalContext(2400);

/**
 * The exact value of a binary float (a double, or a float32 held in a double), built from its bits.
 *
 * Never through the shortest round-trip string: `new Decimal(0.1)` is 0.1, while the double 0.1 is
 * 0.1000000000000000055511151231257827021181583404541015625. NaN, ±∞ and −0 map to their Decimal
 * counterparts.
 */
export function exactDecimal(x: number): Decimal {
  if (Number.isNaN(x)) return new Exact(Number.NaN);
  if (!Number.isFinite(x)) return new Exact(x);
  if (x === 0) return new Exact(Object.is(x, -0) ? '-0' : '0');
  const { sign, mantissa, exponent } = decompose(x);
  const s = sign < 0 ? '-' : '';
  if (exponent >= 0) return new Exact(`${s}${mantissa << BigInt(exponent)}`);
  // m·2^−e = m·5^e / 10^e: an exact decimal with e digits after the point.
  const e = -exponent;
  return new Exact(`${s}${mantissa * 5n ** BigInt(e)}e-${e}`);
}
