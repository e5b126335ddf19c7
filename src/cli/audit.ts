/**
 * `lossproof audit`: audits the package's own float64, float32 and naive kernels for every catalogue
 * id, per regime, prints a table, writes a report folder (report.json, report.md, index.html), and
 * with `--check` gates on the committed baseline of error budgets.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type Baseline,
  baselineFromReport,
  checkAgainstBaseline,
  readBaseline,
  writeBaseline,
} from '../audit/baseline.ts';
import { regimesFor } from '../audit/regimes.ts';
import { type AuditReport, mergeReports, ownSubjects, runAudit, type SubjectSet, workItems } from '../audit/run.ts';
import type { FloatArg } from '../catalogue/types.ts';
import { toJson } from '../report/json.ts';
import { SUMMARY_HEADER, summaryRows, toMarkdown } from '../report/markdown.ts';
import { FOREIGN_SUBJECTS, type ForeignSubjectName, loadSubject } from '../subjects/index.ts';
import {
  exitOnUsageError,
  formatTable,
  nonNegativeInt,
  parseIds,
  parseSeed,
  parseShard,
  positiveInt,
} from './options.ts';

export const DEFAULT_BASELINE = 'audit/baseline.json';
const IMPLS = ['float64', 'float32', 'naive'] as const;
type Impl = (typeof IMPLS)[number];

function parseSubject(raw: string): ForeignSubjectName {
  if (!(FOREIGN_SUBJECTS as readonly string[]).includes(raw))
    throw new InvalidArgumentError(`--subject takes ${FOREIGN_SUBJECTS.join(', ')}; got ${JSON.stringify(raw)}`);
  return raw as ForeignSubjectName;
}

function parseImpls(raw: string): Impl[] {
  const out = raw.split(',').map((s) => s.trim());
  for (const s of out) {
    if (!(IMPLS as readonly string[]).includes(s))
      throw new InvalidArgumentError(`--impl takes ${IMPLS.join(', ')}; got ${JSON.stringify(s)}`);
  }
  return out as Impl[];
}

interface AuditFlags {
  ids?: string[];
  /** A foreign subject instead of the own kernels (`--impl` is then ignored). */
  subject?: ForeignSubjectName;
  impl: Impl[];
  samples: number;
  seed: number;
  maxK: number;
  climb: number;
  out: string;
  json?: boolean;
  check?: boolean;
  updateBaseline?: boolean;
  baseline: string;
  shard?: { index: number; count: number };
  merge?: string[];
  workers: number;
  progress: ProgressMode;
  html: boolean;
}

type ProgressMode = 'bar' | 'lines' | 'off';

/**
 * Progress on stderr: a cli-progress bar on a terminal; on a pipe or in CI a plain line per work item
 * (id × implementation) with the share done, so a long run is never silent; nothing with --no-progress.
 */
function progressHooks(mode: ProgressMode, total: number) {
  if (mode === 'off') return { hooks: {}, stop: () => {} };
  let done = 0;
  let items = 0;
  if (mode === 'lines') {
    const t0 = performance.now();
    return {
      hooks: {
        onItemStart: (label: string) => {
          items++;
          const pct = total > 0 ? Math.floor((100 * done) / total) : 0;
          const s = ((performance.now() - t0) / 1000).toFixed(0);
          process.stderr.write(`audit ${String(pct).padStart(3)}% ${done}/${total} samples, ${s} s: ${label}\n`);
        },
        onSample: () => {
          done++;
        },
      },
      stop: () => process.stderr.write(`audit 100% ${done}/${total} samples, ${items} functions\n`),
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: 'audit |{bar}| {percentage}% {value}/{total} samples | {item} | eta {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { item: '' });
  return {
    hooks: {
      onItemStart: (label: string) => bar.update({ item: label }),
      onSample: () => bar.increment(),
    },
    stop: () => bar.stop(),
  };
}

/** Samples an audit of `subjects` will draw: the unit of its progress display. */
function totalSamples(flags: AuditFlags, subjects: readonly SubjectSet[] = ownSubjects(flags.impl)): number {
  let items = workItems(subjects, flags.ids);
  if (flags.shard !== undefined) {
    const { index, count } = flags.shard;
    items = items.filter((_, i) => i % count === index);
  }
  return items.reduce((n, { entry }) => n + flags.samples * regimesFor(entry, { maxK: flags.maxK }).length, 0);
}

/** Writes report.json, report.md (and index.html when available) into `dir`. */
export async function writeReportFolder(
  dir: string,
  report: AuditReport,
  command: string,
  html: boolean,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'report.json'), join(dir, 'report.md')];
  writeFileSync(files[0] as string, `${toJson(report, 2)}\n`);
  writeFileSync(files[1] as string, toMarkdown(report, command));
  if (html) {
    const { renderHtmlReport } = await import('../report/html.ts');
    const path = join(dir, 'index.html');
    writeFileSync(path, await renderHtmlReport(report, command));
    files.push(path);
  }
  return files;
}

/**
 * Splits the audit into `flags.workers` shards run on worker threads by piscina, and merges them.
 * The shards are the same deterministic split as `--shard`, so the merged report equals a
 * single-threaded run's.
 */
async function runInWorkers(flags: AuditFlags): Promise<AuditReport> {
  const { Piscina } = await import('piscina');
  const { MessageChannel } = await import('node:worker_threads');
  // This file's own extension says which form is running: ./x.ts from the sources, ./x.js compiled.
  const workerUrl = new URL(
    `../audit/worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`,
    import.meta.url,
  );
  const pool = new Piscina({
    filename: workerUrl.href,
    // Compiled (dist/): plain JavaScript. From the sources (tests, `tsx`): the worker is TypeScript too,
    // so it loads through tsx, a devDependency that only a checkout of the repository has.
    execArgv: workerUrl.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [],
    maxThreads: flags.workers,
    minThreads: flags.workers,
  });
  const { hooks, stop } = progressHooks(flags.progress, totalSamples(flags));
  try {
    const shards = Array.from({ length: flags.workers }, (_, index) => {
      const { port1, port2 } = new MessageChannel();
      port1.on('message', (m: number | { item: string; samples: number }) => {
        if (typeof m === 'number') for (let i = 0; i < m; i++) hooks.onSample?.();
        else hooks.onItemStart?.(m.item);
      });
      const task = {
        impls: flags.impl,
        ...(flags.ids === undefined ? {} : { ids: flags.ids }),
        samples: flags.samples,
        seed: flags.seed,
        maxK: flags.maxK,
        climbEvaluations: flags.climb,
        shard: { index, count: flags.workers },
        port: port2,
      };
      return (pool.run(task, { transferList: [port2] }) as Promise<AuditReport>).finally(() => port1.close());
    });
    const merged = mergeReports(await Promise.all(shards));
    return merged;
  } finally {
    stop();
    await pool.destroy();
  }
}

interface ThrownCall {
  id: string;
  args: FloatArg[];
  message: string;
}

/** Wraps a subject set so that every call that throws is recorded (the audit itself records it as an infinite error). */
function recordThrows(set: SubjectSet, sink: ThrownCall[]): SubjectSet {
  return {
    ...set,
    get: (entry) => {
      const fn = set.get(entry);
      if (fn === undefined) return undefined;
      return (...args: FloatArg[]) => {
        try {
          return fn(...args);
        } catch (e) {
          sink.push({ id: entry.id, args, message: e instanceof Error ? e.message : String(e) });
          throw e;
        }
      };
    },
  };
}

export async function runAuditCommand(flags: AuditFlags, command: string): Promise<number> {
  const thrown: ThrownCall[] = [];
  if (flags.subject !== undefined && (flags.updateBaseline || flags.check)) {
    // The baseline holds the own kernels' budgets; a foreign subject's defects are findings.
    process.stderr.write('audit: --check and --update-baseline apply to the own kernels only, not to --subject\n');
    return 2;
  }
  // Read the baseline before any work: a run of minutes must not end in a missing file.
  let baseline: Baseline | undefined;
  if (flags.check) {
    try {
      baseline = readBaseline(flags.baseline);
    } catch (e) {
      const why = (e as { code?: string }).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      process.stderr.write(
        `audit --check: cannot read the baseline ${flags.baseline}: ${why} (write one with --update-baseline, or name it with --baseline FILE)\n`,
      );
      return 2;
    }
  }
  let report: AuditReport;
  if (flags.merge !== undefined) {
    report = mergeReports(flags.merge.map((f) => JSON.parse(readFileSync(f, 'utf8')) as AuditReport));
  } else if (flags.workers > 1 && flags.shard === undefined && flags.subject === undefined) {
    report = await runInWorkers(flags);
  } else {
    // A foreign subject runs on this thread (its loader is async and the piscina workers build the own
    // kernels only). A subject that cannot be loaded is a usage error (exit 2), not a finding.
    let subjects: SubjectSet[] = ownSubjects(flags.impl);
    if (flags.subject !== undefined) {
      try {
        subjects = [recordThrows(await loadSubject(flags.subject), thrown)];
      } catch (e) {
        process.stderr.write(
          `audit: the subject ${flags.subject} could not be loaded: ${e instanceof Error ? e.message : String(e)}\n`,
        );
        return 2;
      }
    }
    const { hooks, stop } = progressHooks(flags.progress, totalSamples(flags, subjects));
    try {
      report = runAudit(subjects, {
        ...(flags.ids === undefined ? {} : { ids: flags.ids }),
        samples: flags.samples,
        seed: flags.seed,
        maxK: flags.maxK,
        climbEvaluations: flags.climb,
        ...(flags.shard === undefined ? {} : { shard: flags.shard }),
        ...hooks,
      });
    } finally {
      stop();
    }
  }
  if (thrown.length > 0) {
    // A foreign subject's inaccuracy is a finding (exit 0); a subject that throws is broken (its loader,
    // its mapping of an id, or the library itself), and CI must see it.
    const first = thrown[0] as ThrownCall;
    process.stderr.write(
      `audit: the subject threw ${thrown.length} time(s); first: ${first.id}(${JSON.stringify(first.args)}): ${first.message}\n`,
    );
  }
  const outDir = resolve(
    flags.shard === undefined ? flags.out : join(flags.out, `shard-${flags.shard.index + 1}-of-${flags.shard.count}`),
  );
  const files = await writeReportFolder(outDir, report, command, flags.html && flags.shard === undefined);
  if (flags.json) process.stdout.write(`${toJson(report)}\n`);
  else {
    process.stdout.write(`${formatTable(SUMMARY_HEADER, summaryRows(report))}\n`);
    process.stdout.write(
      `\nseed ${report.seed}, ${report.samples} samples per regime, ${(report.elapsedMs / 1000).toFixed(1)} s; report: ${files.join(', ')}\n`,
    );
  }
  if (flags.updateBaseline) {
    writeBaseline(flags.baseline, baselineFromReport(report));
    process.stderr.write(`baseline written to ${flags.baseline}\n`);
  }
  if (baseline !== undefined) {
    const violations = checkAgainstBaseline(report, baseline);
    for (const v of violations) process.stderr.write(`budget exceeded: ${v.message}\n`);
    if (violations.length > 0) {
      process.stderr.write(`audit --check: ${violations.length} budget(s) exceeded (baseline ${flags.baseline})\n`);
      return 1;
    }
    process.stderr.write(`audit --check: every measured error is within its budget (baseline ${flags.baseline})\n`);
  }
  return thrown.length > 0 ? 1 : 0;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description("audit the package's own kernels against the exact reference, per id and regime")
    .option('--ids <ids>', 'comma-separated catalogue ids (default: all)', parseIds)
    .option('--impl <impls>', 'implementations: float64,float32,naive', parseImpls, [...IMPLS])
    .option(
      '--subject <name>',
      `audit a foreign implementation instead of the own kernels: ${FOREIGN_SUBJECTS.join(', ')} (single-threaded; budget FOREIGN_BUDGET_ULPS)`,
      parseSubject,
    )
    .option('--samples <n>', 'samples per regime', positiveInt('--samples'), 200)
    .option('--seed <n>', 'seed of the input generators (printed in every report)', parseSeed, 1)
    .option('--max-k <n>', 'largest vector length generated', positiveInt('--max-k'), 64)
    .option(
      '--climb <n>',
      'evaluations for the climb from the worst inputs, per regime',
      nonNegativeInt('--climb'),
      200,
    )
    .option('--out <dir>', 'report folder', 'reports/audit')
    .option('--json', 'print the report as JSON on stdout')
    .option('--check', 'fail (exit 1) when a measured error exceeds its budget in the baseline')
    .option('--update-baseline', 'rewrite the baseline from this run')
    .option('--baseline <file>', 'baseline file', DEFAULT_BASELINE)
    .option('--shard <i/n>', 'run only shard i of n (deterministic split by id × implementation)', parseShard)
    .option('--merge <files...>', 'merge shard report.json files instead of running')
    .option(
      '--workers <n>',
      'worker threads (each runs one shard; results equal a single-threaded run)',
      positiveInt('--workers'),
      1,
    )
    .addOption(new Option('--no-progress', 'no progress bar'))
    .addOption(new Option('--no-html', 'skip index.html'))
    .exitOverride(exitOnUsageError)
    .action(async (flags: Omit<AuditFlags, 'progress'> & { progress: boolean }) => {
      const progress: ProgressMode = !flags.progress ? 'off' : process.stderr.isTTY === true ? 'bar' : 'lines';
      const command = ['lossproof', ...process.argv.slice(2)].join(' ');
      process.exitCode = await runAuditCommand({ ...flags, progress }, command);
    });
}
