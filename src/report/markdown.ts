/** The audit report as Markdown: one row per id × subject, then the worst input per failing row. */
import { fmtUlp } from '../audit/baseline.ts';
import type { AuditReport } from '../audit/run.ts';
import { toJson } from './json.ts';

const bits = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '∞');

/** The table rows shared by the terminal and Markdown renderings. */
export function summaryRows(report: AuditReport): string[][] {
  return report.results.map((r) => [
    r.id,
    r.subject,
    fmtUlp(r.budget),
    fmtUlp(r.maxUlp),
    bits(r.maxBits),
    r.worstRegime,
    r.verdict,
    r.pass ? 'pass' : 'FAIL',
    toJson(r.worst.args),
  ]);
}

export const SUMMARY_HEADER = [
  'id',
  'subject',
  'budget',
  'max ULP',
  'bits',
  'worst regime',
  'verdict',
  '',
  'worst input',
];

export function toMarkdown(report: AuditReport, command: string): string {
  const lines: string[] = [];
  lines.push('# lossproof audit report', '');
  lines.push(
    `Produced by \`${command}\` — seed ${report.seed}, ${report.samples} samples per regime, ${(report.elapsedMs / 1000).toFixed(1)} s.`,
    '',
  );
  lines.push(
    'Errors are in ULPs of the result format against the exact value (docs/error-metric.md); bits = log2(1 + ULPs).',
    '',
  );
  lines.push(`| ${SUMMARY_HEADER.join(' | ')} |`, `|${SUMMARY_HEADER.map(() => ' --- ').join('|')}|`);
  for (const row of summaryRows(report)) lines.push(`| ${row.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`);
  lines.push('', '## Per regime', '');
  lines.push(
    '| id | subject | regime | samples | median ULP | max ULP | verdict | over budget (judged) | climb |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of report.results) {
    for (const g of r.regimes) {
      lines.push(
        `| ${r.id} | ${r.subject} | ${g.regime} | ${g.samples} | ${fmtUlp(g.medianUlp)} | ${fmtUlp(g.maxUlp)} | ${g.verdict} | ${g.overBudget} (${g.judged}) | ${fmtUlp(g.climb.from)} → ${fmtUlp(g.climb.to)} in ${g.climb.evaluations} |`,
      );
    }
  }
  const failing = report.results.filter((r) => !r.pass);
  if (failing.length > 0) {
    lines.push('', '## Failures', '');
    for (const r of failing) {
      const w = r.worst;
      lines.push(
        `- **${r.id}** (${r.subject}): ${r.verdict}, ${fmtUlp(w.ulps)} ULPs at args \`${toJson(w.args)}\`: got \`${toJson(w.got)}\`, exact \`${toJson(w.exact)}\`${w.kappa === undefined ? '' : `, κ = ${w.kappa.toPrecision(3)}`}. Replay: \`--seed ${report.seed} --ids ${r.id}\`.`,
      );
      const s = r.shrunk;
      if (s !== undefined) {
        lines.push(
          `  Shrunk to a simpler input of the same kind: \`${toJson(s.args)}\` (${s.verdict}, ${fmtUlp(s.ulps)} ULPs).`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
