/**
 * gradcheck: checks a user's float64 implementation of a gradient against the exact gradient of a
 * loss given as a mathjs expression of named variables.
 *
 * The exact gradient is mathjs's symbolic `derivative` of the expression (./symbolic.ts), evaluated in
 * BigNumber on the exact values of the double inputs with a Ziv loop (stable to 20 significant digits, far
 * beyond a float64 ULP), starting at 50 digits plus twice the digits of e^|x| for the largest input so that
 * saturated exponentials keep their tails. The error is measured in float64 ULPs of the exact value
 * (docs/error-metric.md#ulp-error, `ulpError`). Inputs come from named ranges (`z: [-50, 50]`) or
 * lossproof's regime generators (`'real' | 'prob' | 'target' | 'label' | 'sign' | 'variance'`, src/audit/
 * arbitraries.ts); fast-check runs the property "error ≤ maxUlp" with a seed, so a failure is shrunk to a
 * simple input and replays from the seed.
 *
 * Unlike a finite-difference gradcheck, nothing here differentiates in float arithmetic: the check
 * sees an error of any size relative to the gradient itself (docs/gradcheck.md).
 */
import fc from 'fast-check';
import type { MathNode } from 'mathjs';
import { label, prob, range, real, sign, target, variance } from '../audit/arbitraries.ts';
import { ulpError } from '../numeric/ulp.ts';
import type { Decimal } from '../reference/decimal.ts';
import { GradcheckError, REGIME_NAMES, type RegimeNameArg, type VariableRange } from './gradcheck-options.ts';
import { derivativeString, evaluateStable, mathAt } from './symbolic.ts';

export {
  GradcheckError,
  type GradcheckErrorCode,
  REGIME_NAMES,
  type RegimeNameArg,
  type VariableRange,
} from './gradcheck-options.ts';

const REGIMES: Record<RegimeNameArg, fc.Arbitrary<number>> = { real, prob, target, label, sign, variance };

export interface GradcheckOptions {
  /** The loss, a mathjs expression (e.g. `log(1 + exp(z)) - y * z`). */
  expression: string;
  /** Its variables, in the order the gradient function takes them. */
  variables: readonly string[];
  /** The variable(s) differentiated: one name (the gradient returns a number) or a list (an array). */
  wrt: string | readonly string[];
  /** The implementation under test: float64 inputs in `variables` order. */
  gradient: (...args: number[]) => unknown;
  /** Inputs per variable (default `'real'` for every variable without an entry). */
  ranges?: Readonly<Record<string, VariableRange>>;
  /** Inputs generated (default 200). */
  samples?: number;
  /** fast-check seed (default 42). */
  seed?: number;
  /** ULP budget, float64 ULPs of the exact gradient (default 4). */
  maxUlp?: number;
}

/** One evaluated input. */
export interface GradcheckSample {
  args: Record<string, number>;
  got: number[];
  /** The exact gradient, each component to ≥ 20 significant digits. */
  exact: string[];
  /** Largest component error, float64 ULPs. */
  ulp: number;
}

export interface GradcheckReport {
  pass: boolean;
  maxUlp: number;
  budget: number;
  /** The input with the largest error seen (generated or tried while shrinking). */
  worst: GradcheckSample | undefined;
  /** When failing: the shrunk input fast-check settled on (error > budget). */
  counterexample: GradcheckSample | undefined;
  /** The derivatives used, by variable. */
  derivatives: Record<string, string>;
  samples: number;
  seed: number;
  /** How to reproduce the run. */
  replay: string;
}

const CONSTANTS = new Set(['pi', 'e', 'tau', 'phi', 'E', 'PI', 'LN2', 'LN10', 'Infinity']);

/** The expression parsed by mathjs, or a `parse` error naming it. */
function parseExpression(expression: string): { math: ReturnType<typeof mathAt>; node: MathNode } {
  const math = mathAt(64);
  try {
    return { math, node: math.parse(expression) };
  } catch (e) {
    throw new GradcheckError(
      'parse',
      `the expression does not parse: ${(e as Error).message} in ${JSON.stringify(expression)}`,
    );
  }
}

/** Free variables of an expression in order of first appearance (function names and constants excluded). */
export function variablesOf(expression: string): string[] {
  const out: string[] = [];
  parseExpression(expression).node.traverse((n, path, parent) => {
    if (!(n as { isSymbolNode?: boolean }).isSymbolNode) return;
    if ((parent as { isFunctionNode?: boolean } | null)?.isFunctionNode === true && path === 'fn') return;
    const name = (n as unknown as { name: string }).name;
    if (!CONSTANTS.has(name) && !out.includes(name)) out.push(name);
  });
  return out;
}

/** Parses and validates the expression; returns the derivative string per wrt variable. */
export function prepare(
  expression: string,
  variables: readonly string[],
  wrt: readonly string[],
): Record<string, string> {
  const { math, node } = parseExpression(expression);
  const unbound = new Set<string>();
  const unknownFns = new Set<string>();
  node.traverse((n, path, parent) => {
    if (!(n as { isSymbolNode?: boolean }).isSymbolNode) return;
    const name = (n as unknown as { name: string }).name;
    const isFn = (parent as { isFunctionNode?: boolean } | null)?.isFunctionNode === true && path === 'fn';
    if (isFn) {
      if (typeof (math as unknown as Record<string, unknown>)[name] !== 'function') unknownFns.add(name);
    } else if (!variables.includes(name) && !CONSTANTS.has(name)) unbound.add(name);
  });
  if (unknownFns.size > 0)
    throw new GradcheckError(
      'unknown-function',
      `unknown function(s) in the expression: ${[...unknownFns].join(', ')}`,
    );
  if (unbound.size > 0)
    throw new GradcheckError(
      'unbound',
      `variable(s) not bound: ${[...unbound].join(', ')} (declared variables: ${variables.join(', ') || 'none'})`,
    );
  const out: Record<string, string> = {};
  for (const w of wrt) {
    if (!variables.includes(w))
      throw new GradcheckError('wrt', `wrt variable ${w} is not one of the variables (${variables.join(', ')})`);
    try {
      out[w] = derivativeString(expression, [w]);
    } catch (e) {
      throw new GradcheckError(
        'derivative',
        `mathjs cannot differentiate the expression with respect to ${w}: ${(e as Error).message}`,
      );
    }
  }
  return out;
}

function arbitraryFor(name: string, r: VariableRange | undefined): fc.Arbitrary<number> {
  if (r === undefined) return real;
  if (typeof r === 'string') {
    const a = REGIMES[r as RegimeNameArg];
    if (a === undefined)
      throw new GradcheckError('range', `unknown regime ${r} for ${name} (one of ${REGIME_NAMES.join(', ')})`);
    return a;
  }
  const [lo, hi] = r as readonly [number, number];
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi))
    throw new GradcheckError('range', `range of ${name} must be finite with lo ≤ hi, got [${lo}, ${hi}]`);
  return lo === hi ? fc.constant(lo) : range(lo, hi);
}

/** Calls the user's gradient and checks its shape (a number, or an array of wrt.length numbers). */
function callGradient(opts: GradcheckOptions, wrt: readonly string[], args: number[]): number[] {
  let r: unknown;
  try {
    r = opts.gradient(...args);
  } catch (e) {
    throw new GradcheckError(
      'gradient-threw',
      `the gradient function threw at ${fmtArgs(opts.variables, args)}: ${(e as Error)?.message ?? String(e)}`,
    );
  }
  const single = typeof opts.wrt === 'string';
  if (single && typeof r === 'number') return [r];
  if (!single && Array.isArray(r) && r.length === wrt.length && r.every((x) => typeof x === 'number'))
    return r as number[];
  const want = single ? 'a number' : `an array of ${wrt.length} numbers (one per wrt variable: ${wrt.join(', ')})`;
  const got = Array.isArray(r) ? `an array of length ${r.length}` : r === null ? 'null' : typeof r;
  throw new GradcheckError(
    'gradient-shape',
    `the gradient function must return ${want}; it returned ${got} at ${fmtArgs(opts.variables, args)}`,
  );
}

function fmtArgs(vars: readonly string[], args: readonly number[]): string {
  return `{${vars.map((v, i) => `${v}: ${Object.is(args[i], -0) ? '-0' : String(args[i])}`).join(', ')}}`;
}

/**
 * Checks `opts.gradient` against the exact gradient of `opts.expression` (see the module comment).
 * Throws `GradcheckError` for a usage error (an expression that does not parse, an unbound variable, a
 * gradient function that throws or returns the wrong shape); returns the report otherwise.
 */
export function gradcheck(opts: GradcheckOptions): GradcheckReport {
  const wrt = typeof opts.wrt === 'string' ? [opts.wrt] : [...opts.wrt];
  const vars = opts.variables;
  if (vars.length === 0) throw new GradcheckError('unbound', 'no variables declared');
  for (const k of Object.keys(opts.ranges ?? {}))
    if (!vars.includes(k))
      throw new GradcheckError('range', `a range is given for ${k}, which is not a variable (${vars.join(', ')})`);
  const derivatives = prepare(opts.expression, vars, wrt);
  const budget = opts.maxUlp ?? 4;
  const samples = opts.samples ?? 200;
  const seed = opts.seed ?? 42;
  const arb = fc.tuple(...vars.map((v) => arbitraryFor(v, opts.ranges?.[v])));

  let worst: GradcheckSample | undefined;
  const measure = (args: number[]): GradcheckSample => {
    const got = callGradient(opts, wrt, args);
    const scope: Record<string, number> = {};
    vars.forEach((v, i) => {
      scope[v] = args[i] as number;
    });
    const big = Math.max(0, ...args.map((x) => (Number.isFinite(x) ? Math.abs(x) : 0)));
    // e^|x| tails cost ~2|x|·log10 e digits; beyond ~800 digits an exponential over- or underflows
    // decimal.js's range anyway.
    const start = 50 + Math.min(800, Math.ceil(2 * big * Math.LOG10E));
    let ulp = 0;
    const exact: Decimal[] = wrt.map((w, i) => {
      const e = evaluateStable(derivatives[w] as string, scope, { digits: 20, start }).value;
      ulp = Math.max(ulp, ulpError(got[i] as number, e));
      return e;
    });
    const s: GradcheckSample = { args: scope, got, exact: exact.map((e) => e.toSignificantDigits(20).toString()), ulp };
    if (worst === undefined || !(ulp <= worst.ulp)) worst = s;
    return s;
  };
  let last: GradcheckSample | undefined;
  let usage: GradcheckError | undefined;
  const result = fc.check(
    fc.property(arb, (args) => {
      try {
        last = measure(args);
      } catch (e) {
        // A usage error stops the run; anything else (the symbolic evaluation giving up above its
        // precision cap on an extreme input) becomes a clear error naming the input, never a raw throw.
        usage =
          e instanceof GradcheckError
            ? e
            : new GradcheckError(
                'exact',
                `the exact gradient could not be evaluated at ${JSON.stringify(args)}: ${e instanceof Error ? e.message : String(e)}; narrow the ranges (--range)`,
              );
        throw usage;
      }
      return last.ulp <= budget;
    }),
    { seed, numRuns: samples },
  );
  if (usage !== undefined) throw usage;
  let counterexample: GradcheckSample | undefined;
  if (result.failed && result.counterexample !== null) counterexample = measure([...result.counterexample[0]]);
  return {
    pass: !result.failed,
    maxUlp: worst?.ulp ?? 0,
    budget,
    worst,
    counterexample,
    derivatives,
    samples,
    seed,
    replay: `seed ${seed}, ${samples} samples${result.failed ? `, fast-check path ${result.counterexamplePath}` : ''}`,
  };
}
