/**
 * `lossproof check MODULE` (docs/check.md): the careful example passes, the buggy one fails for the
 * reasons it was written to exhibit, and bad modules (throws, NaN everywhere, wrong shapes, an
 * endless loop, a syntax error, a missing file) are reported per export with the input, without
 * crashing the run. Few samples and short vectors keep the file to a few seconds per module.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { findEntry } from '../../src/catalogue/index.ts';
import { checkModule } from '../../src/check/module.ts';
import type { CheckReport } from '../../src/check/run.ts';
import { type CheckFlags, runCheckCommand } from '../../src/cli/check.ts';
import { decodeFloat } from '../../src/report/json.ts';

const FIX = 'properties/fixtures/modules';
const FLAGS: CheckFlags = { dtype: 'float64', maxUlp: 8, seed: 1, samples: 8, timeout: 2000, maxK: 4 };
const opts = (over: Partial<CheckFlags> = {}) => {
  const f = { ...FLAGS, ...over };
  return { dtype: f.dtype, maxUlp: f.maxUlp, seed: f.seed, samples: f.samples, timeoutMs: f.timeout, maxK: f.maxK };
};

/** Runs the command in-process, capturing stdout and stderr. */
function run(module: string, over: Partial<CheckFlags> = {}) {
  let out = '';
  let err = '';
  const io = {
    out: {
      write: (s: string) => {
        out += s;
      },
    },
    err: {
      write: (s: string) => {
        err += s;
      },
    },
  };
  const code = runCheckCommand(module, { ...FLAGS, ...over }, io);
  return { code, out, err };
}

const fn = (r: CheckReport, id: string) => {
  const f = r.functions.find((x) => x.id === id);
  if (f === undefined) throw new Error(`${id} was not checked; checked: ${r.functions.map((x) => x.id).join(', ')}`);
  return f;
};

/** The catalogue ids among a list of export names (the set check must audit). */
const ids = (names: string[]) => names.filter((n) => findEntry(n) !== undefined);

describe('check examples/careful.js', () => {
  test('every export that is a catalogue id passes; other exports are ignored', async () => {
    // A computed specifier: the example is plain JavaScript with no type declarations.
    const mod = (await import(resolve('examples/careful.js'))) as Record<string, unknown>;
    const r = checkModule('examples/careful.js', opts());
    expect(r.functions.map((f) => f.id).sort()).toEqual(ids(Object.keys(mod)).sort());
    expect(r.ignored).toEqual(['version']);
    for (const f of r.functions) {
      expect(f.verdict, `${f.id}: ${JSON.stringify(f.worst)} ${JSON.stringify(f.claims)}`).toBe('pass');
      // Claims that concern the id were run, and hold.
      for (const c of f.claims) expect(c.status, `${f.id} ${c.check}`).toBe('pass');
    }
    expect(fn(r, 'sigmoid').claims.map((c) => c.claim)).toContain('EQ-1');
    expect(fn(r, 'bceWithLogitsGrad').claims.map((c) => c.claim)).toEqual(expect.arrayContaining(['SIG-1', 'SIG-7']));
    expect(r.pass).toBe(true);
  });
});

describe('check examples/buggy.js', () => {
  let code = -1;
  let r: CheckReport;
  beforeAll(() => {
    const res = run('examples/buggy.js', { json: true });
    code = res.code;
    r = JSON.parse(res.out) as CheckReport;
  });

  test('exits 1 and reports the shape of docs/check.md', () => {
    expect(code).toBe(1);
    expect(r.pass).toBe(false);
    for (const f of r.functions) {
      expect(f).toHaveProperty('id');
      expect(['pass', 'fail']).toContain(f.verdict);
      expect(f).toHaveProperty('maxUlp');
      expect(f.worst).toHaveProperty('args');
      expect(f.worst).toHaveProperty('got');
      expect(f.worst).toHaveProperty('exact');
    }
    expect(r.replay).toBe('lossproof check examples/buggy.js --seed 1 --samples 8 --max-k 4');
  });

  test('the wrong sign (y − σ(z)) is judged wrong and fails SIG-1 and SIG-7', () => {
    const f = fn(r, 'bceWithLogitsGrad');
    expect(f.verdict).toBe('fail');
    expect(f.audit).toBe('wrong');
    expect(f.failedClaims).toEqual(expect.arrayContaining(['SIG-1', 'SIG-7']));
    const w = f.worst!;
    // got and the exact value have opposite signs at the reported input.
    expect(Math.sign(decodeFloat(w.got)) * Math.sign(Number(w.exact))).toBe(-1);
  });

  test('the clamp to [1e−7, 1 − 1e−7] pins bceWithLogits between a floor and a cap the exact loss crosses', () => {
    const f = fn(r, 'bceWithLogits');
    expect(f.verdict).toBe('fail');
    expect(['wrong', 'unstable']).toContain(f.audit);
    // With p clamped, the loss is at most max(−log 1e−7, −log(1 − fl(1 − 1e−7))) ≈ 16.118 (the y = 0
    // branch takes the log of the rounded complement) and at least −log(fl(1 − 1e−7)) ≈ 1.0e−7.
    // The worst input is one of the two clamps: a loss above the cap, or a tiny loss below the floor.
    const cap = Math.max(-Math.log(1e-7), -Math.log(1 - (1 - 1e-7)));
    const floor = Math.min(-Math.log(1 - 1e-7), -Math.log1p(-1e-7));
    const got = decodeFloat(f.worst!.got);
    const exact = Number(f.worst!.exact);
    const capped = got <= cap && exact > cap;
    const floored = got >= floor && exact < floor;
    expect(capped || floored, `got ${got}, exact ${exact}`).toBe(true);
  });

  test('log(1 + e^z) overflows to ∞ (an infinite error) and breaks the bound EQ-6', () => {
    const f = fn(r, 'softplus');
    expect(f.verdict).toBe('fail');
    expect(f.audit).toBe('wrong');
    expect(f.failedClaims).toContain('EQ-6');
    const c = f.claims.find((x) => x.claim === 'EQ-6')!;
    expect(c.counterexample?.detail).toMatch(/^softplus = "Infinity" > max\(0, z\) \+ ln 2/);
  });
});

describe('check with bad modules', () => {
  test('an export that throws is reported with the input and the message; a non-function id too', () => {
    const r = checkModule(`${FIX}/throws.js`, opts());
    const s = fn(r, 'sigmoid');
    expect(s.verdict).toBe('fail');
    expect(s.audit).toBe('wrong');
    expect(s.worst!.got).toEqual({ error: 'RangeError: negative logits are not supported' });
    expect(s.worst!.args[0] as number).toBeLessThan(0);
    const p = fn(r, 'softplus');
    expect(p.verdict).toBe('fail');
    expect(p.problem?.kind).toBe('not-a-function');
  });

  test('NaN everywhere is wrong for every export', () => {
    const r = checkModule(`${FIX}/nan.js`, opts());
    expect(r.functions.map((f) => f.id).sort()).toEqual(['bceWithLogits', 'sigmoid']);
    for (const f of r.functions) {
      expect(f.audit).toBe('wrong');
      expect(Number.isNaN(f.worst!.got as number)).toBe(true);
    }
  });

  test('wrong shapes are named: an array for a number, a number for a vector, a string', () => {
    const r = checkModule(`${FIX}/shape.js`, opts());
    const msg = (id: string) => (fn(r, id).worst!.got as { error: string }).error;
    expect(msg('sigmoid')).toBe('returned an array of length 1; sigmoid returns a number');
    expect(msg('softmax')).toBe('returned a value of type number; softmax returns an array of numbers');
    expect(msg('logSumExp')).toBe('returned a value of type string; logSumExp returns a number');
    for (const f of r.functions) expect(f.verdict).toBe('fail');
  });

  test('an endless loop is cut at the time limit and reported with its input; the other exports are still audited', () => {
    const t0 = performance.now();
    const r = checkModule(`${FIX}/loop.js`, opts({ timeout: 300 }));
    const s = fn(r, 'sigmoid');
    expect(s.verdict).toBe('fail');
    expect(s.problem?.kind).toBe('timeout');
    expect(s.problem?.message).toBe('did not return within 300 ms');
    expect(s.problem?.args?.[0] as number).toBeGreaterThan(5); // the loop's condition
    expect(fn(r, 'softplus').verdict).toBe('pass');
    // One timeout, not one per sample.
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  test('a syntax error, a missing file: exit 2 with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lossproof-check-'));
    const bad = join(dir, 'syntax.js');
    writeFileSync(bad, 'export function sigmoid(z) { return 1 / (1 + Math.exp(-z); }\n');
    const a = run(bad);
    expect(a.code).toBe(2);
    expect(a.err).toContain('SyntaxError');
    const b = run(join(dir, 'missing.js'));
    expect(b.code).toBe(2);
    expect(b.err).toContain('no such file');
  });
});

describe('bin/lossproof.js check', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/lossproof.js', 'check', ...args], { encoding: 'utf8', timeout: 120_000 });

  test('check examples/careful.js exits 0 with a JSON report', () => {
    const p = cli('examples/careful.js', '--samples', '4', '--max-k', '3', '--json');
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    const r = JSON.parse(p.stdout) as CheckReport;
    expect(r.functions.length).toBeGreaterThan(0);
    for (const f of r.functions) expect(f.verdict).toBe('pass');
  });

  test('bad arguments exit 2', () => {
    expect(cli('examples/careful.js', '--dtype', 'float16').status).toBe(2);
    expect(cli('examples/careful.js', '--max-ulp', '-1').status).toBe(2);
  });

  test('a module with no export named after an id exits 2 (nothing checked is not a pass), naming its exports', () => {
    const p = cli('properties/fixtures/modules/no-ids.js', '--samples', '2');
    expect(p.status).toBe(2);
    expect(p.stdout).toMatch(/nothing to check/);
    expect(p.stderr).toMatch(/no export is named after a catalogue id \(exports: mySigmoid, my_softplus\)/);
  });
});
