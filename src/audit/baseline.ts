/**
 * The regression gate: a committed baseline of ULP budgets per id × subject × regime
 * (`audit/baseline.json`). `lossproof audit --check` fails when a measured error exceeds its budget,
 * naming the budget, the excess and the input; `--update-baseline` rewrites the file deliberately.
 *
 * For the project's float64 and float32 kernels the budget is the flat contract budget (2 or 4 float64
 * ULPs, 1 float32 ULP) whatever was measured, so the gate enforces the contract. For other subjects
 * (the naive kernels, an external module) the budget is the error measured when the baseline was
 * written, rounded up to two significant digits: the audit is deterministic for a seed, so any growth
 * is a real change. ∞ is kept as the string "Infinity".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AuditReport, FunctionResult } from './run.ts';

export interface Baseline {
  version: 1;
  seed: number;
  samples: number;
  /** budgets[id][subject][regime] = max ULPs allowed. */
  budgets: Record<string, Record<string, Record<string, number | 'Infinity'>>>;
}

export interface GateViolation {
  id: string;
  subject: string;
  regime: string;
  budget: number;
  measured: number;
  args: unknown;
  message: string;
}

const roundUp2 = (x: number): number => {
  if (!Number.isFinite(x) || x === 0) return x;
  const e = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / e) * e;
};

function budgetFor(r: FunctionResult, measured: number): number {
  if (r.subject === 'float64' || r.subject === 'float32') return r.budget;
  return roundUp2(measured);
}

/** A baseline from a report. */
export function baselineFromReport(report: AuditReport): Baseline {
  const budgets: Baseline['budgets'] = {};
  for (const r of report.results) {
    const byRegime: Record<string, number | 'Infinity'> = {};
    for (const g of r.regimes) {
      const b = budgetFor(r, g.maxUlp);
      byRegime[g.regime] = Number.isFinite(b) ? b : 'Infinity';
    }
    budgets[r.id] ??= {};
    (budgets[r.id] as Record<string, Record<string, number | 'Infinity'>>)[r.subject] = byRegime;
  }
  return { version: 1, seed: report.seed, samples: report.samples, budgets };
}

export function readBaseline(path: string): Baseline {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Baseline;
  if (raw.version !== 1 || typeof raw.budgets !== 'object')
    throw new Error(`${path}: not a lossproof baseline (version 1)`);
  return raw;
}

export function writeBaseline(path: string, b: Baseline): void {
  writeFileSync(path, `${JSON.stringify(b, null, 2)}\n`);
}

/**
 * Compares a report with a baseline. Every (id, subject, regime) measured must have a budget and stay
 * within it; a missing budget is itself a violation (a new id must be added deliberately).
 */
export function checkAgainstBaseline(report: AuditReport, baseline: Baseline): GateViolation[] {
  const out: GateViolation[] = [];
  if (report.seed !== baseline.seed || report.samples !== baseline.samples) {
    out.push({
      id: '*',
      subject: '*',
      regime: '*',
      budget: 0,
      measured: 0,
      args: null,
      message: `the baseline was written with seed ${baseline.seed} and ${baseline.samples} samples; this run used seed ${report.seed} and ${report.samples}: run the gate with the baseline's settings`,
    });
    return out;
  }
  for (const r of report.results) {
    for (const g of r.regimes) {
      const raw = baseline.budgets[r.id]?.[r.subject]?.[g.regime];
      if (raw === undefined) {
        out.push({
          id: r.id,
          subject: r.subject,
          regime: g.regime,
          budget: Number.NaN,
          measured: g.maxUlp,
          args: g.worst.args,
          message: `${r.id} ${r.subject} ${g.regime}: no budget in the baseline (run --update-baseline to add it deliberately)`,
        });
        continue;
      }
      const budget = raw === 'Infinity' ? Number.POSITIVE_INFINITY : raw;
      if (g.maxUlp > budget) {
        out.push({
          id: r.id,
          subject: r.subject,
          regime: g.regime,
          budget,
          measured: g.maxUlp,
          args: g.worst.args,
          message: `${r.id} ${r.subject} ${g.regime}: ${fmtUlp(g.maxUlp)} ULPs exceeds the budget of ${fmtUlp(budget)} ULPs by ${fmtUlp(g.maxUlp - budget)} at args ${JSON.stringify(g.worst.args)} (got ${JSON.stringify(g.worst.got)}, exact ${JSON.stringify(g.worst.exact)})`,
        });
      }
    }
  }
  return out;
}

export function fmtUlp(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : Number.isNaN(x) ? 'NaN' : '-∞';
  if (x === 0) return '0';
  if (x < 1000) return x.toPrecision(3);
  return x.toExponential(2);
}
