/**
 * The audit of a set of subjects: for every catalogue id and implementation, every regime is measured
 * (see measure.ts) and summarised. The result is plain data: the report writers, the regression gate
 * and `check` all read it.
 */
import { catalogue } from '../catalogue/index.ts';
import { type CatalogueEntry, callKernel, type FloatArg, ownBudget } from '../catalogue/types.ts';
import type { Dtype } from '../numeric/float.ts';
import { bitsOfError } from '../numeric/ulp.ts';
import { type Judged, measureRegime, type RegimeResult, type Subject } from './measure.ts';
import { type RegimeName, regimesFor } from './regimes.ts';
import { type Verdict, worse } from './verdict.ts';

/** An implementation of some ids, audited in one float format. */
export interface SubjectSet {
  /** A name for reports: 'float64', 'float32', 'naive', 'module:./mine.js', 'tfjs', … */
  readonly name: string;
  readonly dtype: Dtype;
  /** The function for an id, or undefined when the subject does not provide it. */
  readonly get: (entry: CatalogueEntry) => Subject | undefined;
  /** The ULP budget for an id: the project's flat budgets for its own kernels, a default for others. */
  readonly budget: (entry: CatalogueEntry) => number;
  /**
   * True for the project's own float64 and float32 kernels: docs/error-metric.md#budgets holds them to the
   * flat budget with no allowance for κ, so any input over budget fails them, ill-conditioned or not.
   */
  readonly flat?: boolean;
}

const kernelSubject = (entry: CatalogueEntry, impl: 'float64' | 'float32' | 'naive'): Subject => {
  const k = entry[impl];
  return (...args: FloatArg[]) => callKernel(k, args);
};

/** The package's own kernels as subjects. The naive kernels are judged against the float64 budgets. */
export function ownSubjects(impls: readonly ('float64' | 'float32' | 'naive')[]): SubjectSet[] {
  return impls.map((impl) => ({
    name: impl,
    dtype: impl === 'float32' ? 'float32' : 'float64',
    get: (e: CatalogueEntry) => kernelSubject(e, impl),
    budget: (e: CatalogueEntry) => ownBudget(e, impl === 'float32' ? 'float32' : 'float64'),
    flat: impl !== 'naive',
  }));
}

export interface FunctionResult {
  id: string;
  subject: string;
  dtype: Dtype;
  budget: number;
  regimes: RegimeResult[];
  maxUlp: number;
  maxBits: number;
  /** The input with the largest error found (after the climb). */
  worst: Judged;
  /** A simpler input fast-check shrank to that is still as bad in kind (may have a smaller error). */
  shrunk?: Judged;
  worstRegime: RegimeName | string;
  verdict: Verdict;
  /**
   * docs/check.md#pass-rule: a function passes when no input is judged unstable or wrong; the
   * project's own kernels (a `flat` subject) pass only when every error is within the budget.
   */
  pass: boolean;
}

export interface AuditOptions {
  /** Ids to audit (default: the whole catalogue). */
  ids?: readonly string[];
  samples: number;
  seed: number;
  maxK?: number;
  climbEvaluations?: number;
  shrink?: boolean;
  /** Work items are (id, subject) pairs in catalogue order; shard i of n takes every n-th from i. */
  shard?: { index: number; count: number };
  /** Called with the number of samples each work item will take, before it starts, then per sample. */
  onItemStart?: (label: string, samples: number) => void;
  onSample?: () => void;
}

export interface AuditReport {
  version: 1;
  seed: number;
  samples: number;
  shard?: { index: number; count: number };
  startedAt: string;
  elapsedMs: number;
  results: FunctionResult[];
}

/** The (entry, subject) work items of an audit, in a fixed order (the unit of sharding). */
export function workItems(subjects: readonly SubjectSet[], ids?: readonly string[]) {
  const wanted = ids === undefined ? undefined : new Set(ids);
  const items: Array<{ entry: CatalogueEntry; subject: SubjectSet; fn: Subject }> = [];
  for (const entry of catalogue) {
    if (wanted !== undefined && !wanted.has(entry.id)) continue;
    for (const subject of subjects) {
      const fn = subject.get(entry);
      if (fn !== undefined) items.push({ entry, subject, fn });
    }
  }
  return items;
}

/** Audits one (entry, subject) pair over every regime. */
export function auditFunction(
  entry: CatalogueEntry,
  subject: SubjectSet,
  fn: Subject,
  opts: Omit<AuditOptions, 'ids' | 'shard'>,
): FunctionResult {
  const budget = subject.budget(entry);
  const regimes = regimesFor(entry, opts.maxK === undefined ? {} : { maxK: opts.maxK }).map((regime, i) =>
    measureRegime(entry, fn, regime, {
      dtype: subject.dtype,
      budget,
      samples: opts.samples,
      // Each regime draws from its own seed so that adding a regime does not move the others.
      seed: opts.seed + 7919 * i,
      ...(opts.climbEvaluations === undefined ? {} : { climbEvaluations: opts.climbEvaluations }),
      ...(opts.shrink === undefined ? {} : { shrink: opts.shrink }),
      ...(opts.onSample === undefined ? {} : { onSample: opts.onSample }),
    }),
  );
  let top = regimes[0] as RegimeResult;
  let verdict: Verdict = 'accurate';
  for (const r of regimes) {
    if (r.maxUlp > top.maxUlp) top = r;
    verdict = worse(verdict, r.verdict);
  }
  return {
    id: entry.id,
    subject: subject.name,
    dtype: subject.dtype,
    budget,
    regimes,
    maxUlp: top.maxUlp,
    maxBits: bitsOfError(top.maxUlp),
    worst: top.worst,
    ...(top.shrunk === undefined ? {} : { shrunk: top.shrunk }),
    worstRegime: top.regime,
    verdict,
    pass: subject.flat === true ? top.maxUlp <= budget : verdict === 'accurate' || verdict === 'ill-conditioned',
  };
}

/** Runs the audit (or one shard of it). Deterministic for a given seed and sample count. */
export function runAudit(subjects: readonly SubjectSet[], opts: AuditOptions): AuditReport {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  let items = workItems(subjects, opts.ids);
  if (opts.shard !== undefined) {
    const { index, count } = opts.shard;
    items = items.filter((_, i) => i % count === index);
  }
  const results: FunctionResult[] = [];
  for (const { entry, subject, fn } of items) {
    opts.onItemStart?.(`${entry.id} ${subject.name}`, opts.samples * regimesFor(entry).length);
    results.push(auditFunction(entry, subject, fn, opts));
  }
  return {
    version: 1,
    seed: opts.seed,
    samples: opts.samples,
    ...(opts.shard === undefined ? {} : { shard: opts.shard }),
    startedAt,
    elapsedMs: performance.now() - t0,
    results,
  };
}

/** Merges shard reports into one (results in catalogue order). */
export function mergeReports(reports: readonly AuditReport[]): AuditReport {
  if (reports.length === 0) throw new RangeError('mergeReports: no reports to merge');
  const first = reports[0] as AuditReport;
  for (const r of reports) {
    if (r.seed !== first.seed || r.samples !== first.samples) {
      throw new RangeError(
        `mergeReports: shards disagree on seed/samples (${r.seed}/${r.samples} vs ${first.seed}/${first.samples})`,
      );
    }
  }
  // Shard i of n took work items i, i + n, i + 2n, …: put each result back at its global index.
  const placed: Array<[number, FunctionResult]> = [];
  for (const r of reports) {
    const { index, count } = r.shard ?? { index: 0, count: 1 };
    r.results.forEach((res, k) => {
      placed.push([index + count * k, res]);
    });
  }
  const results = placed.sort((a, b) => a[0] - b[0]).map(([, res]) => res);
  return {
    version: 1,
    seed: first.seed,
    samples: first.samples,
    startedAt: first.startedAt,
    elapsedMs: Math.max(...reports.map((r) => r.elapsedMs)),
    results,
  };
}
