/**
 * The `lossproof` command line: one file per command under `src/cli/` (docs/eval.md, docs/check.md).
 *
 * Run as `lossproof <command>` (the package's bin, `bin/lossproof.js`, loads the compiled `dist/`).
 *
 * Start-up: a command's module pulls in what it needs (the catalogue, the reference, and for some the
 * plotting or symbolic libraries), so only the command named on the command line is loaded;
 * `--version` loads none, and `--help` or an unknown command loads them all (their options are the
 * help text).
 */
import { createRequire } from 'node:module';
import { Command } from 'commander';

type Register = (program: Command) => void;

/** The commands in help order, each loaded only when needed. */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  eval: async () => (await import('./eval.ts')).registerEval,
  audit: async () => (await import('./audit.ts')).registerAudit,
  check: async () => (await import('./check.ts')).registerCheck,
  experiments: async () => (await import('./experiments.ts')).registerExperiments,
  gradcheck: async () => (await import('./gradcheck.ts')).registerGradcheck,
};

/** The package's version, read from its package.json (two levels up from src/cli/ and from dist/cli/). */
export function packageVersion(): string {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
  return pkg.version;
}

/** The command named by `args` (the arguments after node and the script), if it is one of ours. */
function commandNamed(args: readonly string[]): string | undefined {
  const first = args.find((a) => !a.startsWith('-'));
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : undefined;
}

/**
 * The program with the commands `args` needs registered: the one it names, or every command when
 * it names none of them (help, an unknown command).
 */
export async function createProgram(args: readonly string[] = []): Promise<Command> {
  const program = new Command('lossproof')
    .description('exact references and audits for the loss functions of machine learning')
    .version(packageVersion());
  const named = commandNamed(args);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return program;
  const loaders = named !== undefined ? [COMMANDS[named]] : Object.values(COMMANDS);
  for (const load of loaders) if (load !== undefined) (await load())(program);
  return program;
}

/** Parses `argv` (as process.argv: node, script, ...) and runs the command; the exit code is set on process. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = await createProgram(argv.slice(2));
  await program.parseAsync([...argv]);
}
