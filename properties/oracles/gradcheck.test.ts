/**
 * gradcheck (src/oracles/gradcheck.ts) and its CLI (src/cli/gradcheck.ts): a careful gradient passes,
 * a literal one that flushes to 0 at saturated logits fails with a shrunk input, and every usage error
 * names its cause.
 */
import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { registerGradcheck } from '../../src/cli/gradcheck.ts';
import { GradcheckError, gradcheck } from '../../src/oracles/gradcheck.ts';

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const BCE = 'log(1 + exp(z)) - y * z';
const base = { expression: BCE, variables: ['z', 'y'], wrt: 'z', ranges: { z: [-50, 50], y: 'label' } } as const;

describe('gradcheck', () => {
  it('passes a careful BCE-with-logits gradient (≤ 4 float64 ULPs)', () => {
    const r = gradcheck({ ...base, gradient: (z, y) => (y === 1 ? -sig(-z) : sig(z) - y), samples: 60, seed: 7 });
    expect(r.pass).toBe(true);
    expect(r.maxUlp).toBeLessThanOrEqual(4);
  });

  it('fails σ(z) − y: a 0 where the exact gradient is −σ(−z) is ~2^52 ULPs off, and the failure shrinks', () => {
    // 200 samples: z > 37 at y = 1 (where σ(z) rounds to 1) is ~3% of draws.
    const r = gradcheck({ ...base, gradient: (z, y) => sig(z) - y, samples: 200, seed: 42 });
    expect(r.pass).toBe(false);
    // got 0 against −σ(−z) ≈ −e^−z: |0 − x|/ulp(x) = 2^52 … 2^53 ULPs.
    expect(r.maxUlp).toBeGreaterThan(2 ** 52);
    expect(r.counterexample?.ulp).toBeGreaterThan(4);
    expect(r.replay).toContain('seed 42');
  });

  it('checks several wrt variables at once (array result)', () => {
    const r = gradcheck({
      expression: '(u - y)^2',
      variables: ['u', 'y'],
      wrt: ['u', 'y'],
      gradient: (u, y) => [2 * (u - y), -2 * (u - y)],
      ranges: { u: [-10, 10], y: [-10, 10] },
      samples: 30,
    });
    // 2(u − y) with u − y rounded once: ≤ 0.5 ULPs.
    expect(r.maxUlp).toBeLessThanOrEqual(0.5);
  });

  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof GradcheckError) return [e.code, e.message];
      throw e;
    }
    return undefined;
  };
  const g = (z: number) => z;
  it.each([
    ['parse', { ...base, expression: 'log(1 + * z)', gradient: g }, 'does not parse'],
    ['unbound', { ...base, expression: 'log(1 + exp(z)) - w * z', gradient: g }, 'w'],
    ['unknown-function', { ...base, expression: 'foo(z) + y', gradient: g }, 'foo'],
    ['wrt', { ...base, wrt: 'x', gradient: g }, 'x'],
    ['range', { ...base, ranges: { q: [0, 1] }, gradient: g }, 'q'],
    ['range', { ...base, ranges: { z: [1, 0] }, gradient: g }, 'lo ≤ hi'],
    ['derivative', { ...base, expression: 'max(0, 1 - y * z)', gradient: g }, 'differentiate'],
    [
      'gradient-threw',
      {
        ...base,
        gradient: () => {
          throw new Error('boom');
        },
      },
      'boom',
    ],
    ['gradient-shape', { ...base, gradient: (z: number) => [z] }, 'must return a number'],
    ['gradient-shape', { ...base, wrt: ['z', 'y'], gradient: (z: number) => [z] }, 'array of 2 numbers'],
  ] as const)('a usage error gives code %s', (want, opts, text) => {
    const got = code(() => gradcheck({ ...(opts as Parameters<typeof gradcheck>[0]), samples: 5 }));
    expect(got?.[0]).toBe(want);
    expect(got?.[1]).toContain(text);
  });
});

describe('lossproof gradcheck (CLI)', () => {
  const MOD = 'properties/fixtures/modules/gradients.js';
  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    process.exitCode = undefined;
    try {
      const program = new Command();
      registerGradcheck(program);
      await program.parseAsync(['node', 'lossproof', 'gradcheck', ...argv]);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    const code = process.exitCode;
    process.exitCode = undefined;
    return { out: out.join(''), err: err.join(''), code };
  }
  const common = [
    '--expr',
    BCE,
    '--wrt',
    'z',
    '--module',
    MOD,
    '--range',
    'z=-50:50',
    '--range',
    'y=label',
    '--samples',
    '40',
  ];

  it('exit 0 for the careful gradient, 1 for the literal one with the worst input and replay seed', async () => {
    const ok = await run([...common, '--export', 'bceLogitsCareful']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('pass');
    const bad = await run([...common, '--export', 'bceLogitsLiteral', '--json']);
    expect(bad.code).toBe(1);
    const rep = JSON.parse(bad.out);
    expect(rep.pass).toBe(false);
    expect(rep.worst.got).toEqual([0]);
    expect(rep.seed).toBe(42);
  });

  it('exit 2 with the cause for a missing export, a throwing gradient, a wrong shape and an unbound variable', async () => {
    const missing = await run([...common, '--export', 'nope']);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('no function export named nope')]);
    const threw = await run([...common, '--export', 'throws']);
    expect([threw.code, threw.err]).toEqual([2, expect.stringContaining('not implemented')]);
    const shape = await run([...common, '--export', 'pair']);
    expect([shape.code, shape.err]).toEqual([2, expect.stringContaining('must return a number')]);
    const unbound = await run(['--expr', BCE, '--wrt', 'z', '--module', MOD, '--export', 'pair', '--vars', 'z']);
    expect([unbound.code, unbound.err]).toEqual([2, expect.stringContaining('not bound: y')]);
  });
});
