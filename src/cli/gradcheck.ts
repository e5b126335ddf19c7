/**
 * `lossproof gradcheck`: checks a user's float64 gradient (an export of a JavaScript module) against
 * the exact symbolic derivative of a loss given as a mathjs expression (src/oracles/gradcheck.ts).
 *
 *   lossproof gradcheck --expr 'log(1 + exp(z)) - y * z' --wrt z --module grad.js --export bceGrad \
 *     --range z=-50:50 --range y=label
 *
 * The gradient takes the variables in `--vars` order (default: order of first appearance in the
 * expression). The module runs in a worker thread with a time limit per call (src/check/bridge.ts),
 * so a gradient that never returns is reported, not waited on.
 * Exit status: 0 pass, 1 fail, 2 a usage error (bad expression, unbound variable, module that does
 * not load, missing export, gradient that throws or returns the wrong shape).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';
import { fmtUlp } from '../audit/baseline.ts';
import { ModuleHost, ModuleLoadError } from '../check/bridge.ts';
import type { GradcheckReport } from '../oracles/gradcheck.ts';
import { GradcheckError, REGIME_NAMES, type RegimeNameArg, type VariableRange } from '../oracles/gradcheck-options.ts';
import { exitOnUsageError, parseSeed, positiveInt } from './options.ts';

interface GradcheckFlags {
  expr: string;
  wrt: string;
  vars?: string;
  module: string;
  export: string;
  range: Record<string, VariableRange>;
  samples: number;
  seed: number;
  maxUlp: number;
  timeout: number;
  json?: boolean;
}

/** `NAME=LO:HI` or `NAME=REGIME`, accumulated into a record. */
function parseRange(raw: string, acc: Record<string, VariableRange>): Record<string, VariableRange> {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(raw);
  if (m === null)
    throw new InvalidArgumentError(`--range must be NAME=LO:HI or NAME=REGIME, got ${JSON.stringify(raw)}`);
  const [, name, spec] = m as unknown as [string, string, string];
  if ((REGIME_NAMES as readonly string[]).includes(spec)) return { ...acc, [name]: spec as RegimeNameArg };
  const parts = spec.split(':');
  const lo = Number(parts[0]);
  const hi = Number(parts[1]);
  if (
    parts.length !== 2 ||
    parts[0] === '' ||
    parts[1] === '' ||
    !Number.isFinite(lo) ||
    !Number.isFinite(hi) ||
    lo > hi
  )
    throw new InvalidArgumentError(
      `--range ${name}: expected LO:HI with finite LO ≤ HI, or one of ${REGIME_NAMES.join(', ')}; got ${JSON.stringify(spec)}`,
    );
  return { ...acc, [name]: [lo, hi] };
}

function parseMaxUlp(raw: string): number {
  const v = Number(raw);
  if (!(v > 0) || !Number.isFinite(v))
    throw new InvalidArgumentError(`--max-ulp must be a positive number of ULPs, got ${JSON.stringify(raw)}`);
  return v;
}

/** The report as text. */
export function formatGradcheck(r: GradcheckReport, flags: Pick<GradcheckFlags, 'expr' | 'export'>): string {
  const lines = [
    `lossproof gradcheck ${flags.export} against d/d(${Object.keys(r.derivatives).join(', ')}) of ${flags.expr}`,
    ...Object.entries(r.derivatives).map(([w, d]) => `  ∂/∂${w} = ${d}`),
    `${r.pass ? 'pass' : 'FAIL'}: max error ${fmtUlp(r.maxUlp)} ULPs (budget ${fmtUlp(r.budget)} float64 ULPs) over ${r.samples} samples`,
  ];
  const show = (label: string, s: GradcheckReport['worst']) => {
    if (s === undefined) return;
    lines.push(
      `${label}: ${JSON.stringify(s.args)} got ${JSON.stringify(s.got)} exact [${s.exact.join(', ')}] (${fmtUlp(s.ulp)} ULPs)`,
    );
  };
  show('worst input', r.worst);
  show('shrunk failing input', r.counterexample);
  lines.push(`Replay: ${r.replay}`);
  return `${lines.join('\n')}\n`;
}

/** Registers `gradcheck` on the program (wired by src/cli/main.ts). */
export function registerGradcheck(program: Command): void {
  program
    .command('gradcheck')
    .description("check a module's float64 gradient against the exact symbolic derivative of a mathjs expression")
    .requiredOption('--expr <expression>', 'the loss as a mathjs expression, e.g. "log(1 + exp(z)) - y * z"')
    .requiredOption(
      '--wrt <names>',
      'variable(s) differentiated, comma-separated (several: the gradient returns an array)',
    )
    .option(
      '--vars <names>',
      'the gradient function’s parameters in order, comma-separated (default: order of appearance)',
    )
    .requiredOption('--module <file>', 'JavaScript module holding the gradient')
    .requiredOption('--export <name>', 'the export to check')
    .option(
      '--range <name=lo:hi|name=regime>',
      `inputs of a variable (regimes: ${REGIME_NAMES.join(', ')}); repeatable`,
      parseRange,
      {},
    )
    .option('--samples <n>', 'inputs generated', positiveInt('--samples'), 200)
    .option('--seed <n>', 'fast-check seed (printed for replay)', parseSeed, 42)
    .option('--max-ulp <n>', 'budget in float64 ULPs of the exact gradient', parseMaxUlp, 4)
    .option('--timeout <ms>', 'time limit per call, in ms', positiveInt('--timeout'), 2000)
    .option('--json', 'print the report as one JSON document')
    .exitOverride(exitOnUsageError)
    .action(async (flags: GradcheckFlags) => {
      // mathjs (the symbolic oracle) loads only when the command runs, not for its options or help.
      const { gradcheck, variablesOf } = await import('../oracles/gradcheck.ts');
      const fail = (msg: string) => {
        process.stderr.write(`lossproof gradcheck: ${msg}\n`);
        process.exitCode = 2;
      };
      let host: ModuleHost | undefined;
      try {
        const variables =
          flags.vars !== undefined ? flags.vars.split(',').map((s) => s.trim()) : variablesOf(flags.expr);
        const wrt = flags.wrt.split(',').map((s) => s.trim());
        host = ModuleHost.open(pathToFileURL(resolve(flags.module)).href, flags.timeout * 5);
        if (!host.module.functions.includes(flags.export)) {
          fail(
            `${flags.module} has no function export named ${flags.export} (function exports: ${host.module.functions.join(', ') || 'none'})`,
          );
          return;
        }
        const h = host;
        const report = gradcheck({
          expression: flags.expr,
          variables,
          wrt: wrt.length === 1 ? (wrt[0] as string) : wrt,
          ranges: flags.range,
          samples: flags.samples,
          seed: flags.seed,
          maxUlp: flags.maxUlp,
          gradient: (...args: number[]) => {
            const o = h.call(flags.export, args, flags.timeout);
            if (o.kind === 'value') return o.value;
            if (o.kind === 'error') throw new Error(o.message);
            throw new Error(`did not return within ${o.ms} ms`);
          },
        });
        process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : formatGradcheck(report, flags));
        process.exitCode = report.pass ? 0 : 1;
      } catch (e) {
        if (e instanceof GradcheckError || e instanceof ModuleLoadError) fail(e.message);
        else throw e;
      } finally {
        host?.close();
      }
    });
}
