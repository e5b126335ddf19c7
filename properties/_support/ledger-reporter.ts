/**
 * The claims ledger: after every run, one line per claim of the registry — its id, pass/fail, the
 * number of cases checked, the seed that replays them, how many planted mistakes its properties
 * caught, and its one-line statement.
 *
 * Tests map to claims by name (see `claim-index.ts`): a test whose name starts with a claim id is a
 * property of that claim; `planted <id> …` is a planted mistake shown to fail that claim's property.
 * Cases and seeds come from `task.meta` (recorded by `checkProperty` / `recordCases`).
 *
 * Status of a claim:
 * - `pass`: it has properties, all ran and passed;
 * - `FAIL`: one of its properties (or one of its planted-mistake tests) failed;
 * - `SKIP`: its properties ran but were skipped (a skipped property is a defect, so it is loud);
 * - `not run`: it has properties, in test files this run did not include (a partial run);
 * - `MISSING`: no property anywhere in properties/claims names it.
 *
 * It writes `ledger.json` and `ledger.md` to `$LOSSPROOF_LEDGER_DIR` (default `reports/ledger/`,
 * git-ignored). Its `onTestRunEnd` is synchronous so that, with `summary-reporter.ts` registered after
 * it, the `N passed, N failed` line stays the closing line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { claims } from '../../src/claims/index.ts';
import { roleOfTest, scanTestNames } from './claim-index.ts';
import { propertyConfig } from './config.ts';

type Status = 'pass' | 'FAIL' | 'SKIP' | 'not run' | 'MISSING';

interface LedgerTest {
  file: string;
  name: string;
  state: string;
  cases: number;
  seed?: number;
  durationMs?: number;
}

interface LedgerRow {
  id: string;
  group: string;
  kinds: readonly string[];
  statement: string;
  proof: string;
  status: Status;
  cases: number;
  seeds: number[];
  /** Planted mistakes whose test passed (the mistake was caught) / all planted tests that ran. */
  plantedCaught: number;
  plantedRun: number;
  tests: LedgerTest[];
  planted: LedgerTest[];
}

export default class LedgerReporter implements Reporter {
  private root = process.cwd();

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = this.collect(testModules);
    process.stdout.write(renderTable(rows));
    try {
      this.write(rows, testModules.length);
    } catch (e) {
      process.stdout.write(`ledger: could not write files: ${(e as Error).message}\n`);
    }
  }

  private collect(testModules: ReadonlyArray<TestModule>): LedgerRow[] {
    const rows = new Map<string, LedgerRow>(
      claims.map((c) => [
        c.id,
        {
          id: c.id,
          group: c.group,
          kinds: c.kinds,
          statement: c.statement,
          proof: c.proof,
          status: 'MISSING',
          cases: 0,
          seeds: [],
          plantedCaught: 0,
          plantedRun: 0,
          tests: [],
          planted: [],
        },
      ]),
    );
    for (const mod of testModules) {
      const file = relative(this.root, mod.moduleId).split('\\').join('/');
      for (const test of mod.children.allTests()) {
        const role = roleOfTest(test.name);
        if (role.role === 'other' || role.id === undefined) continue;
        const row = rows.get(role.id);
        if (row === undefined) continue; // an unknown id: the registry meta-test reports it
        const meta = test.meta();
        const entry: LedgerTest = {
          file,
          name: test.name,
          state: test.result().state,
          cases: meta.cases ?? 0,
          ...(meta.seed === undefined ? {} : { seed: meta.seed }),
          ...(test.diagnostic()?.duration === undefined ? {} : { durationMs: test.diagnostic()?.duration }),
        };
        if (role.role === 'claim') row.tests.push(entry);
        else row.planted.push(entry);
      }
    }
    // Claims with properties in files that did not run this time are "not run", not MISSING.
    const declared = new Set(
      scanTestNames(this.root)
        .map((t) => roleOfTest(t.name))
        .filter((r) => r.role === 'claim')
        .map((r) => r.id),
    );
    for (const row of rows.values()) {
      row.cases = row.tests.reduce((s, t) => s + t.cases, 0);
      row.seeds = [...new Set(row.tests.flatMap((t) => (t.seed === undefined ? [] : [t.seed])))];
      const planted = row.planted.filter((t) => t.state === 'passed' || t.state === 'failed');
      row.plantedRun = planted.length;
      row.plantedCaught = planted.filter((t) => t.state === 'passed').length;
      const states = row.tests.map((t) => t.state);
      if (states.includes('failed') || row.planted.some((t) => t.state === 'failed')) row.status = 'FAIL';
      else if (states.length > 0 && states.every((s) => s === 'passed')) row.status = 'pass';
      else if (states.length > 0) row.status = 'SKIP';
      else row.status = declared.has(row.id) ? 'not run' : 'MISSING';
    }
    return [...rows.values()];
  }

  private write(rows: LedgerRow[], modules: number): void {
    const envDir = process.env.LOSSPROOF_LEDGER_DIR;
    const dir = envDir === undefined || envDir === '' ? 'reports/ledger' : envDir;
    const abs = isAbsolute(dir) ? dir : join(this.root, dir);
    mkdirSync(abs, { recursive: true });
    const doc = {
      generatedAt: new Date().toISOString(),
      seed: propertyConfig.seed,
      numRuns: propertyConfig.numRuns,
      testModules: modules,
      partial: rows.some((r) => r.status === 'not run'),
      totals: totals(rows),
      claims: rows,
    };
    writeFileSync(join(abs, 'ledger.json'), `${JSON.stringify(doc, null, 2)}\n`);
    writeFileSync(join(abs, 'ledger.md'), renderMarkdown(rows, doc.seed, doc.numRuns));
  }
}

function totals(rows: LedgerRow[]): Record<Status | 'claims' | 'cases', number> {
  const t = { claims: rows.length, cases: 0, pass: 0, FAIL: 0, SKIP: 0, 'not run': 0, MISSING: 0 };
  for (const r of rows) {
    t[r.status]++;
    t.cases += r.cases;
  }
  return t;
}

function seedText(r: LedgerRow): string {
  return r.seeds.length === 0 ? '-' : r.seeds.join(',');
}

function plantedText(r: LedgerRow): string {
  return r.plantedRun === 0 ? '-' : `${r.plantedCaught}/${r.plantedRun}`;
}

/** The compact terminal table: the statement is cut to the line width. */
function renderTable(rows: LedgerRow[]): string {
  const width = Math.max(100, Math.min(160, process.stdout.columns ?? 120));
  const head = ['id', 'status', 'cases', 'seed', 'planted'];
  const cells = rows.map((r) => [r.id, r.status, String(r.cases), seedText(r), plantedText(r)]);
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const fmt = (c: string[]): string =>
    c.map((x, i) => (i === 2 ? x.padStart(w[i] as number) : x.padEnd(w[i] as number))).join('  ');
  const room = Math.max(20, width - w.reduce((a, b) => a + b + 2, 0));
  const cut = (s: string): string => (s.length <= room ? s : `${s.slice(0, room - 1)}…`);
  const lines = ['', 'Claims ledger', `${fmt(head)}  statement`];
  rows.forEach((r, i) => {
    lines.push(`${fmt(cells[i] as string[])}  ${cut(r.statement)}`);
  });
  const t = totals(rows);
  lines.push(
    `ledger: ${t.claims} claims — ${t.pass} pass, ${t.FAIL} fail, ${t.SKIP} skipped, ${t.MISSING} missing` +
      `${t['not run'] > 0 ? `, ${t['not run']} not run` : ''}; ${t.cases} cases`,
  );
  return `${lines.join('\n')}\n`;
}

function renderMarkdown(rows: LedgerRow[], seed: number, numRuns: number): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const t = totals(rows);
  const out = [
    '# Claims ledger',
    '',
    `Seed ${seed}, ${numRuns} runs per property (replay: \`FC_SEED=${seed} npm test\`).`,
    `${t.claims} claims — ${t.pass} pass, ${t.FAIL} fail, ${t.SKIP} skipped, ${t.MISSING} missing, ${t['not run']} not run; ${t.cases} cases.`,
    '',
    '| id | kinds | status | cases | seed | planted mistakes caught | statement | proof |',
    '| --- | --- | --- | ---: | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.kinds.join(' + ')} | ${r.status} | ${r.cases} | ${seedText(r)} | ${plantedText(r)} | ${esc(r.statement)} | ${r.proof} |`,
    ),
    '',
  ];
  return out.join('\n');
}
