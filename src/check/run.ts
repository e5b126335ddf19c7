/**
 * The core of `lossproof check` (docs/check.md), shared by the command and the vitest matcher: audit a
 * user's implementations of catalogue ids against the reference with the audit's own generators
 * (`auditFunction`), then run the claim checks that concern each id (claims.ts), and summarise per
 * function: pass/fail, the largest error and its (shrunk) input, the failed claims, how to replay.
 *
 * A function passes when no input is judged unstable or wrong (ill-conditioned inputs are reported
 * but do not fail it) and every claim check holds. A call that never returns, a throw, NaN, ∞ or a
 * result of the wrong shape is that function's failure, reported with the input; it never stops
 * the audit of the others.
 */
import { AuditAbort, type Judged, type Subject } from '../audit/measure.ts';
import { auditFunction, type FunctionResult, type SubjectSet } from '../audit/run.ts';
import type { Verdict } from '../audit/verdict.ts';
import type { CatalogueEntry, FloatArg, FloatResult } from '../catalogue/types.ts';
import type { Dtype } from '../numeric/float.ts';
import { bitsOfError } from '../numeric/ulp.ts';
import { FOREIGN_BUDGET_ULPS } from '../subjects/index.ts';
import { CLAIM_CHECKS } from './claims.ts';

/**
 * The default ULP budget of `check`: 8.
 *
 * The verdicts allow budget·(1 + κ) before calling an input unstable, so the budget only has to
 * cover a careful formula's own rounding where the function is well-conditioned (κ ≲ 1). Ordinary
 * float64 formulas chain 3–6 correctly rounded operations and V8's exp/log1p (< 1 ULP each):
 * examples/careful.js, the stable sigmoid, softplus and BCE-gradient forms in plain float64, passes
 * at this budget (properties/cli/check.test.ts); 8 leaves headroom and is still 2^50 times smaller
 * than the error of any failure the check exists to catch (0, ±∞ or NaN where the exact value is an
 * ordinary number is an infinite error; a clamp such as −log(1e−7) or a wrong sign is off by a
 * relative O(1), i.e. ~2^52 ULPs).
 */
export const DEFAULT_MAX_ULP = FOREIGN_BUDGET_ULPS;
/** Samples per regime by default. */
export const DEFAULT_SAMPLES = 100;
/** Per-call time limit by default (a float kernel returns in microseconds). */
export const DEFAULT_TIMEOUT_MS = 2000;

export interface CheckOptions {
  dtype: Dtype;
  maxUlp: number;
  samples: number;
  seed: number;
  /** Climb evaluations per regime (default 100). */
  climbEvaluations?: number;
  /** Largest vector length generated (default 16: reference costs grow with K). */
  maxK?: number;
}

/** A claim check's outcome in the report. */
export interface ClaimReport {
  check: string;
  /** The claims-registry id, when the check is one of its statements. */
  claim?: string;
  statement: string;
  status: 'pass' | 'fail' | 'not-run';
  runs: number;
  counterexample?: { args: FloatArg[]; detail: string };
}

export interface CheckedFunction {
  id: string;
  verdict: 'pass' | 'fail';
  /** The audit's verdict (docs/error-metric.md#verdicts) over every judged input. */
  audit: Verdict | 'not-run';
  budget: number;
  maxUlp: number;
  maxBits: number;
  /** The input with the largest error found, with the result and the exact value. */
  worst?: {
    args: FloatArg[];
    got: Judged['got'];
    exact: string | string[];
    ulps: number;
    verdict: Verdict;
    kappa?: number;
    regime: string;
  };
  /** A simpler input that fast-check shrank to, still judged as badly (unstable/wrong) as the worst. */
  shrunk?: { args: FloatArg[]; got: Judged['got']; exact: string | string[]; ulps: number; verdict: Verdict };
  regimes: Array<{ regime: string; samples: number; maxUlp: number; medianUlp: number; verdict: Verdict }>;
  claims: ClaimReport[];
  /** Names of the failed claim checks: the registry id when there is one, else id:check. */
  failedClaims: string[];
  /** A failure that stopped the audit of this function (e.g. a call that never returned). */
  problem?: { kind: 'timeout' | 'not-a-function'; message: string; args?: FloatArg[] };
}

export interface CheckReport {
  module: string;
  dtype: Dtype;
  seed: number;
  samples: number;
  maxUlp: number;
  functions: CheckedFunction[];
  /** Exports whose names are not catalogue ids (not audited). */
  ignored: string[];
  pass: boolean;
  elapsedMs: number;
  /** The command line that replays this run. */
  replay: string;
}

/** A candidate: the function to audit under a catalogue id, or the reason it cannot be called. */
export type Candidate =
  | { entry: CatalogueEntry; subject: Subject; hung: () => { args: FloatArg[]; ms: number } | undefined }
  | { entry: CatalogueEntry; notAFunction: string };

/**
 * Checks that a returned value has the entry's result shape; throws an Error naming the problem
 * (evaluate() records it as that input's result, an infinite error). Typed arrays are accepted as
 * vectors.
 */
export function conformResult(entry: CatalogueEntry, value: unknown, args: readonly FloatArg[]): FloatResult {
  const what = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? `an array of length ${v.length}` : `a value of type ${typeof v}`;
  if (entry.result === 'scalar') {
    if (typeof value === 'number') return value;
    throw new Error(`returned ${what(value)}; ${entry.id} returns a number`);
  }
  const vec = ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;
  if (!Array.isArray(vec)) throw new Error(`returned ${what(value)}; ${entry.id} returns an array of numbers`);
  const K = (args.find((a) => Array.isArray(a)) as readonly number[] | undefined)?.length;
  if (K !== undefined && vec.length !== K) throw new Error(`returned ${vec.length} components for K = ${K}`);
  const bad = vec.findIndex((x) => typeof x !== 'number');
  if (bad >= 0) throw new Error(`component ${bad} is ${what(vec[bad])}, not a number`);
  return vec as number[];
}

function regimeRows(r: FunctionResult): CheckedFunction['regimes'] {
  return r.regimes.map((g) => ({
    regime: g.regime,
    samples: g.samples,
    maxUlp: g.maxUlp,
    medianUlp: g.medianUlp,
    verdict: g.verdict,
  }));
}

/** Checks one candidate: the audit, then its claim checks. Never throws for the subject's faults. */
export function checkOne(candidate: Candidate, opts: CheckOptions): CheckedFunction {
  const { entry } = candidate;
  const base = { id: entry.id, budget: opts.maxUlp };
  if ('notAFunction' in candidate) {
    return {
      ...base,
      verdict: 'fail',
      audit: 'not-run',
      maxUlp: Number.POSITIVE_INFINITY,
      maxBits: Number.POSITIVE_INFINITY,
      regimes: [],
      claims: [],
      failedClaims: [],
      problem: { kind: 'not-a-function', message: candidate.notAFunction },
    };
  }
  const set: SubjectSet = {
    name: `check:${entry.id}`,
    dtype: opts.dtype,
    get: () => candidate.subject,
    budget: () => opts.maxUlp,
  };
  const timedOut = (): CheckedFunction | undefined => {
    const h = candidate.hung();
    if (h === undefined) return undefined;
    return {
      ...base,
      verdict: 'fail',
      audit: 'wrong',
      maxUlp: Number.POSITIVE_INFINITY,
      maxBits: Number.POSITIVE_INFINITY,
      regimes: [],
      claims: [],
      failedClaims: [],
      problem: { kind: 'timeout', message: `did not return within ${h.ms} ms`, args: h.args },
    };
  };
  let audit: FunctionResult;
  try {
    audit = auditFunction(entry, set, candidate.subject, {
      samples: opts.samples,
      seed: opts.seed,
      maxK: opts.maxK ?? 16,
      climbEvaluations: opts.climbEvaluations ?? 100,
    });
  } catch (e) {
    if (e instanceof AuditAbort) return timedOut() ?? raise(e);
    throw e;
  }
  const claims: ClaimReport[] = [];
  for (const c of CLAIM_CHECKS[entry.id] ?? []) {
    try {
      const out = c.run({
        entry,
        subject: candidate.subject,
        dtype: opts.dtype,
        budget: opts.maxUlp,
        runs: opts.samples,
        seed: opts.seed,
        maxK: opts.maxK ?? 16,
        audit,
      });
      claims.push({
        check: c.name,
        ...(c.claim === undefined ? {} : { claim: c.claim }),
        statement: c.statement,
        ...out,
      });
    } catch (e) {
      if (!(e instanceof AuditAbort)) throw e;
    }
    const hung = timedOut();
    if (hung !== undefined) return { ...hung, claims };
  }
  const failedClaims = claims.filter((c) => c.status === 'fail').map((c) => c.claim ?? `${entry.id}:${c.check}`);
  const w = audit.worst;
  return {
    ...base,
    verdict: audit.pass && failedClaims.length === 0 ? 'pass' : 'fail',
    audit: audit.verdict,
    maxUlp: audit.maxUlp,
    maxBits: bitsOfError(audit.maxUlp),
    worst: {
      args: w.args,
      got: w.got,
      exact: w.exact,
      ulps: w.ulps,
      verdict: w.verdict,
      ...(w.kappa === undefined ? {} : { kappa: w.kappa }),
      regime: audit.worstRegime,
    },
    ...(audit.shrunk === undefined
      ? {}
      : {
          shrunk: {
            args: audit.shrunk.args,
            got: audit.shrunk.got,
            exact: audit.shrunk.exact,
            ulps: audit.shrunk.ulps,
            verdict: audit.shrunk.verdict,
          },
        }),
    regimes: regimeRows(audit),
    claims,
    failedClaims,
  };
}

function raise(e: unknown): never {
  throw e;
}

/** The command line that replays a check run. */
export function replayCommand(module: string, opts: CheckOptions): string {
  const parts = ['lossproof check', module, `--seed ${opts.seed}`, `--samples ${opts.samples}`];
  if (opts.dtype !== 'float64') parts.push(`--dtype ${opts.dtype}`);
  if (opts.maxUlp !== DEFAULT_MAX_ULP) parts.push(`--max-ulp ${opts.maxUlp}`);
  if (opts.maxK !== undefined && opts.maxK !== 16) parts.push(`--max-k ${opts.maxK}`);
  return parts.join(' ');
}
