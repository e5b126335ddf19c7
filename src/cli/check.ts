/**
 * `lossproof check MODULE` (docs/check.md): audits someone else's implementation. Every named export of
 * MODULE whose name is a catalogue id is audited as a float64 (or, with --dtype float32, float32)
 * implementation against the reference with the audit's generators, and checked against the claims
 * that concern it (src/check/claims.ts). Each export runs in a worker thread with a time limit per
 * call, so an export that never returns is reported with its input and the others are still audited.
 *
 * Exit status: 0 every audited function passes, 1 any fails, 2 the module cannot be loaded or the
 * arguments are wrong (commander's own usage errors exit 2 as well, see registerCheck).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { fmtUlp } from '../audit/baseline.ts';
import { checkModule, ModuleLoadError } from '../check/module.ts';
import {
  type CheckedFunction,
  type CheckReport,
  DEFAULT_MAX_ULP,
  DEFAULT_SAMPLES,
  DEFAULT_TIMEOUT_MS,
} from '../check/run.ts';
import type { Dtype } from '../numeric/float.ts';
import { toJson } from '../report/json.ts';
import { exitOnUsageError, formatTable, parseSeed, positiveInt } from './options.ts';

export interface CheckFlags {
  dtype: Dtype;
  json?: boolean;
  maxUlp: number;
  seed: number;
  samples: number;
  timeout: number;
  maxK: number;
  /** A program speaking docs/protocol.md, instead of a module. */
  exec?: string;
}

function parseMaxUlp(raw: string): number {
  const v = Number(raw);
  if (!(v > 0) || !Number.isFinite(v))
    throw new InvalidArgumentError(`--max-ulp must be a positive number of ULPs, got ${JSON.stringify(raw)}`);
  return v;
}

const bits = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '∞');

/** The report as text: a table, then per failing function its worst input, failed claims and problems. */
export function formatCheckReport(r: CheckReport): string {
  const rows = r.functions.map((f) => [
    f.id,
    f.verdict === 'pass' ? 'pass' : 'FAIL',
    f.audit,
    fmtUlp(f.maxUlp),
    bits(f.maxBits),
    f.failedClaims.join(', ') || (f.claims.length > 0 ? 'all hold' : '—'),
    f.problem !== undefined ? `${f.problem.kind} at ${toJson(f.problem.args ?? [])}` : toJson(f.worst?.args ?? []),
  ]);
  const out: string[] = [];
  out.push(
    `lossproof check ${r.module} (${r.dtype}, budget ${fmtUlp(r.maxUlp)} ULPs, seed ${r.seed}, ${r.samples} samples per regime)`,
    '',
  );
  if (r.functions.length === 0) out.push('no export is named after a catalogue id: nothing to check');
  else out.push(formatTable(['id', '', 'audit', 'max ULP', 'bits', 'claims failed', 'worst input'], rows, 70));
  const failing = r.functions.filter((f) => f.verdict === 'fail');
  if (failing.length > 0) out.push('', 'Failures:');
  for (const f of failing) out.push(...describeFailure(f));
  if (r.ignored.length > 0) out.push('', `ignored (not catalogue ids): ${r.ignored.join(', ')}`);
  out.push(
    '',
    `${r.functions.length - failing.length} passed, ${failing.length} failed in ${(r.elapsedMs / 1000).toFixed(1)} s. Replay: ${r.replay}`,
  );
  return `${out.join('\n')}\n`;
}

function describeFailure(f: CheckedFunction): string[] {
  const lines: string[] = [];
  if (f.problem !== undefined) {
    lines.push(
      `- ${f.id}: ${f.problem.message}${f.problem.args === undefined ? '' : ` at args ${toJson(f.problem.args)}`}`,
    );
    return lines;
  }
  if (f.audit === 'unstable' || f.audit === 'wrong') {
    const w = f.worst;
    if (w !== undefined) {
      lines.push(
        `- ${f.id}: ${w.verdict} at args ${toJson(w.args)} (${w.regime} regime): got ${toJson(w.got)}, exact ${toJson(w.exact)}, ${fmtUlp(w.ulps)} ULPs${w.kappa === undefined ? '' : `, κ = ${w.kappa.toPrecision(3)}`}`,
      );
    }
  }
  for (const c of f.claims) {
    if (c.status !== 'fail') continue;
    const name = c.claim === undefined ? `${f.id}:${c.check}` : `${c.claim} (${c.check})`;
    lines.push(
      `- ${f.id}: claim ${name} fails${c.counterexample === undefined ? '' : ` at args ${toJson(c.counterexample.args)}: ${c.counterexample.detail}`}`,
    );
  }
  return lines;
}

/**
 * Writes the report and returns the exit status: 0 pass, 1 a function fails, and 2 when nothing was
 * checked (no export named after a catalogue id): a gate must not pass a module whose exports were
 * renamed away from the ids.
 */
function reportExit(report: CheckReport, flags: CheckFlags, io: CheckIo): number {
  io.out.write(flags.json ? `${toJson(report)}\n` : formatCheckReport(report));
  if (report.functions.length === 0) {
    io.err.write(
      `lossproof check: no export is named after a catalogue id${report.ignored.length > 0 ? ` (exports: ${report.ignored.join(', ')})` : ''}; the ids are listed in docs/catalogue.md\n`,
    );
    return 2;
  }
  return report.pass ? 0 : 1;
}

/** Where the command writes (process.stdout / process.stderr by default; tests pass collectors). */
export interface CheckIo {
  out: { write: (s: string) => unknown };
  err: { write: (s: string) => unknown };
}

/** Runs the command; returns the exit status (0 pass, 1 a function fails, 2 the module cannot be loaded). */
export function runCheckCommand(
  module: string,
  flags: CheckFlags,
  io: CheckIo = { out: process.stdout, err: process.stderr },
): number {
  let report: CheckReport;
  try {
    report = checkModule(module, {
      dtype: flags.dtype,
      maxUlp: flags.maxUlp,
      samples: flags.samples,
      seed: flags.seed,
      timeoutMs: flags.timeout,
      maxK: flags.maxK,
      ...(flags.json ? {} : { onFunction: (f) => io.err.write(`checked ${f.id}: ${f.verdict}\n`) }),
    });
  } catch (e) {
    if (e instanceof ModuleLoadError) {
      io.err.write(`lossproof check: cannot load ${module}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return reportExit(report, flags, io);
}

/**
 * `check --exec "COMMAND"`: the same check for a program in any language (docs/protocol.md). A
 * program that cannot be started or does not complete its handshake exits 2, like a module that
 * does not load.
 */
export async function runExecCheckCommand(
  command: string,
  flags: CheckFlags,
  io: CheckIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const { checkExec, ExecStartError } = await import('../subjects/exec.ts');
  let report: CheckReport;
  try {
    report = await checkExec(command, {
      dtype: flags.dtype,
      maxUlp: flags.maxUlp,
      samples: flags.samples,
      seed: flags.seed,
      timeoutMs: flags.timeout,
      maxK: flags.maxK,
      ...(flags.json ? {} : { onFunction: (f: CheckedFunction) => io.err.write(`checked ${f.id}: ${f.verdict}\n`) }),
    });
  } catch (e) {
    if (e instanceof ExecStartError) {
      io.err.write(`lossproof check: cannot start ${JSON.stringify(command)}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return reportExit(report, flags, io);
}

/** Registers `check MODULE` (and `check --exec COMMAND`) on the program. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description("audit a module's named exports (catalogue ids) against the exact reference and the claims")
    .argument('[module]', 'a JavaScript module whose named exports use catalogue ids')
    .option('--exec <command>', 'check a program in any language that speaks docs/protocol.md, instead of a module')
    .addOption(
      new Option('--dtype <dtype>', 'float format of inputs and results')
        .choices(['float64', 'float32'])
        .default('float64'),
    )
    .option('--json', 'print the report as one JSON document')
    .option('--max-ulp <n>', 'the ULP budget (verdicts allow budget·(1 + κ))', parseMaxUlp, DEFAULT_MAX_ULP)
    .option('--seed <n>', 'seed of the input generators (printed for replay)', parseSeed, 1)
    .option('--samples <n>', 'samples per regime', positiveInt('--samples'), DEFAULT_SAMPLES)
    .option('--max-k <n>', 'largest vector length generated', positiveInt('--max-k'), 16)
    .option('--timeout <ms>', 'time limit per call, in ms', positiveInt('--timeout'), DEFAULT_TIMEOUT_MS)
    // docs/check.md#exit-status: wrong arguments exit 2 (commander's default for usage errors is 1).
    .exitOverride(exitOnUsageError)
    .action(async (module: string | undefined, flags: CheckFlags) => {
      if ((module === undefined) === (flags.exec === undefined)) {
        process.stderr.write('lossproof check: give either a MODULE or --exec "COMMAND" (not both)\n');
        process.exitCode = 2;
        return;
      }
      process.exitCode =
        flags.exec !== undefined
          ? await runExecCheckCommand(flags.exec, flags)
          : runCheckCommand(module as string, flags);
    });
}
