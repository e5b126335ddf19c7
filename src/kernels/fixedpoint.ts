/**
 * Binary fixed-point arithmetic on BigInt, at any number of fraction bits: the last-resort path of
 * float64 kernels whose result can cancel without bound (gaussianNll near ½·log(2πv) = −(y − mu)²/(2v),
 * klDivergence of unnormalised vectors or of q one ulp away from p).
 *
 * Doubles are exact rationals n·2^−1074, so sums, differences and products of them are exact here;
 * only the logarithms (and π) are approximated, each to within a few units of 2^−G. A kernel runs
 * this at rising G (Ziv's strategy) until the a-priori error bound is small against the result.
 * Slow (tens of µs to a few ms), and taken only when the double-double path cannot certify its
 * result.
 */
import { decompose } from '../numeric/float.ts';

/** A double as an exact integer multiple of 2^−1074 (finite doubles only). */
export function toScaledInt(x: number): bigint {
  if (x === 0) return 0n;
  const { sign, mantissa, exponent } = decompose(x);
  const n = mantissa << BigInt(exponent + 1074);
  return sign < 0 ? -n : n;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length;
}

/**
 * n·2^shift rounded to a double: the top 64 bits with a sticky bit are rounded once by Number()
 * (to nearest), then scaled by a power of two (exact unless the result is subnormal, where a second
 * rounding may add half a subnormal ulp).
 */
export function scaledToDouble(n: bigint, shift: number): number {
  if (n === 0n) return 0;
  const neg = n < 0n;
  let a = neg ? -n : n;
  let s = shift;
  const bl = bitLength(a);
  if (bl > 64) {
    const drop = BigInt(bl - 64);
    const sticky = (a & ((1n << drop) - 1n)) !== 0n ? 1n : 0n;
    a = (a >> drop) | sticky;
    s += bl - 64;
  }
  let r = Number(a);
  while (s > 1000) {
    r *= 2 ** 1000;
    s -= 1000;
  }
  while (s < -1000) {
    r *= 2 ** -1000;
    s += 1000;
  }
  r *= 2 ** s;
  return neg ? -r : r;
}

/**
 * Σ_{j≥0} x^(2j+1)/(2j+1) = atanh(x) for fixed-point X = x·2^G, |x| ≤ 1/3. Each of the ≤ G/3 terms
 * truncates by < 3 units (the power carries < 2, the division < 1): error < G units of 2^−G.
 */
function atanhFixed(X: bigint, G: number): bigint {
  const g = BigInt(G);
  const neg = X < 0n;
  const A = neg ? -X : X; // the series on |x|, so that truncation reaches 0 and stops
  const X2 = (A * A) >> g;
  let power = A;
  let sum = A;
  for (let j = 1n; ; j++) {
    power = (power * X2) >> g;
    if (power === 0n) break;
    sum += power / (2n * j + 1n);
  }
  return neg ? -sum : sum;
}

const ln2Cache = new Map<number, bigint>();
/** ln 2·2^G = 2·atanh(1/3)·2^G, within 2G + 2 units. */
export function ln2Fixed(G: number): bigint {
  let v = ln2Cache.get(G);
  if (v === undefined) {
    v = 2n * atanhFixed((1n << BigInt(G)) / 3n, G);
    ln2Cache.set(G, v);
  }
  return v;
}

/** arctan(1/n)·2^G by its alternating series. */
function atanInvFixed(n: bigint, G: number): bigint {
  const one = 1n << BigInt(G);
  let power = one / n;
  let sum = power;
  const n2 = n * n;
  for (let j = 1n; ; j++) {
    power /= n2;
    if (power === 0n) break;
    const t = power / (2n * j + 1n);
    sum += j % 2n === 1n ? -t : t;
  }
  return sum;
}

const lnTwoPiCache = new Map<number, bigint>();
/**
 * ln(2π)·2^G, π by Machin's formula π = 16·atan(1/5) − 4·atan(1/239), all at W = G + 24 bits
 * (errors below 20W units there), then rounded: within 2 units of 2^−G for G ≤ 8000.
 */
export function lnTwoPiFixed(G: number): bigint {
  let v = lnTwoPiCache.get(G);
  if (v === undefined) {
    const W = G + 24;
    const pi = 16n * atanInvFixed(5n, W) - 4n * atanInvFixed(239n, W); // π·2^W, π ∈ [2, 4)
    // ln(2π) = 2·ln 2 + ln(π/2), ln(π/2) = 2·atanh(s) with s = (π/2 − 1)/(π/2 + 1) ≈ 0.222.
    const one = 1n << BigInt(W);
    const m = pi >> 1n;
    const s = ((m - one) << BigInt(W)) / (m + one);
    const lnm = 2n * atanhFixed(s, W);
    v = (2n * ln2Fixed(W) + lnm + (1n << 23n)) >> 24n;
    lnTwoPiCache.set(G, v);
  }
  return v;
}

/**
 * ln x·2^G for a finite double x > 0, within LN_FIXED_ERR units of 2^−G for G ≤ 8000.
 *
 * Error bound: at W = G + 24 working bits, k·ln 2 (|k| ≤ 1075) is within 1075·(2W + 2) units and
 * ln m within 2W units, i.e. below 2^24·0.75 units of 2^−W for W ≤ 8024; shifted back to G bits
 * with rounding that is < 0.75 + 0.5 units.
 */
export function lnFixed(x: number, G: number): bigint {
  const W = G + 24;
  const { mantissa, exponent } = decompose(x);
  const bl = mantissa.toString(2).length;
  // x = m·2^k with m ∈ [1, 2) held at W fraction bits (exact: bl ≤ 53 ≤ W).
  const M = mantissa << BigInt(W - (bl - 1));
  let k = exponent + bl - 1;
  const one = 1n << BigInt(W);
  // ln m = 2·atanh((m − 1)/(m + 1)); for m ≥ 1.4142 use m/2 ∈ [0.7071, 1) and k + 1 instead, so
  // that |s| ≤ 0.1716 (numerator and denominator are exact integers either way).
  const c = M * 10000n >= one * 14142n ? 2n * one : one;
  if (c !== one) k += 1;
  const lnm = 2n * atanhFixed(((M - c) << BigInt(W)) / (M + c), W);
  const v = BigInt(k) * ln2Fixed(W) + lnm;
  // Round to G bits (arithmetic shift is floor: add half first).
  return (v + (1n << 23n)) >> 24n;
}

/** lnFixed's error bound in units of 2^−G (see there), for G ≤ 8000. */
export const LN_FIXED_ERR = 2;
