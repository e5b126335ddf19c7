/**
 * Reference arithmetic at one working precision: decimal.js plus what it lacks (log1p, expm1,
 * values below its range), and the building blocks the catalogue's references share
 * (σ, softplus, log-sum-exp).
 *
 * Every function here is written without cancellation where the mathematics allows it
 * (σ(−z) rather than 1 − σ(z), log1p rather than ln(1 + x)), so that the working precision needed
 * for 50 correct digits does not grow with |z|. Where a result cancels by nature (σ(z) − y for a soft
 * y), the adaptive loop in `evaluate.ts` raises the precision until the answer is stable.
 */
import { type Decimal, type DecimalCtor, decimalContext, Exact } from './decimal.ts';
import { isTiny, type Num, TINY_LN, Tiny } from './tiny.ts';

/** Below this magnitude log1p and expm1 use their power series. */
const SERIES_BELOW = 1e-20;

export class RefMath {
  /** The decimal.js clone at the working precision. */
  readonly D: DecimalCtor;
  /** A clone with 25 guard digits, for the few steps that need them. */
  readonly G: DecimalCtor;

  constructor(readonly precision: number) {
    this.D = decimalContext(precision);
    this.G = decimalContext(precision + 25);
  }

  // ---------------------------------------------------------------- constants and predicates

  n(x: number | string): Decimal {
    return new this.D(x);
  }
  get zero(): Decimal {
    return new this.D(0);
  }
  get one(): Decimal {
    return new this.D(1);
  }
  isNaN(x: Num): boolean {
    return !isTiny(x) && x.isNaN();
  }
  isZero(x: Num): boolean {
    return !isTiny(x) && x.isZero();
  }
  isFinite(x: Num): boolean {
    return isTiny(x) || x.isFinite();
  }
  /** −1, 0 or +1 (NaN for NaN). */
  sign(x: Num): number {
    if (isTiny(x)) return x.sign;
    return x.isNaN() ? Number.NaN : x.isZero() ? 0 : x.isNeg() ? -1 : 1;
  }
  /** Compares two values (NaN compares as NaN). */
  cmp(a: Num, b: Num): number {
    if (!isTiny(a) && !isTiny(b)) return a.cmp(b);
    const d = this.sub(a, b);
    return this.sign(d);
  }

  /** A Decimal from a Tiny's logarithm, when it is back in range; otherwise the Tiny. */
  private fromLn(sign: 1 | -1, ln: Decimal): Num {
    if (ln.isNaN()) return new this.D(Number.NaN);
    if (ln.lt(TINY_LN)) return new Tiny(sign, ln);
    const v = this.D.exp(ln);
    return sign < 0 ? v.neg() : v;
  }

  /** The natural log of |x| (Tiny or Decimal), kept to the absolute precision a Tiny needs. */
  private lnAbs(x: Num): Decimal {
    if (isTiny(x)) return x.ln;
    return this.lnDigits(x.abs()).ln(x.abs());
  }

  /**
   * A context for arithmetic on logarithms as large as `x`: a Tiny's log must keep its absolute
   * accuracy (its digits after the point are the value's significant digits), so the working
   * precision grows by the number of digits before the point.
   */
  private lnDigits(x: Decimal): DecimalCtor {
    const intDigits = x.isFinite() && !x.isZero() ? Math.max(0, x.abs().e + 1) : 0;
    return decimalContext(this.precision + intDigits + 5);
  }

  // ---------------------------------------------------------------- arithmetic on Num

  neg(x: Num): Num {
    return isTiny(x) ? new Tiny(x.sign === 1 ? -1 : 1, x.ln) : x.neg();
  }
  abs(x: Num): Num {
    return isTiny(x) ? new Tiny(1, x.ln) : x.abs();
  }

  add(a: Num, b: Num): Num {
    if (!isTiny(a) && !isTiny(b)) return a.plus(b);
    if (isTiny(a) && isTiny(b)) {
      // Both far below decimal.js's range: combine through their logarithms.
      const [big, small] = a.ln.gte(b.ln) ? [a, b] : [b, a];
      const C = this.lnDigits(big.ln);
      const ratio = this.exp(new C(small.ln).minus(big.ln)); // ≤ 1
      const f = big.sign === small.sign ? this.log1p(ratio) : this.log1p(this.neg(ratio));
      if (this.isNaN(f)) return new this.D(Number.NaN);
      if (!this.isFinite(f)) return new this.D(0); // exact cancellation
      if (isTiny(f)) return big; // the smaller one is below 10^−1e15 of the bigger: no digit moves
      return this.fromLn(big.sign, new C(big.ln).plus(this.lnAbs(f).isFinite() ? (f as Decimal) : 0));
    }
    // One Tiny, one Decimal: the Tiny is below 10^−1e15 and cannot move the Decimal's digits.
    const [t, d] = isTiny(a) ? [a, b as Decimal] : [b as Tiny, a as Decimal];
    return d.isZero() ? t : d;
  }
  sub(a: Num, b: Num): Num {
    return this.add(a, this.neg(b));
  }

  mul(a: Num, b: Num): Num {
    if (!isTiny(a) && !isTiny(b)) return a.times(b);
    const other = isTiny(a) ? b : a;
    if (!isTiny(other) && (other.isNaN() || other.isZero())) return other.isNaN() ? other : new this.D(0);
    if (!isTiny(other) && !other.isFinite()) return other.times(this.sign(isTiny(a) ? a : b));
    const sign = (this.sign(a) * this.sign(b)) as 1 | -1;
    const C = this.lnDigits(isTiny(a) ? a.ln : (b as Tiny).ln);
    return this.fromLn(sign, new C(this.lnAbs(a)).plus(this.lnAbs(b)));
  }

  div(a: Num, b: Num): Num {
    if (!isTiny(a) && !isTiny(b)) return a.div(b);
    if (!isTiny(a) && (a.isNaN() || a.isZero() || !a.isFinite())) {
      return a.isZero() ? a : a.times(this.sign(b));
    }
    if (!isTiny(b) && (b.isNaN() || !b.isFinite())) return b.isNaN() ? b : new this.D(0);
    if (!isTiny(b) && b.isZero()) return new this.D(this.sign(a) / 0);
    const sign = (this.sign(a) * this.sign(b)) as 1 | -1;
    const C = this.lnDigits(isTiny(a) ? a.ln : (b as Tiny).ln);
    return this.fromLn(sign, new C(this.lnAbs(a)).minus(this.lnAbs(b)));
  }

  sqr(a: Num): Num {
    return this.mul(a, a);
  }

  /** Multiplication with the 0·x = 0 convention of the catalogue (0·log 0, 0·∞ terms vanish). */
  mulZ(a: Num, b: Num): Num {
    return this.isZero(a) || this.isZero(b) ? new this.D(0) : this.mul(a, b);
  }

  max(a: Decimal, b: Decimal): Decimal {
    if (a.isNaN() || b.isNaN()) return new this.D(Number.NaN);
    return a.gte(b) ? a : b;
  }

  // ---------------------------------------------------------------- elementary functions

  /** e^x for a Decimal x; a Tiny when the result is below decimal.js's range. */
  exp(x: Num): Num {
    if (isTiny(x)) return new this.D(1); // e^(±10^−1e15) = 1 to any working precision
    if (x.isNaN()) return x;
    if (x.lt(TINY_LN)) return x.isFinite() ? new Tiny(1, x) : new this.D(0);
    return this.D.exp(x);
  }

  /** ln x; a Tiny argument has its logarithm at hand. */
  ln(x: Num): Decimal {
    if (isTiny(x)) return x.sign > 0 ? x.ln : new this.D(Number.NaN);
    return this.D.ln(x);
  }

  /** ln(1 + x), accurate for every x > −1 including the tiny ones (decimal.js has no log1p). */
  log1p(x: Num): Num {
    if (isTiny(x)) return x; // log1p(t) = t(1 − t/2 + …): the correction is below 10^−1e15
    if (x.isNaN() || x.isZero()) return x;
    if (x.lt(-1)) return new this.D(Number.NaN);
    if (x.eq(-1)) return new this.D(Number.NEGATIVE_INFINITY);
    if (x.abs().lt(SERIES_BELOW)) return this.series(x, 'log1p');
    // 1 + x is exact at precision + 25 when |x| ≥ 1e−20 loses at most 20 digits to the sum.
    const G = this.G;
    return new this.D(G.ln(new G(1).plus(x)));
  }

  /** e^x − 1, accurate for tiny x (decimal.js has no expm1). */
  expm1(x: Num): Num {
    if (isTiny(x)) return x;
    if (x.isNaN() || x.isZero()) return x;
    if (x.abs().lt(SERIES_BELOW)) return this.series(x, 'expm1');
    if (x.lt(TINY_LN)) return new this.D(-1);
    const G = this.G;
    return new this.D(G.exp(x).minus(1));
  }

  /**
   * Power series of log1p (x − x²/2 + x³/3 − …) or expm1 (x + x²/2! + …) for |x| < 1e−20: each term
   * is 1e−20 times the last, so precision/20 + 2 terms reach the working precision.
   */
  private series(x: Decimal, kind: 'log1p' | 'expm1'): Decimal {
    const G = this.G;
    const X = new G(x);
    let sum = X;
    let power = X;
    let factorial = new G(1);
    const eps = X.abs().times(new G(10).pow(-(this.precision + 10)));
    for (let k = 2; k < 1000; k++) {
      power = power.times(X);
      let term: Decimal;
      if (kind === 'log1p') term = power.div(k).times(k % 2 === 0 ? -1 : 1);
      else {
        factorial = factorial.times(k);
        term = power.div(factorial);
      }
      sum = sum.plus(term);
      if (term.abs().lt(eps)) break;
    }
    return new this.D(sum);
  }

  // ---------------------------------------------------------------- shared building blocks

  /** σ(z) = 1/(1 + e^−z), evaluated as e^z/(1 + e^z) for z < 0 so that it never overflows. */
  sigmoid(z: Decimal): Num {
    if (z.isNaN()) return z;
    if (z.isNeg()) {
      const e = this.exp(z);
      return this.div(e, this.add(this.one, e));
    }
    return this.div(this.one, this.add(this.one, this.exp(z.neg())));
  }

  /** softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^−|z|). */
  softplus(z: Decimal): Num {
    if (z.isNaN()) return z;
    if (z.eq(Number.POSITIVE_INFINITY)) return z;
    const tail = this.log1p(this.exp(z.abs().neg()));
    return z.isNeg() ? tail : this.add(z, tail);
  }

  /**
   * log Σ e^{z_k}, as m + log1p(Σ_{k≠arg max} e^{z_k − m}): the arg-max term is kept out of the
   * sum, so the result has no cancellation however small the others are.
   */
  logSumExp(z: readonly Decimal[]): Num {
    if (z.length === 0) return new this.D(Number.NEGATIVE_INFINITY);
    if (z.some((v) => v.isNaN())) return new this.D(Number.NaN);
    let i = 0;
    for (let k = 1; k < z.length; k++) if ((z[k] as Decimal).gt(z[i] as Decimal)) i = k;
    const m = z[i] as Decimal;
    if (!m.isFinite()) return m; // +∞ dominates; all −∞ gives −∞
    let rest: Num = this.zero;
    for (let k = 0; k < z.length; k++) {
      // z_k − m is exact in the Exact context: exp needs its argument to absolute accuracy.
      if (k !== i) rest = this.add(rest, this.exp(new Exact(z[k] as Decimal).minus(m)));
    }
    const tail = this.log1p(rest);
    if (isTiny(tail)) return m.isZero() ? tail : m;
    return m.plus(tail);
  }
}
