/**
 * The `lossproof` command line: one file per command under `src/cli/` (SPEC §4.2–4.3).
 *
 * Run as `lossproof <command>` through `bin/lossproof.js`, or `npm run lossproof -- <command>`.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerAudit } from './audit.ts';
import { registerCheck } from './check.ts';
import { registerEval } from './eval.ts';
import { registerExperiments } from './experiments.ts';
import { registerGradcheck } from './gradcheck.ts';

/** The program with every command registered. */
export function createProgram(): Command {
  const program = new Command('lossproof')
    .description('exact references and audits for the loss functions of machine learning')
    .version('0.1.0');
  registerEval(program);
  registerAudit(program);
  registerCheck(program);
  registerExperiments(program);
  registerGradcheck(program);
  return program;
}

/** Parses `argv` (as process.argv: node, script, ...) and runs the command; the exit code is set on process. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  await createProgram().parseAsync([...argv]);
}

// Run when this file is the entry point (`tsx src/cli/main.ts`); bin/lossproof.js calls main itself.
const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))) {
  await main();
}
