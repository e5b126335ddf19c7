/**
 * Bit-level facts about the two binary formats lossproof measures: float64 and float32.
 *
 * Everything here works on JavaScript numbers. A float32 value is a number that
 * `Math.fround` leaves unchanged; its neighbours are found through its 32-bit pattern.
 */

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The name of a binary format. */
export type Dtype = 'float64' | 'float32';

/** A finite nonzero binary float as sign · mantissa · 2^exponent, mantissa an integer. */
export interface Decomposed {
  sign: 1 | -1;
  mantissa: bigint;
  exponent: number;
}

/**
 * Splits a finite nonzero double into an integer mantissa and a power of two, exactly.
 * Subnormals are included: their exponent is −1074 and the mantissa has fewer than 53 bits.
 */
export function decompose(x: number): Decomposed {
  if (!Number.isFinite(x) || x === 0) throw new RangeError(`decompose: x must be finite and nonzero, got ${x}`);
  f64[0] = x;
  const bits = u64[0] as bigint;
  const sign = bits >> 63n === 1n ? -1 : 1;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  if (biased === 0) return { sign, mantissa: frac, exponent: -1074 };
  return { sign, mantissa: frac | 0x10000000000000n, exponent: biased - 1075 };
}

/** The 64-bit pattern of a double (−0 and NaN payloads preserved). */
export function bitsOf64(x: number): bigint {
  f64[0] = x;
  return u64[0] as bigint;
}

/** The double with the given 64-bit pattern. */
export function fromBits64(bits: bigint): number {
  u64[0] = BigInt.asUintN(64, bits);
  return f64[0] as number;
}

/** The 32-bit pattern of a float32 value. */
export function bitsOf32(x: number): number {
  f32[0] = x;
  return u32[0] as number;
}

/** The float32 value with the given 32-bit pattern, as a number. */
export function fromBits32(bits: number): number {
  u32[0] = bits >>> 0;
  return f32[0] as number;
}

/** A description of one binary format, enough to round into it and to measure ULPs in it. */
export interface FloatFormat {
  readonly name: Dtype;
  /** Significand bits including the hidden bit: 53 or 24. */
  readonly precision: number;
  /** Exponent of the smallest normal binade: −1022 or −126. */
  readonly emin: number;
  /** Exponent of the largest binade: 1023 or 127. */
  readonly emax: number;
  /** The largest finite value. */
  readonly max: number;
  /** Rounds a double into the format (identity for float64). */
  readonly round: (x: number) => number;
  /** The next value of the format above x (x in the format, not NaN). */
  readonly nextUp: (x: number) => number;
  /** The next value of the format below x. */
  readonly nextDown: (x: number) => number;
  /** True when the last significand bit of x is 0 (the tie-breaking rule of round-half-even). */
  readonly isEven: (x: number) => boolean;
}

function nextUp64(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return Number.MIN_VALUE; // −0 and +0 both step to the smallest subnormal
  const b = bitsOf64(x);
  return fromBits64(x > 0 ? b + 1n : b - 1n);
}

function nextUp32(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return fromBits32(1);
  const b = bitsOf32(x);
  return fromBits32(x > 0 ? b + 1 : b - 1);
}

export const FLOAT64: FloatFormat = {
  name: 'float64',
  precision: 53,
  emin: -1022,
  emax: 1023,
  max: Number.MAX_VALUE,
  round: (x) => x,
  nextUp: nextUp64,
  nextDown: (x) => -nextUp64(-x),
  // ±∞ is treated as 2^1024: even, so that MAX (odd) + half an ulp rounds to ∞ as IEEE 754 says.
  isEven: (x) => !Number.isFinite(x) || (bitsOf64(x) & 1n) === 0n,
};

export const FLOAT32: FloatFormat = {
  name: 'float32',
  precision: 24,
  emin: -126,
  emax: 127,
  max: fromBits32(0x7f7fffff),
  round: Math.fround,
  nextUp: nextUp32,
  nextDown: (x) => -nextUp32(-x),
  isEven: (x) => !Number.isFinite(x) || (bitsOf32(x) & 1) === 0,
};

/** The format object for a dtype name; a RangeError names any other value. */
export function formatOf(dtype: Dtype): FloatFormat {
  if (dtype === 'float64') return FLOAT64;
  if (dtype === 'float32') return FLOAT32;
  throw new RangeError(`a float format is 'float64' or 'float32' (or FLOAT64 / FLOAT32), got ${JSON.stringify(dtype)}`);
}

/** A format given as its object or its dtype name (the public functions accept both). */
export function asFormat(fmt: FloatFormat | Dtype): FloatFormat {
  return typeof fmt === 'string' ? formatOf(fmt) : fmt;
}

/** True for −0 (and only −0). */
export function isNegativeZero(x: number): boolean {
  return x === 0 && 1 / x < 0;
}
