/**
 * The symbolic oracle: mathjs's `derivative` of a loss written as an expression string, evaluated with
 * BigNumber arithmetic on the exact values of the double inputs. Nothing is simplified to prove an
 * identity: the derivative is an expression, and equality with the other oracles is shown numerically.
 *
 * Precision: a Ziv loop. The derivative is evaluated at P and P + 30 digits and accepted when the two
 * agree to `digits` + 5 significant digits, else P grows by half (up to 870 digits, below decimal.js's ln limit). P starts at 50 plus
 * twice the digits of e^|z| for the saturating variables, since the derivative mathjs derives forms
 * terms like 1 − (e^−z + 1)·y that cancel to e^−z.
 */
import { all, create, type FactoryFunctionMap, type MathJsInstance, type MathNode } from 'mathjs';
import { Decimal, exactDecimal } from '../reference/decimal.ts';

/**
 * The evaluating instance: one mathjs instance whose BigNumber precision is reconfigured per call
 * (creating an instance per precision costs ~100 ms and memory each).
 */
const evaluator = create(all as FactoryFunctionMap, { number: 'BigNumber', precision: 64 });

/** A mathjs instance computing in BigNumber at `precision` significant digits. */
let current = 64;
export function mathAt(precision: number): MathJsInstance {
  if (current !== precision) {
    evaluator.config({ precision });
    current = precision;
  }
  return evaluator;
}

/** The instance used for parsing and differentiating (precision does not affect symbolic work). */
const base = create(all as FactoryFunctionMap, { number: 'BigNumber', precision: 64 });

const derivatives = new Map<string, string>();

/**
 * d^order(expression)/d(wrt…) as an expression string (cached). `wrt` lists the variables of the
 * successive differentiations (one for a gradient, two for a Hessian entry).
 */
export function derivativeString(expression: string, wrt: readonly string[]): string {
  const key = `${expression}\u0000${wrt.join(',')}`;
  let d = derivatives.get(key);
  if (d === undefined) {
    let node: MathNode = base.parse(expression);
    // Unsimplified: mathjs's simplify is slow (minutes) on the K-term softmax expressions, and equality is shown numerically anyway.
    for (const v of wrt) node = base.derivative(node, v, { simplify: false });
    d = node.toString();
    derivatives.set(key, d);
  }
  return d;
}

const compiled = new Map<string, { evaluate: (scope: Record<string, unknown>) => unknown }>();

function compiledOf(expr: string) {
  let c = compiled.get(expr);
  if (c === undefined) {
    c = evaluator.compile(expr);
    compiled.set(expr, c);
  }
  return c;
}

/** Evaluates `expr` at `precision` digits with each variable bound to the exact value of its double. */
export function evaluateAt(precision: number, expr: string, scope: Readonly<Record<string, number>>): Decimal {
  const math = mathAt(precision);
  const s: Record<string, unknown> = {};
  // The exact double, digit for digit: a decimal.js constructor never rounds to the precision.
  for (const [k, v] of Object.entries(scope)) s[k] = math.bignumber(exactDecimal(v).toString());
  const r = compiledOf(expr).evaluate(s);
  return new Decimal(String(r));
}

/** Significant digits to which b agrees with a (∞ when equal, 0 when a is 0 and b is not). */
export function agreeDigits(a: Decimal, b: Decimal): number {
  const d = a.minus(b).abs();
  if (d.isZero()) return Number.POSITIVE_INFINITY;
  if (a.isZero()) return 0;
  return -Math.log10(d.div(a.abs()).toNumber() || Number.MIN_VALUE);
}

export interface SymbolicOptions {
  /** Significant digits wanted (default 40). */
  digits?: number;
  /** Starting precision (default 50). */
  start?: number;
  /** Give up above this precision (default and cap 870: decimal.js's ln limit, less the second evaluation's 30 digits and a margin). */
  maxDigits?: number;
}

/**
 * The value of derivative expression `expr` at the exact doubles of `scope`, stable to `digits`
 * significant digits (Ziv loop; see the module comment). Throws when `maxDigits` is not enough.
 */
export function evaluateStable(
  expr: string,
  scope: Readonly<Record<string, number>>,
  opts: SymbolicOptions = {},
): { value: Decimal; precision: number } {
  const digits = opts.digits ?? 40;
  // decimal.js's ln throws above ~1025 digits (its stored LN10): the loop stays below.
  const maxDigits = Math.min(opts.maxDigits ?? 870, 870);
  let P = Math.min(870, Math.max(opts.start ?? 50, digits + 10));
  for (;;) {
    const a = evaluateAt(P, expr, scope);
    const b = evaluateAt(P + 30, expr, scope);
    if (a.isNaN() && b.isNaN()) return { value: b, precision: P + 30 };
    // Two zeros are not evidence (1 − (e^z + 1)·y is 0 at every precision below |log10 z|): a zero is
    // accepted only once it persists to 400 digits.
    const zeros = a.isZero() && b.isZero();
    if (zeros ? P >= Math.min(400, maxDigits) : a.eq(b) || agreeDigits(b, a) >= digits + 5)
      return { value: b, precision: P + 30 };
    // An exact zero formed by cancelling O(1) terms (y·e^z/e^z − y) leaves rounding noise that never
    // stabilises: at the last precision, noise below 10^−(P−60) on both evaluations is taken as 0.
    const noise = new Decimal(10).pow(-(P - 60));
    if (P >= maxDigits && a.abs().lt(noise) && b.abs().lt(noise)) return { value: new Decimal(0), precision: P + 30 };
    if (P >= maxDigits) throw new RangeError(`symbolic: ${expr} not stable to ${digits} digits at ${P} digits`);
    P = Math.min(maxDigits, Math.ceil(P * 1.5));
  }
}
