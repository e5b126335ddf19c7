/**
 * Three independent derivations of every gradient id (and of the convexity claims' second
 * derivatives), evaluated at the same exact double inputs:
 *
 * 1. analytic — the gradient id's catalogue reference (adaptive precision, src/reference/entry.ts);
 *    for second derivatives, the Decimal formulas of ./second.ts;
 * 2. finite difference — Richardson-extrapolated central differences (./fd.ts) of the *loss* id's
 *    reference (of the gradient id's reference, for second derivatives);
 * 3. symbolic — mathjs's `derivative` of the loss expression of ./table.ts, in BigNumber (./symbolic.ts).
 *
 * Precision of the finite difference: the gradient g is resolved against the loss's scale
 * S = max(1, |L|, |arguments|) (the size of what the loss's reference forms), so the working precision
 * is 45 + H + log10(S/|g|) digits, and the step 10^−H has 6H ≥ digits + 15 + log10(max(1,|L|)/|g|).
 * The magnitudes come from the analytic oracle at 20 digits; they only choose the precision, and the
 * returned error bound says whether the choice sufficed.
 */
import { getEntry } from '../catalogue/index.ts';
import { callFormula, type FloatArg, type RefArg } from '../catalogue/types.ts';
import { type Decimal, exactDecimal } from '../reference/decimal.ts';
import { referenceValue } from '../reference/entry.ts';
import { RefMath } from '../reference/math.ts';
import { isTiny, type Num } from '../reference/tiny.ts';
import { type Derivative, richardsonVec } from './fd.ts';
import { secondDerivative } from './second.ts';
import { derivativeString, evaluateStable } from './symbolic.ts';
import { type OracleRow, oracleRow, SECOND_ROWS, type SecondRow } from './table.ts';

function dec(x: Num): Decimal {
  if (isTiny(x)) throw new RangeError('oracles: a value below decimal.js range');
  return x;
}

/** The three oracles' values, one entry per checked component. */
export interface OracleValues {
  /** Component indices (of the gradient vector, or of the flattened Hessian) compared. */
  components: number[];
  analytic: Decimal[];
  fd: Derivative[];
  symbolic: Decimal[];
}

/** Variable bindings of the mathjs expression for catalogue arguments (vectors per component). */
export function scopeOf(entryId: string, args: readonly FloatArg[]): Record<string, number> {
  const scope: Record<string, number> = {};
  getEntry(entryId).args.forEach((spec, i) => {
    const a = args[i] as FloatArg;
    if (Array.isArray(a))
      a.forEach((v, k) => {
        scope[`${spec.name}${k}`] = v;
      });
    else scope[spec.name] = a as number;
  });
  return scope;
}

function maxAbs(args: readonly FloatArg[]): number {
  let s = 1;
  for (const a of args) for (const v of Array.isArray(a) ? a : [a as number]) s = Math.max(s, Math.abs(v));
  return s;
}

function log10(x: Decimal): number {
  // From the decimal exponent and a 15-digit mantissa: Decimal.log would evaluate at the value's
  // context precision (2400 digits for exact doubles, beyond decimal.js's ln limit).
  if (x.isZero()) return -400;
  const [mant, exp] = x.abs().toExponential(15).split('e');
  return Math.log10(Number(mant)) + Number(exp);
}

/**
 * Moves argument `wrt` (component `k`, or the scalar) of `args` by t·s in m's precision; every other
 * argument is its exact double.
 */
function moved(entryId: string, m: RefMath, args: readonly FloatArg[], wrt: string, k: number, s: Decimal) {
  const specs = getEntry(entryId).args;
  return (t: Decimal): RefArg[] =>
    specs.map((spec, i) => {
      const a = args[i] as FloatArg;
      if (Array.isArray(a)) {
        return a.map((v, j) => {
          const x = new m.D(exactDecimal(v));
          return spec.name === wrt && j === k ? x.plus(t.times(s)) : x;
        });
      }
      const x = new m.D(exactDecimal(a as number));
      return spec.name === wrt ? x.plus(t.times(s)) : x;
    }) as RefArg[];
}

/**
 * The step scale s along the differentiated variable: the finite difference needs the segment
 * [x − 4·10^−H·s, x + 4·10^−H·s] inside the domain and away from kinks (p ∈ (0,1): s = min(p, 1 − p)/2;
 * the hinge: s = |1 − t·z|/2), and a step relative to |x| for unbounded non-saturating variables.
 */
function stepScale(row: { loss: string; wrt: string }, scope: Record<string, number>, x: number): Decimal {
  const X = exactDecimal(x);
  if (row.loss === 'bce') return (X.lt(0.5) ? X : exactDecimal(1).minus(X)).div(2);
  if (row.loss === 'hinge') {
    const t = exactDecimal(scope.t as number);
    return exactDecimal(1).minus(t.times(X)).abs().div(2);
  }
  if (row.wrt === 'u' || row.wrt === 'mu') return X.abs().gt(1) ? X.abs() : exactDecimal(1);
  return exactDecimal(1);
}

/** Components compared for a vector id of length K: all when K ≤ 8, else 0, 1, the arg max and K − 1. */
function componentsFor(K: number, z: readonly number[]): number[] {
  if (K <= 8) return Array.from({ length: K }, (_, k) => k);
  let i = 0;
  for (let k = 1; k < K; k++) if ((z[k] as number) > (z[i] as number)) i = k;
  return [...new Set([0, 1, i, K - 1])];
}

function saturationDigits(row: OracleRow, scope: Record<string, number>): number {
  let s = 0;
  for (const [name, v] of Object.entries(scope))
    if (row.saturating.some((p) => name === p || name.startsWith(p))) s = Math.max(s, Math.abs(v));
  return Math.ceil(2 * s * Math.LOG10E);
}

/** The three oracles of gradient id `grad` at `args` (float arguments of the gradient id). */
export function gradientOracles(grad: string, args: readonly FloatArg[], digits = 30): OracleValues {
  const row = oracleRow(grad);
  const entry = getEntry(grad);
  const g = referenceValue(entry, args, { digits: digits + 10 }).value;
  const analyticAll = (Array.isArray(g) ? g : [g]).map((x) => dec(x as Num));
  const wi = entry.args.findIndex((a) => a.name === row.wrt);
  const w = args[wi] as FloatArg;
  const components = Array.isArray(w) ? componentsFor(w.length, w) : [0];
  const analytic = components.map((k) => analyticAll[k] as Decimal);
  const scope = scopeOf(grad, args);

  // Loss magnitude at low precision, to size the finite difference (see the module comment).
  const L = dec(
    callFormula(
      getEntry(row.loss).reference,
      new RefMath(30),
      moved(row.loss, new RefMath(30), args, row.wrt, 0, exactDecimal(0))(exactDecimal(0)),
    ) as Num,
  );
  const S = maxAbs(args);
  const fd: Derivative[] = [];
  const symbolic: Decimal[] = [];
  const expr = row.expression(Array.isArray(w) ? w.length : 1);
  for (const [c, k] of components.entries()) {
    const gk = analytic[c] as Decimal;
    const lg = log10(gk);
    const scaleDigits = Math.max(0, Math.ceil(Math.max(0, log10(L), Math.log10(S)) - lg));
    const truncDigits = Math.max(0, Math.ceil(Math.max(0, log10(L)) - lg));
    const H = Math.ceil((digits + 15 + truncDigits) / 6) + 1;
    const x = Array.isArray(w) ? (w[k] as number) : (w as number);
    const s0 = stepScale(row, scope, x);
    // A step scale s < 1 (p next to 1, z next to the hinge's kink) means x + t·s, rounded at P digits,
    // loses log10(1/s) digits in 1 − p or 1 − t·z: they are added to the precision.
    const stepDigits = Math.max(0, Math.ceil(-log10(s0)));
    const m = new RefMath(45 + digits - 30 + H + scaleDigits + stepDigits);
    const s = new m.D(s0);
    const at = moved(row.loss, m, args, row.wrt, k, s);
    const d = richardsonVec(
      m,
      (t) => [dec(callFormula(getEntry(row.loss).reference, m, at(t)) as Num)],
      H,
      S,
    )[0] as Derivative;
    fd.push({ value: d.value.div(s), error: d.error.div(s) });
    const name = Array.isArray(w) ? `${row.wrt}${k}` : row.wrt;
    const dexpr = derivativeString(expr, [name]);
    symbolic.push(evaluateStable(dexpr, scope, { digits: digits + 5, start: 50 + saturationDigits(row, scope) }).value);
  }
  return { components, analytic, fd, symbolic };
}

/** The three oracles of a second derivative of `SECOND_ROWS` at `args` (the gradient id's arguments). */
export function secondOracles(name: string, args: readonly FloatArg[], digits = 30): OracleValues {
  const row: SecondRow | undefined = SECOND_ROWS.find((r) => r.name === name);
  if (row === undefined) throw new RangeError(`oracles: no second-derivative row ${name}`);
  const entry = getEntry(row.of);
  const loss = oracleRow(row.loss);
  const wi = entry.args.findIndex((a) => a.name === row.wrt);
  const w = args[wi] as FloatArg;
  const K = Array.isArray(w) ? w.length : 1;
  const scope = scopeOf(row.of, args);
  const S = maxAbs(args);
  const sat = saturationDigits(loss, scope);
  const analyticAll = secondDerivative(name, new RefMath(60 + sat + digits), args);
  const components: number[] = [];
  const analytic: Decimal[] = [];
  const fd: Derivative[] = [];
  const symbolic: Decimal[] = [];
  const expr = loss.expression(K);
  for (let j = 0; j < K; j++) {
    // Column j of the Hessian: the gradient's reference differentiated along coordinate j.
    let gmax = exactDecimal(0);
    for (let i = 0; i < K; i++) {
      const a = (analyticAll[i * K + j] as Decimal).abs();
      if (a.gt(gmax)) gmax = a;
    }
    const lg = log10(gmax);
    const scaleDigits = Math.max(0, Math.ceil(Math.log10(S) - lg));
    const H = Math.ceil((digits + 15 + Math.max(0, -lg)) / 6) + 1;
    const m = new RefMath(45 + digits - 30 + H + scaleDigits + sat);
    const at = moved(row.of, m, args, row.wrt, j, m.one);
    const col = richardsonVec(
      m,
      (t) => {
        const v = callFormula(entry.reference, m, at(t));
        return (Array.isArray(v) ? v : [v]).map(dec);
      },
      H,
      S,
    );
    for (let i = 0; i < K; i++) {
      components.push(i * K + j);
      analytic.push(analyticAll[i * K + j] as Decimal);
      fd.push(col[i] as Derivative);
      const vi = K === 1 ? row.wrt : `${row.wrt}${i}`;
      const vj = K === 1 ? row.wrt : `${row.wrt}${j}`;
      symbolic.push(
        evaluateStable(derivativeString(expr, [vi, vj]), scope, { digits: digits + 5, start: 50 + sat }).value,
      );
    }
  }
  return { components, analytic, fd, symbolic };
}
