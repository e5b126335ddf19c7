/**
 * The adaptive reference: evaluate a formula at rising precision until the answer is stable
 * (Ziv's strategy). Stable means two successive evaluations agree to `digits` + 5 significant digits
 * and every float64 / float32 rounding of the interval between them is one value, so the correct
 * rounding of the exact result is known, not guessed.
 */
import { FLOAT32, FLOAT64 } from '../numeric/float.ts';
import { type Decimal, exactDecimal } from './decimal.ts';
import { RefMath } from './math.ts';
import { roundNum } from './round.ts';
import { isTiny, type Num } from './tiny.ts';

/** Significant digits every reference result is stable to (docs/error-metric.md#the-reference; eval prints 50). */
export const DEFAULT_DIGITS = 50;
/** decimal.js's `ln` fails above ~1,025 digits (its stored LN10); the loop stops before that. */
export const MAX_PRECISION = 1000;

export class ReferenceUnstableError extends Error {
  override name = 'ReferenceUnstableError';
}

export interface AdaptiveOptions {
  /** Significant digits the result must be stable to (default 50). */
  digits?: number;
  /** The first working precision (default digits + 14). */
  start?: number;
}

export interface AdaptiveResult<T> {
  value: T;
  /** The working precision of the accepted evaluation. */
  precision: number;
  /** How many evaluations it took. */
  evaluations: number;
}

function agrees(a: Num, b: Num, digits: number): boolean {
  if (isTiny(a) || isTiny(b)) {
    if (!isTiny(a) || !isTiny(b) || a.sign !== b.sign) return false;
    // A Tiny's significant digits are the digits of its logarithm after the point.
    return a.ln
      .minus(b.ln)
      .abs()
      .lt(`1e-${digits + 5}`);
  }
  if (a.isNaN() || b.isNaN()) return a.isNaN() && b.isNaN();
  if (!a.isFinite() || !b.isFinite()) return a.eq(b);
  if (a.isZero() || b.isZero()) return a.isZero() && b.isZero();
  const diff = exactDecimal(0).plus(a).minus(b).abs();
  if (diff.gt(b.abs().times(`1e-${digits + 5}`))) return false;
  // The true value lies within 2|a − b| of b: both ends must round alike, in both formats.
  const lo = b.minus(diff.times(2));
  const hi = b.plus(diff.times(2));
  for (const fmt of [FLOAT64, FLOAT32]) {
    const r = roundNum(lo, fmt);
    if (!Object.is(r, roundNum(hi, fmt)) && !(r === 0 && roundNum(hi, fmt) === 0)) return false;
  }
  return true;
}

function allAgree(a: Num | Num[], b: Num | Num[], digits: number): boolean {
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (!Array.isArray(a)) return agrees(a, b as Num, digits);
  const bs = b as Num[];
  return a.length === bs.length && a.every((v, i) => agrees(v, bs[i] as Num, digits));
}

function isAllZero(v: Num | Num[]): boolean {
  const xs = Array.isArray(v) ? v : [v];
  return xs.some((x) => !isTiny(x) && x.isZero());
}

/**
 * Evaluates `f` at rising precision until two successive results agree (see the module comment).
 * A result with an exact zero is confirmed once more at four times the precision, since a
 * cancellation can give 0 at two low precisions in a row.
 */
export function adaptive<T extends Num | Num[]>(f: (m: RefMath) => T, opts: AdaptiveOptions = {}): AdaptiveResult<T> {
  const digits = opts.digits ?? DEFAULT_DIGITS;
  let p = opts.start ?? digits + 14;
  let prev = f(new RefMath(p));
  let evaluations = 1;
  for (;;) {
    const next = Math.min(MAX_PRECISION, Math.ceil(p * 1.5) + 10);
    if (next === p) {
      throw new ReferenceUnstableError(`reference did not stabilise to ${digits} digits below ${MAX_PRECISION} digits`);
    }
    p = next;
    const cur = f(new RefMath(p));
    evaluations++;
    if (allAgree(cur, prev, digits)) {
      if (isAllZero(cur) && p < 4 * digits) {
        prev = cur;
        p = Math.max(p, 4 * digits) - 1;
        continue;
      }
      return { value: cur, precision: p, evaluations };
    }
    prev = cur;
  }
}

/** Formats a reference value as a decimal string with `digits` significant digits. */
export function formatNum(v: Num, digits = DEFAULT_DIGITS): string {
  if (!isTiny(v)) {
    if (v.isNaN()) return 'NaN';
    if (!v.isFinite()) return v.isNeg() ? '-Infinity' : 'Infinity';
    if (v.isZero()) return v.isNeg() ? '-0' : '0';
    return v.toPrecision(digits);
  }
  // sign · e^ln = sign · 10^(ln / ln 10) = sign · 10^f · 10^n, with 0 ≤ f < 1.
  const intDigits = v.ln.abs().e + 1;
  const m = new RefMath(digits + intDigits + 10);
  const log10 = v.ln.div(m.D.ln(10)) as Decimal;
  const n = log10.floor();
  let mant = m.D.pow(10, log10.minus(n)).toPrecision(digits);
  let exp = n;
  if (mant.startsWith('10')) {
    mant = m.D.pow(10, log10.minus(n)).div(10).toPrecision(digits);
    exp = n.plus(1);
  }
  return `${v.sign < 0 ? '-' : ''}${mant}e${exp.toFixed(0)}`;
}
