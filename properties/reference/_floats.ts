/**
 * Float generators and facts for the reference core's tests, built from bit patterns so that every
 * double (or float32) is reachable: a double is two random int32 halves reinterpreted as a Float64,
 * as fast-check's own tests do.
 */
import fc from 'fast-check';
import {
  bitsOf32,
  bitsOf64,
  FLOAT32,
  FLOAT64,
  type FloatFormat,
  fromBits32,
  fromBits64,
} from '../../src/numeric/float.ts';
import { type Decimal, Exact, exactDecimal } from '../../src/reference/decimal.ts';

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

/** Every double, NaN and ±∞ included, uniform over the 2^64 bit patterns. */
export const anyDouble: fc.Arbitrary<number> = fc
  .tuple(int32, int32)
  .map(([hi, lo]) => fromBits64((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)));

/** Every float32 value (held in a double), uniform over the 2^32 bit patterns. */
export const anyFloat32: fc.Arbitrary<number> = int32.map((b) => fromBits32(b >>> 0));

/** A format together with the bit-level view the tests need. */
export interface BitFormat {
  readonly fmt: FloatFormat;
  /** Stored significand bits (52 or 23). */
  readonly fraction: number;
  /** Every value of the format, as a bit-uniform generator. */
  readonly any: fc.Arbitrary<number>;
  /** The value with the given bit pattern (sign bit included). */
  readonly fromBits: (b: bigint) => number;
  /** The bit pattern of a value. */
  readonly bitsOf: (x: number) => bigint;
}

export const BITS64: BitFormat = {
  fmt: FLOAT64,
  fraction: 52,
  any: anyDouble,
  fromBits: fromBits64,
  bitsOf: bitsOf64,
};

export const BITS32: BitFormat = {
  fmt: FLOAT32,
  fraction: 23,
  any: anyFloat32,
  fromBits: (b) => fromBits32(Number(b)),
  bitsOf: (x) => BigInt(bitsOf32(x)),
};

/**
 * IEEE 754's tie-breaking rule read off the encoding: the even neighbour is the one whose last
 * stored bit is 0. The encoding of +∞ (all-ones exponent, zero fraction) is even, and MAX (all-ones
 * fraction) is odd, which is why MAX + ½ulp rounds to ∞; +0 is even and the smallest subnormal odd.
 */
export function isEvenByBits(b: BitFormat, x: number): boolean {
  return (b.bitsOf(x) & 1n) === 0n;
}

/**
 * The value a neighbour stands for: its exact value, or ±2^(emax+1) for ±∞ (the value the next
 * binade would start at, which is where IEEE 754 puts the overflow threshold's other end).
 */
export function neighbourValue(b: BitFormat, x: number): Decimal {
  if (Number.isFinite(x)) return exactDecimal(x);
  return new Exact(2).pow(b.fmt.emax + 1).times(x > 0 ? 1 : -1);
}

/** Finite values of the format, weighted toward every rounding-boundary kind. */
export function finiteIn(b: BitFormat): fc.Arbitrary<number> {
  const { fraction, fromBits } = b;
  const top = (BigInt(b.fmt.emax - b.fmt.emin + 1) << BigInt(fraction)) | ((1n << BigInt(fraction)) - 1n); // MAX's bits
  const signed = (mag: fc.Arbitrary<bigint>) =>
    fc
      .tuple(mag, fc.boolean())
      .map(([m, neg]) => fromBits(neg ? m | (1n << BigInt(fraction + (b === BITS64 ? 11 : 8))) : m));
  const normalStart = 1n << BigInt(fraction); // the smallest normal's bits
  const binade = fc.integer({ min: 1, max: b.fmt.emax - b.fmt.emin + 1 }).map((e) => BigInt(e) << BigInt(fraction));
  return fc.oneof(
    { arbitrary: b.any.filter(Number.isFinite), weight: 4 },
    // Subnormals, and the normal/subnormal boundary.
    { arbitrary: signed(fc.bigInt({ min: 0n, max: normalStart - 1n })), weight: 2 },
    { arbitrary: signed(fc.bigInt({ min: normalStart - 64n, max: normalStart + 64n })), weight: 1 },
    // Next to the largest finite value (its upper neighbour is ∞).
    { arbitrary: signed(fc.bigInt({ min: top - 64n, max: top })), weight: 1 },
    // Powers of two and the values just below them (binade crossings).
    { arbitrary: signed(fc.tuple(binade, fc.bigInt({ min: -2n, max: 2n })).map(([p, d]) => p + d)), weight: 2 },
    { arbitrary: fc.constantFrom(0, -0, 1, -1), weight: 1 },
  );
}
