/**
 * The CI recipe of docs/ci.md, run locally: the commands are read from examples/ci/lossproof.yml (so
 * this file breaks when the recipe drifts from the CLI), GitHub's expressions are substituted with the
 * matrix values, `npx lossproof` becomes `node bin/lossproof.js`, and each command runs through `sh`
 * in a temporary folder, as a subprocess. The audit is reduced (two ids, few samples, short vectors, a short climb);
 * the shards merged by the recipe's merge command must equal a single run of the same settings.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditReport } from '../../src/audit/run.ts';
import type { CheckReport } from '../../src/check/run.ts';

const WORKFLOW = readFileSync(resolve('examples/ci/lossproof.yml'), 'utf8');
const BIN = resolve('bin/lossproof.js');
/** How the recipe's `npx lossproof` is run here (the package is not installed in its own node_modules). */
const LOSSPROOF = `"${process.execPath}" "${BIN}"`;

/** The reduced audit: flags appended to every audit command, and the settings overriding the workflow's env. */
const REDUCED = '--ids sigmoid,softmax --climb 20';
const AUDIT_ENV = { AUDIT_SAMPLES: '8', AUDIT_MAX_K: '4' };
/** The reduced check: spliced in after the module path. */
const CHECK_ARGS = '--samples 10 --max-k 4';

/** The one `run: npx lossproof …` line of the workflow that contains `marker`. */
function runLine(marker: string): string {
  const lines = [...WORKFLOW.matchAll(/^\s*run:\s*(npx lossproof .+)$/gm)].map((m) => (m[1] as string).trim());
  const found = lines.filter((l) => l.includes(marker));
  if (found.length !== 1) throw new Error(`expected one 'run: npx lossproof …${marker}…' line, found ${found.length}`);
  return found[0] as string;
}

/** The workflow's top-level `env:` block. */
function workflowEnv(): Record<string, string> {
  const block = /^env:\n((?:[ \t]+.*\n|\n)+)/m.exec(WORKFLOW)?.[1] ?? '';
  const env: Record<string, string> = {};
  // A plain, single-quoted or double-quoted YAML scalar (biome formats them double-quoted).
  for (const m of block.matchAll(/^ {2}([A-Z_][A-Z0-9_]*):\s*(['"]?)([^'"#\n]*?)\2\s*(?:#.*)?$/gm))
    env[m[1] as string] = m[3] as string;
  return env;
}

/** The shard matrix, `shard: [1, 2, …]`. */
function shardMatrix(): number[] {
  const m = /^\s*shard:\s*\[([\d,\s]+)\]\s*$/m.exec(WORKFLOW);
  if (m === null) throw new Error('no `shard: [1, 2, …]` matrix in the workflow');
  return (m[1] as string).split(',').map((s) => Number(s.trim()));
}

/** Substitutes GitHub expressions and `npx lossproof`; any expression this test does not know is an error. */
function local(command: string, expressions: Record<string, string> = {}): string {
  const out = command
    .replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (all, name: string) => expressions[name] ?? all)
    .replace(/^npx lossproof /, `${LOSSPROOF} `);
  if (out.includes('${{')) throw new Error(`unknown GitHub expression in ${JSON.stringify(command)}`);
  return out;
}

interface Ran {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command line through sh in `cwd`, with the workflow's env (overridden by the reduction). */
function sh(command: string, cwd: string): Promise<Ran> {
  const opts: SpawnOptions = { cwd, env: { ...process.env, ...workflowEnv(), ...AUDIT_ENV } };
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', command], opts);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ command, code, stdout, stderr }));
  });
}

const explain = (r: Ran) => `${r.command}\nexit ${r.code}\n${r.stderr.slice(-2000)}`;

/** A report without the fields that carry times (startedAt, elapsedMs) or the shard it came from. */
function comparable(path: string): Omit<AuditReport, 'startedAt' | 'elapsedMs' | 'shard'> {
  const { startedAt: _s, elapsedMs: _e, shard: _h, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as AuditReport;
  return rest;
}

describe('the workflow', () => {
  test('the shard jobs upload the folder the shard command writes, and the merge job downloads it there', () => {
    const out = / --out (\S+)/.exec(runLine('audit --shard'))?.[1];
    expect(out).toBeDefined();
    // upload-artifact (shard jobs) and download-artifact (merge job) both name that folder.
    expect(WORKFLOW.match(new RegExp(`^\\s*path: ${out}$`, 'gm'))?.length).toBe(2);
    expect(runLine('audit --merge')).toContain(` ${out}/shard-*/report.json `);
    expect(shardMatrix().length).toBeGreaterThan(1);
  });
});

describe('the audit recipe: shards, merged, equal one run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lossproof-ci-audit-'));
  const shards = shardMatrix();
  let shardRuns: Ran[] = [];
  let single: Ran;
  let merge: Ran;
  beforeAll(async () => {
    const shardCommand = runLine('audit --shard');
    const total = String(shards.length);
    // The single run: the shard command without --shard, into its own folder, and writing the baseline
    // the merge command's --check reads (from the same settings, as docs/ci.md says to make it).
    const baseline = / --baseline (\S+)/.exec(runLine('audit --merge'))?.[1] ?? 'lossproof-baseline.json';
    const singleCommand = local(shardCommand, { 'matrix.shard': '1', 'strategy.job-total': total })
      .replace(/ --shard \S+/, '')
      .replace(/ --out \S+/, ' --out single');
    [single, ...shardRuns] = await Promise.all([
      sh(`${singleCommand} ${REDUCED} --update-baseline --baseline ${baseline}`, dir),
      ...shards.map((i) =>
        sh(`${local(shardCommand, { 'matrix.shard': String(i), 'strategy.job-total': total })} ${REDUCED}`, dir),
      ),
    ]);
    merge = await sh(local(runLine('audit --merge')), dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('every shard command exits 0 and writes <out>/shard-<i>-of-<n>/report.json', () => {
    expect(shardRuns).toHaveLength(shards.length);
    shardRuns.forEach((r, k) => {
      expect(r.code, explain(r)).toBe(0);
      expect(existsSync(join(dir, 'shards', `shard-${shards[k]}-of-${shards.length}`, 'report.json'))).toBe(true);
    });
    expect(single.code, explain(single)).toBe(0);
  });

  test('the merge command exits 0, passes --check and writes report.json, report.md and index.html', () => {
    expect(merge.code, explain(merge)).toBe(0);
    expect(merge.stderr).toContain('audit --check: every measured error is within its budget');
    const out = / --out (\S+)/.exec(runLine('audit --merge'))?.[1] as string;
    for (const f of ['report.json', 'report.md', 'index.html']) expect(existsSync(join(dir, out, f)), f).toBe(true);
  });

  test('the merged report.json equals the single run of the same seed, samples and ids (times aside)', () => {
    const out = / --out (\S+)/.exec(runLine('audit --merge'))?.[1] as string;
    const merged = comparable(join(dir, out, 'report.json'));
    const one = comparable(join(dir, 'single', 'report.json'));
    expect(merged.results.map((r) => `${r.id}/${r.subject}`)).toEqual([
      'sigmoid/float64',
      'sigmoid/float32',
      'softmax/float64',
      'softmax/float32',
    ]);
    expect(merged.seed).toBe(Number(workflowEnv().AUDIT_SEED));
    expect(merged.samples).toBe(Number(AUDIT_ENV.AUDIT_SAMPLES));
    expect(merged).toEqual(one);
  });
});

describe('the gate recipe: lossproof check --json', () => {
  const gate = runLine('npx lossproof check ');
  /** The gate command on `module` in a fresh folder: its exit code and its JSON report. */
  async function gateOn(module: string) {
    expect(gate).toContain('path/to/losses.js');
    const dir = mkdtempSync(join(tmpdir(), 'lossproof-ci-check-'));
    const out = / > (\S+)$/.exec(gate)?.[1] as string;
    try {
      const ran = await sh(local(gate.replace('path/to/losses.js', `"${module}" ${CHECK_ARGS}`)), dir);
      return { ran, json: readFileSync(join(dir, out), 'utf8') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('examples/careful.js: exit 0, the report passes', async () => {
    const { ran, json } = await gateOn(resolve('examples/careful.js'));
    expect(ran.code, explain(ran)).toBe(0);
    const r = JSON.parse(json) as CheckReport;
    expect(r.pass).toBe(true);
    expect(r.functions.length).toBeGreaterThan(0);
  });

  test('examples/buggy.js: exit 1, the report is JSON, names the seed and the command that replays it', async () => {
    const { ran, json } = await gateOn(resolve('examples/buggy.js'));
    expect(ran.code, explain(ran)).toBe(1);
    const r = JSON.parse(json) as CheckReport;
    expect(r.pass).toBe(false);
    expect(r.seed).toBe(1);
    expect(r.replay).toMatch(/^lossproof check .*buggy\.js --seed 1 --samples 10 --max-k 4$/);
    expect(r.functions.filter((f) => f.verdict === 'fail').map((f) => f.id)).toContain('sigmoid');
  });

  test('a module that cannot be loaded: exit 2', async () => {
    const { ran } = await gateOn(resolve('examples/no-such-module.js'));
    expect(ran.code, explain(ran)).toBe(2);
    expect(ran.stderr).toContain('cannot load');
  });
});
