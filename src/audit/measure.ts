/**
 * Measuring one implementation of one catalogue id in one regime: sample inputs deterministically from a
 * seed, compare each result with the exact value in ULPs of the result's format, judge the worst inputs
 * (the verdicts of docs/error-metric.md, κ computed only where the error exceeds the budget), climb from
 * the worst inputs towards worse ones, and shrink the worst to a simple input with fast-check.
 */
import fc from 'fast-check';
import type { CatalogueEntry, FloatArg, FloatResult } from '../catalogue/types.ts';
import { type Dtype, formatOf } from '../numeric/float.ts';
import { ulpError } from '../numeric/ulp.ts';
import { referenceValue } from '../reference/entry.ts';
import { formatNum } from '../reference/evaluate.ts';
import type { Num } from '../reference/tiny.ts';
import { conditionNumber } from './condition.ts';
import type { Regime } from './regimes.ts';
import { climb } from './search.ts';
import { judge, type Verdict, worse } from './verdict.ts';

/** An implementation under audit: a plain function of float arguments. */
export type Subject = (...args: FloatArg[]) => FloatResult;

/**
 * Thrown by a subject to stop the audit of that subject (e.g. `check`'s call timed out and its
 * worker was terminated): `evaluate` records every other throw as that input's result, this one
 * propagates to the caller of `measureRegime` / `auditFunction`.
 */
export class AuditAbort extends Error {
  override name = 'AuditAbort';
}

/** One measured input. */
export interface Sample {
  args: FloatArg[];
  /** The result (a number, an array, or the message of a thrown error). */
  got: FloatResult | { error: string };
  /** Error in ULPs of the result's format; +∞ for NaN/∞ mismatches, throws and wrong shapes. */
  ulps: number;
  /** The result component the error comes from (0 for scalars). */
  component: number;
}

export interface Judged extends Sample {
  verdict: Verdict;
  kappa?: number;
  exact: string | string[];
}

export interface RegimeResult {
  regime: string;
  samples: number;
  maxUlp: number;
  medianUlp: number;
  /** The worst input, judged, after climbing; `shrunk` is the simplest input fast-check found that is still bad. */
  worst: Judged;
  shrunk?: Judged;
  /** Verdict counts over the judged inputs (every input within budget counts as accurate). */
  verdicts: Record<Verdict, number>;
  /** How many over-budget inputs were judged (κ is costly), out of how many were over budget. */
  judged: number;
  overBudget: number;
  verdict: Verdict;
  /** Evaluations the climb spent and how much it raised the worst error. */
  climb: { evaluations: number; from: number; to: number };
  /** Error per sample, for plots: the first scalar argument and the error. */
  points: Array<[number, number]>;
}

export interface MeasureOptions {
  dtype: Dtype;
  budget: number;
  samples: number;
  seed: number;
  /** Over-budget inputs judged per regime, worst first (default 25). */
  judgeLimit?: number;
  /** Evaluations for the climb from the worst inputs (default 200; 0 disables it). */
  climbEvaluations?: number;
  /** Shrink the worst input with fast-check (default true). */
  shrink?: boolean;
  /** Called after every sample. */
  onSample?: () => void;
}

function roundArgs(args: readonly FloatArg[], round: (x: number) => number): FloatArg[] {
  return args.map((a) => (Array.isArray(a) ? a.map(round) : round(a as number)));
}

/** Evaluates the subject and the reference at `args`; never throws. */
export function evaluate(
  entry: CatalogueEntry,
  subject: Subject,
  args: FloatArg[],
  dtype: Dtype,
): Sample & { exact: Num | Num[] } {
  const fmt = formatOf(dtype);
  const exact = referenceValue(entry, args).value;
  let got: FloatResult | { error: string };
  try {
    got = subject(...args.map((a) => (Array.isArray(a) ? [...a] : a)));
  } catch (e) {
    if (e instanceof AuditAbort) throw e;
    return {
      args,
      got: { error: e instanceof Error ? e.message : String(e) },
      ulps: Number.POSITIVE_INFINITY,
      component: 0,
      exact,
    };
  }
  if (Array.isArray(exact)) {
    if (!Array.isArray(got) || got.length !== exact.length) {
      return { args, got, ulps: Number.POSITIVE_INFINITY, component: 0, exact };
    }
    let worst = 0;
    let component = 0;
    got.forEach((g, i) => {
      const e = typeof g === 'number' ? ulpError(g, exact[i] as Num, fmt) : Number.POSITIVE_INFINITY;
      if (!(e <= worst)) {
        worst = e;
        component = i;
      }
    });
    return { args, got, ulps: worst, component, exact };
  }
  if (typeof got !== 'number') return { args, got, ulps: Number.POSITIVE_INFINITY, component: 0, exact };
  return { args, got, ulps: ulpError(got, exact, fmt), component: 0, exact };
}

/** Judges one sample: verdict and, when over budget, κ. */
export function judgeSample(entry: CatalogueEntry, s: Sample & { exact: Num | Num[] }, budget: number): Judged {
  const exactC = Array.isArray(s.exact) ? (s.exact[s.component] as Num) : s.exact;
  const gotC = Array.isArray(s.got) ? (s.got[s.component] as number) : typeof s.got === 'number' ? s.got : Number.NaN;
  const { verdict, kappa } = judge(gotC, exactC, s.ulps, budget, () => conditionNumber(entry, s.args, s.component));
  const exact = Array.isArray(s.exact) ? s.exact.map((v) => formatNum(v, 40)) : formatNum(s.exact, 40);
  return {
    args: s.args,
    got: s.got,
    ulps: s.ulps,
    component: s.component,
    verdict,
    exact,
    ...(kappa === undefined ? {} : { kappa }),
  };
}

function firstScalar(args: readonly FloatArg[]): number {
  const a = args[0];
  return Array.isArray(a) ? (a[0] ?? Number.NaN) : (a as number);
}

/** Measures `subject` on one regime. Deterministic for a given seed. */
export function measureRegime(
  entry: CatalogueEntry,
  subject: Subject,
  regime: Regime,
  opts: MeasureOptions,
): RegimeResult {
  const fmt = formatOf(opts.dtype);
  const inputs = fc.sample(regime.arb, { seed: opts.seed, numRuns: opts.samples }).map((a) => roundArgs(a, fmt.round));
  const measured = inputs.map((args) => {
    const s = evaluate(entry, subject, args, opts.dtype);
    opts.onSample?.();
    return s;
  });
  const byError = [...measured].sort((a, b) => b.ulps - a.ulps || 0);
  const over = byError.filter((s) => s.ulps > opts.budget);
  // Climb from the worst few inputs towards worse ones.
  const start = byError[0] as (typeof byError)[number];
  const climbed = climb(entry, subject, byError.slice(0, 3), opts.dtype, opts.climbEvaluations ?? 200);
  const worstSample = climbed.best.ulps > start.ulps ? climbed.best : start;
  const toJudge = [worstSample, ...over.slice(0, (opts.judgeLimit ?? 25) - 1)];
  const verdicts: Record<Verdict, number> = {
    accurate: measured.length - over.length,
    'ill-conditioned': 0,
    unstable: 0,
    wrong: 0,
  };
  let verdict: Verdict = 'accurate';
  const judgedList = toJudge.map((s) => judgeSample(entry, s, opts.budget));
  judgedList.forEach((j, i) => {
    if (i > 0 || worstSample === start) verdicts[j.verdict]++;
    verdict = worse(verdict, j.verdict);
  });
  const worst = judgedList[0] as Judged;
  const sortedErr = measured.map((s) => s.ulps).sort((a, b) => a - b);
  const result: RegimeResult = {
    regime: regime.name,
    samples: measured.length,
    maxUlp: worst.ulps,
    medianUlp: sortedErr[Math.floor(sortedErr.length / 2)] ?? 0,
    worst,
    verdicts,
    judged: Math.min(over.length, toJudge.length),
    overBudget: over.length,
    verdict,
    climb: { evaluations: climbed.evaluations, from: start.ulps, to: climbed.best.ulps },
    points: measured.map((s) => [firstScalar(s.args), s.ulps]),
  };
  if ((opts.shrink ?? true) && worst.ulps > opts.budget) {
    const shrunk = shrinkWorst(entry, subject, regime, opts, worst);
    if (shrunk !== undefined) result.shrunk = shrunk;
  }
  return result;
}

/**
 * Lets fast-check find and shrink an input whose verdict is as bad as the worst one's (for an
 * accurate-but-over-budget-free subject nothing is shrunk). The shrunk input is simpler, not worse.
 */
function shrinkWorst(
  entry: CatalogueEntry,
  subject: Subject,
  regime: Regime,
  opts: MeasureOptions,
  worst: Judged,
): Judged | undefined {
  const fmt = formatOf(opts.dtype);
  const bad = (v: Verdict) => v === 'wrong' || v === 'unstable';
  const threshold = Math.max(opts.budget, worst.ulps / 2);
  const details = fc.check(
    fc.property(regime.arb, (raw) => {
      const s = evaluate(entry, subject, roundArgs(raw, fmt.round), opts.dtype);
      if (s.ulps <= opts.budget) return true;
      if (bad(worst.verdict)) return !bad(judgeSample(entry, s, opts.budget).verdict);
      return s.ulps < threshold;
    }),
    { seed: opts.seed + 1, numRuns: Math.max(50, opts.samples), endOnFailure: false, examples: [] },
  );
  if (!details.failed || details.counterexample === null) return undefined;
  const args = roundArgs(details.counterexample[0], fmt.round);
  return judgeSample(entry, evaluate(entry, subject, args, opts.dtype), opts.budget);
}
