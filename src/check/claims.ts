/**
 * The claims `check` verifies for a user's export, beyond the audit against the reference: the one
 * table of catalogue id → claim checks (docs/check.md: "and against the claims that concern it").
 *
 * Each check is a fast-check property over the audit's own regime generators (so failures shrink), stated
 * in the form that applies to a float implementation: identities are judged side by side against the
 * reference, never by evaluating the other side in floating point (docs/claims.md#how-claims-are-checked),
 * and bounds that rounding can touch carry the ULP budget as slack. A check that restates an audit result
 * (SIG-1: the gradient *is* σ(z) − y, which is exactly what the audit measures) reads the audit. `claim`
 * names the claims-registry id (src/claims/) when the check is one of its statements.
 */
import fc from 'fast-check';
import { AuditAbort, judgeSample, type Subject } from '../audit/measure.ts';
import { regimesFor } from '../audit/regimes.ts';
import type { FunctionResult } from '../audit/run.ts';
import type { CatalogueEntry, FloatArg, FloatResult } from '../catalogue/types.ts';
import { type Dtype, type FloatFormat, formatOf } from '../numeric/float.ts';
import { ulpAt, ulpError } from '../numeric/ulp.ts';
import { Exact, exactDecimal } from '../reference/decimal.ts';
import { referenceValue } from '../reference/entry.ts';
import { isTiny, type Num } from '../reference/tiny.ts';
import { toJson } from '../report/json.ts';

export interface ClaimContext {
  entry: CatalogueEntry;
  subject: Subject;
  dtype: Dtype;
  /** The ULP budget of the check run. */
  budget: number;
  /** Property runs. */
  runs: number;
  seed: number;
  /** Largest vector length generated. */
  maxK: number;
  /** The audit of the same subject (for checks that restate it). */
  audit: FunctionResult;
}

export interface ClaimOutcome {
  status: 'pass' | 'fail';
  /** Inputs tried (0 for checks read from the audit). */
  runs: number;
  /** The (shrunk) input that breaks the claim and what went wrong there. */
  counterexample?: { args: FloatArg[]; detail: string };
}

export interface ClaimCheck {
  /** A short name for reports, unique per id. */
  readonly name: string;
  /** The claims-registry id this check verifies, when it is one of the registry's statements. */
  readonly claim?: string;
  /** What is checked, in the form that applies to a float implementation. */
  readonly statement: string;
  readonly run: (ctx: ClaimContext) => ClaimOutcome;
}

/** Calls the subject; a throw becomes a failure message (a hang propagates as AuditAbort). */
function call(subject: Subject, args: FloatArg[]): FloatResult | string {
  try {
    return subject(...args);
  } catch (e) {
    if (e instanceof AuditAbort) throw e;
    return `threw: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const roundArgs = (args: readonly FloatArg[], fmt: FloatFormat): FloatArg[] =>
  args.map((a) => (Array.isArray(a) ? a.map(fmt.round) : fmt.round(a as number)));

/** The audit's regimes for the entry, mixed, rounded to the format (vectors up to K = maxK). */
function regimeArgs(ctx: ClaimContext): fc.Arbitrary<FloatArg[]> {
  const fmt = formatOf(ctx.dtype);
  const arbs = regimesFor(ctx.entry, { maxK: ctx.maxK }).map((r) => r.arb);
  return fc.oneof(...arbs).map((a) => roundArgs(a, fmt));
}

/**
 * Runs `problem` (a message when the claim fails at the input, undefined when it holds) as a
 * fast-check property with the run's seed; the counterexample is fast-check's shrunk input.
 */
function property<T>(
  ctx: ClaimContext,
  arb: fc.Arbitrary<T>,
  problem: (x: T) => string | undefined,
  toArgs: (x: T) => FloatArg[],
): ClaimOutcome {
  const details = fc.check(
    fc.property(arb, (x) => problem(x) === undefined),
    { seed: ctx.seed, numRuns: ctx.runs, examples: [] },
  );
  if (!details.failed || details.counterexample === null) return { status: 'pass', runs: details.numRuns };
  const x = details.counterexample[0];
  // The property itself may have failed by a throw (a hang: AuditAbort); re-running surfaces it.
  const detail = problem(x) ?? `fast-check: ${String(details.errorInstance ?? 'failed')}`;
  return { status: 'fail', runs: details.numRuns, counterexample: { args: toArgs(x), detail } };
}

const show = (x: unknown) => toJson(x);
const tinyOrZero = (v: Num) => isTiny(v) || v.isZero();

/** ulp(|exact|) in the format as a number (the subnormal ulp where the exact value is 0 or Tiny). */
function ulpNum(exact: Num, fmt: FloatFormat): number {
  if (tinyOrZero(exact)) return 2 ** (fmt.emin - fmt.precision + 1);
  return ulpAt(exact as never, fmt).toNumber();
}

// --- the checks ---------------------------------------------------------------------------------

const gradFromAudit: ClaimCheck = {
  name: 'gradient',
  claim: 'SIG-1',
  statement: 'the export equals σ(z) − y: no input judged unstable or wrong against the reference of bceWithLogitsGrad',
  run: ({ audit }) =>
    audit.pass
      ? { status: 'pass', runs: 0 }
      : {
          status: 'fail',
          runs: 0,
          counterexample: {
            args: audit.worst.args,
            detail: `${audit.verdict}: ${show(audit.worst.got)} for exact ${show(audit.worst.exact)} (${audit.worst.ulps} ULPs)`,
          },
        },
};

const gradBound: ClaimCheck = {
  name: 'bound',
  statement: '|g| ≤ 1 at every input (σ(z) − y ∈ (−1, 1) and 1 is representable, so rounding cannot cross it)',
  run: (ctx) =>
    property(
      ctx,
      regimeArgs(ctx),
      (args) => {
        const g = call(ctx.subject, args);
        if (typeof g === 'string') return g;
        if (typeof g !== 'number' || Number.isNaN(g)) return `returned ${show(g)} (the exact value is finite)`;
        return Math.abs(g) <= 1 ? undefined : `|g| = ${show(Math.abs(g))} > 1`;
      },
      (a) => a,
    ),
};

const gradSign: ClaimCheck = {
  name: 'sign',
  claim: 'SIG-7',
  statement:
    'hard labels: g ≤ 0 for y = 1 and g ≥ 0 for y = 0, and |g| ≥ ½ (less the budget in ULPs of ½) when the example is misclassified (y = 1, z ≤ 0 or y = 0, z ≥ 0)',
  run: (ctx) => {
    const fmt = formatOf(ctx.dtype);
    // ½ is representable and |σ(z) − y| ≥ ½ exactly when misclassified; a result within the budget
    // lies at most budget·ulp(½⁻) = budget·2^−(p+1) below it.
    const half = 0.5 - ctx.budget * 2 ** -(fmt.precision + 1);
    const arb = fc
      .tuple(fc.oneof(...regimesFor(ctx.entry, { maxK: ctx.maxK }).map((r) => r.arb)), fc.constantFrom(0, 1))
      .map(([a, y]) => roundArgs([a[0] as number, y], fmt));
    return property(
      ctx,
      arb,
      (args) => {
        const [z, y] = args as [number, number];
        const g = call(ctx.subject, args);
        if (typeof g === 'string') return g;
        if (typeof g !== 'number' || Number.isNaN(g)) return `returned ${show(g)}`;
        if (y === 1 && g > 0) return `g = ${show(g)} > 0 for y = 1 (σ(z) − 1 < 0)`;
        if (y === 0 && g < 0) return `g = ${show(g)} < 0 for y = 0 (σ(z) > 0)`;
        const wrong = (y === 1 && z <= 0) || (y === 0 && z >= 0);
        if (wrong && Math.abs(g) < half) return `misclassified, but |g| = ${show(Math.abs(g))} < ½`;
        return undefined;
      },
      (a) => a,
    );
  },
};

const sigmoidSymmetry: ClaimCheck = {
  name: 'symmetry',
  claim: 'EQ-1',
  statement:
    'σ(−z) = 1 − σ(z): the export at z and at −z are each judged against the reference (not unstable or wrong), and their exact sum is 1 within budget·(ulp(σ(z)) + ulp(σ(−z)))',
  run: (ctx) => {
    const fmt = formatOf(ctx.dtype);
    return property(
      ctx,
      regimeArgs(ctx).filter((a) => Number.isFinite(a[0] as number)),
      (args) => {
        const z = args[0] as number;
        let sum = new Exact(0);
        let tol = 0;
        for (const x of [z, -z]) {
          const exact = referenceValue(ctx.entry, [x]).value as Num;
          const got = call(ctx.subject, [x]);
          if (typeof got === 'string') return `at ${show(x)}: ${got}`;
          if (typeof got !== 'number') return `at ${show(x)}: returned ${show(got)}`;
          const ulps = ulpError(got, exact, fmt);
          const j = judgeSample(ctx.entry, { args: [x], got, ulps, component: 0, exact }, ctx.budget);
          if (j.verdict === 'unstable' || j.verdict === 'wrong') {
            return `σ(${show(x)}) = ${show(got)} is ${j.verdict} (${ulps} ULPs; exact ${j.exact})`;
          }
          if (!Number.isFinite(got)) return `σ(${show(x)}) = ${show(got)}`;
          sum = sum.plus(exactDecimal(got));
          tol += ctx.budget * ulpNum(exact, fmt);
        }
        const off = sum.minus(1).abs();
        return off.lte(exactDecimal(tol))
          ? undefined
          : `σ(z) + σ(−z) − 1 = ${sum.minus(1).toSignificantDigits(6).toString()} exceeds ${show(tol)}`;
      },
      (a) => a,
    );
  },
};

/** softmax claims draw logit vectors from the typical and saturated regimes (finite, |z| ≲ 800). */
function logitArgs(ctx: ClaimContext): fc.Arbitrary<number[]> {
  const fmt = formatOf(ctx.dtype);
  const [typical, saturated] = regimesFor(ctx.entry, { maxK: ctx.maxK });
  return fc.oneof(typical!.arb, saturated!.arb).map((a) => (a[0] as number[]).map(fmt.round));
}

const softmaxShift: ClaimCheck = {
  name: 'shift',
  claim: 'EQ-3',
  statement:
    'softmax(z + c) = softmax(z) for an integer c with every z_k + c exact: the two results differ by at most 2·budget ULPs of the exact value, component by component',
  run: (ctx) => {
    const fmt = formatOf(ctx.dtype);
    // z' = fl(fl(z + c) − c) makes z' + c exact (checked exactly below; the rare miss is filtered).
    const arb = fc
      .tuple(
        logitArgs(ctx),
        fc.integer({ min: -8, max: 8 }).filter((c) => c !== 0),
      )
      .map(([z, c]) => ({ z: z.map((x) => fmt.round(fmt.round(x + c) - c)), c }))
      .filter(({ z, c }) =>
        z.every((x) =>
          exactDecimal(x)
            .plus(c)
            .eq(exactDecimal(fmt.round(x + c))),
        ),
      );
    return property(
      ctx,
      arb,
      ({ z, c }) => {
        const a = call(ctx.subject, [z]);
        const b = call(ctx.subject, [z.map((x) => x + c)]);
        if (typeof a === 'string' || typeof b === 'string') return typeof a === 'string' ? a : `at z + c: ${b}`;
        if (!Array.isArray(a) || !Array.isArray(b)) return `returned ${show(a)} and ${show(b)}`;
        const exact = referenceValue(ctx.entry, [z]).value as Num[];
        for (let k = 0; k < exact.length; k++) {
          const x = a[k] as number;
          const y = b[k] as number;
          if (Object.is(x, y)) continue;
          if (!Number.isFinite(x) || !Number.isFinite(y))
            return `component ${k}: ${show(x)} vs ${show(y)} after the shift`;
          const d = exactDecimal(x).minus(exactDecimal(y)).abs();
          const ulps = d.div(exactDecimal(ulpNum(exact[k] as Num, fmt))).toNumber();
          if (ulps > 2 * ctx.budget)
            return `component ${k}: ${show(x)} vs ${show(y)} after the shift by ${c}: ${ulps} ULPs apart`;
        }
        return undefined;
      },
      ({ z }) => [z],
    );
  },
};

const softmaxSum: ClaimCheck = {
  name: 'sum',
  statement:
    'the components sum to 1 within K·ulp(1): exactly summed, |Σ_k p_k − 1| ≤ K·2^(1−p) (the rounding of the normaliser, K − 1 units, plus one per component)',
  run: (ctx) => {
    const fmt = formatOf(ctx.dtype);
    return property(
      ctx,
      logitArgs(ctx),
      (z) => {
        const p = call(ctx.subject, [z]);
        if (typeof p === 'string') return p;
        if (!Array.isArray(p)) return `returned ${show(p)}`;
        if (!p.every(Number.isFinite)) return `a component is not finite: ${show(p)}`;
        const s = p.reduce((acc, x) => acc.plus(exactDecimal(x)), new Exact(0));
        const tol = z.length * 2 ** (1 - fmt.precision);
        return s.minus(1).abs().lte(exactDecimal(tol))
          ? undefined
          : `Σ p_k − 1 = ${s.minus(1).toSignificantDigits(6).toString()}, beyond K·ulp(1) = ${show(tol)}`;
      },
      (z) => [z],
    );
  },
};

const lseBounds: ClaimCheck = {
  name: 'bounds',
  claim: 'EQ-5',
  statement:
    'max z ≤ LSE(z) ≤ max z + log K; max z is representable, so the lower bound is exact; the upper one is allowed the budget in ULPs',
  run: (ctx) => {
    const fmt = formatOf(ctx.dtype);
    return property(
      ctx,
      logitArgs(ctx),
      (z) => {
        const l = call(ctx.subject, [z]);
        if (typeof l === 'string') return l;
        if (typeof l !== 'number' || Number.isNaN(l)) return `returned ${show(l)}`;
        const m = Math.max(...z);
        if (l < m) return `LSE = ${show(l)} < max z = ${show(m)}`;
        const hi = m + Math.log(z.length);
        const slack =
          ctx.budget * 2 ** (Math.floor(Math.log2(Math.max(Math.abs(hi), 2 ** fmt.emin))) + 1 - fmt.precision);
        return l <= hi + slack ? undefined : `LSE = ${show(l)} > max z + log K = ${show(hi)}`;
      },
      (z) => [z],
    );
  },
};

const softplusBounds: ClaimCheck = {
  name: 'bounds',
  claim: 'EQ-6',
  statement:
    'max(0, z) ≤ softplus(z) ≤ max(0, z) + ln 2: the lower bound is exact in floats (max(0, z) is representable), the upper one is allowed the budget in ULPs',
  run: (ctx) => {
    const fmt = formatOf(ctx.dtype);
    return property(
      ctx,
      regimeArgs(ctx),
      (args) => {
        const z = args[0] as number;
        const s = call(ctx.subject, args);
        if (typeof s === 'string') return s;
        if (typeof s !== 'number' || Number.isNaN(s)) return `returned ${show(s)}`;
        const lo = Math.max(0, z);
        if (s < lo) return `softplus = ${show(s)} < max(0, z) = ${show(lo)}`;
        const hi = lo + Math.LN2;
        const slack = ctx.budget * 2 ** (Math.floor(Math.log2(hi)) + 1 - fmt.precision);
        return s <= hi + slack ? undefined : `softplus = ${show(s)} > max(0, z) + ln 2 = ${show(hi)}`;
      },
      (a) => a,
    );
  },
};

const nonNegative = (what: string): ClaimCheck => ({
  name: 'nonnegative',
  statement: `${what} ≥ 0 at every input (a sum of non-negative terms; 0 is representable)`,
  run: (ctx) =>
    property(
      ctx,
      regimeArgs(ctx),
      (args) => {
        const v = call(ctx.subject, args);
        if (typeof v === 'string') return v;
        if (typeof v !== 'number' || Number.isNaN(v)) return `returned ${show(v)}`;
        return v >= 0 ? undefined : `returned ${show(v)} < 0`;
      },
      (a) => a,
    ),
});

/**
 * Catalogue id → the claim checks `check` runs on an export of that name. Ids not listed are
 * audited against the reference only.
 */
export const CLAIM_CHECKS: Readonly<Record<string, readonly ClaimCheck[]>> = {
  sigmoid: [sigmoidSymmetry],
  softplus: [softplusBounds],
  bceWithLogits: [nonNegative('bceWithLogits(z, y)')],
  bceWithLogitsGrad: [gradFromAudit, gradBound, gradSign],
  logSumExp: [lseBounds],
  softmax: [softmaxShift, softmaxSum],
};
