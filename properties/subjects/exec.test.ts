/**
 * The exec subject (src/subjects/exec.ts, docs/protocol.md): the Python example subject passes the
 * audit, the wire encoding keeps NaN, ±∞ and −0, and each way a subject can misbehave (die, hang,
 * answer out of order, print garbage) is reported for the id being audited while the run goes on,
 * with the child killed at the end.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditFunction } from '../../src/audit/run.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { FLOAT64 } from '../../src/numeric/float.ts';
import { ulpError } from '../../src/numeric/ulp.ts';
import { referenceValue } from '../../src/reference/entry.ts';
import type { Num } from '../../src/reference/tiny.ts';
import { checkExec, ExecStartError, type ExecSubjectSet, execSubject } from '../../src/subjects/exec.ts';
import { FOREIGN_BUDGET_ULPS } from '../../src/subjects/index.ts';
import { propertyConfig } from '../_support/config.ts';

const PYTHON_MATH = 'python3 examples/subjects/python_math.py';
const fixture = (name: string) => `python3 properties/fixtures/subjects/${name}.py`;

/** Waits until no process of the group led by `pid` is left (a killed child is reaped asynchronously). */
async function groupGone(pid: number, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true; // ESRCH: no process in the group
    }
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('python_math.py (standard library only)', () => {
  let s: ExecSubjectSet;
  beforeAll(async () => {
    s = await execSubject(PYTHON_MATH);
  });
  afterAll(async () => {
    const pid = s.pid;
    await s.close();
    if (pid !== undefined) expect(await groupGone(pid)).toBe(true);
  });

  test('the handshake lists catalogue ids only, in float64', () => {
    expect(s.unknownIds).toEqual([]);
    expect(s.ids).toContain('sigmoid');
    expect(s.ids).toContain('softmaxCrossEntropy');
    expect(s.dtype).toBe('float64');
  });

  test('NaN, ±∞ and −0 cross the wire in both directions (the limits of docs/catalogue.md)', () => {
    // σ(NaN) = NaN, σ(+∞) = 1, σ(−∞) = 0 (docs/catalogue.md#values-at-the-edges); σ(−0) = 1/(1 + e^0) = ½ exactly.
    const out = s.callBatch('sigmoid', [[Number.NaN], [Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY], [-0]]);
    expect(out).toEqual([Number.NaN, 1, 0, 0.5]);
    // softmaxCrossEntropy([−∞, 0], [0, 1]) = 0 (the same rules); the subject computes −(0 + 1·0) = −0 and
    // must send it as "-0", which decodes to −0 (JSON would have dropped the sign).
    const [sce] = s.callBatch('softmaxCrossEntropy', [
      [
        [Number.NEGATIVE_INFINITY, 0],
        [0, 1],
      ],
    ]);
    expect(Object.is(sce, -0)).toBe(true);
    // logSumExp([−∞, −∞]) = −∞ (the same rules), returned as the string "-Infinity".
    expect(s.callBatch('logSumExp', [[[Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]]])).toEqual([
      Number.NEGATIVE_INFINITY,
    ]);
  });

  test('a batch of several argument lists answers each as a single request would', () => {
    const inputs = [[-745.5], [-1e-300], [0.25], [36.75], [710]];
    const batch = s.callBatch('softplus', inputs);
    const singles = inputs.map((a) => s.callBatch('softplus', [a])[0]);
    expect(batch).toEqual(singles);
    // And each is within the foreign budget of the exact value (in float64 ULPs).
    inputs.forEach((a, i) => {
      const exact = referenceValue(getEntry('softplus'), a).value as Num;
      expect(ulpError(batch[i] as number, exact, FLOAT64)).toBeLessThanOrEqual(FOREIGN_BUDGET_ULPS);
    });
  });

  test.each(['sigmoid', 'softplus', 'logit', 'bceWithLogits', 'bceWithLogitsGrad', 'hinge', 'logSumExp'])(
    'the careful Python formula for %s passes the audit (no input unstable or wrong)',
    (id) => {
      const entry = getEntry(id);
      const fn = s.get(entry);
      expect(fn).toBeDefined();
      const r = auditFunction(entry, s, fn as NonNullable<typeof fn>, {
        samples: 30,
        seed: propertyConfig.seed,
        maxK: 8,
        climbEvaluations: 30,
      });
      expect(r.pass, `${id}: ${r.verdict}, ${r.maxUlp} ULPs at ${JSON.stringify(r.worst.args)}`).toBe(true);
      expect(s.faults).toEqual([]);
    },
  );
});

describe('misbehaving subjects: a clear report for the id, and the run goes on', () => {
  // Each fixture answers sigmoid correctly 3 times, then misbehaves; softplus always answers correctly.
  const cases = [
    { file: 'dies', kind: 'died', says: /exited \(exit code 3\).*giving up on request 4/ },
    { file: 'hangs', kind: 'timeout', says: /no reply to request 4 \(sigmoid\) within 400 ms/ },
    { file: 'out_of_order', kind: 'out-of-order', says: /answered request 5 while request 4 \(sigmoid\)/ },
    { file: 'garbage', kind: 'garbage', says: /not JSON .*computing sigmoid\.\.\. done/ },
  ] as const;

  test.each(cases)(
    '$file: fault $kind for sigmoid, softplus still audited, child killed',
    async ({ file, kind, says }) => {
      const s = await execSubject(fixture(file), { timeoutMs: 400 });
      const pids = [s.pid];
      try {
        const opts = { samples: 8, seed: propertyConfig.seed, climbEvaluations: 5, shrink: false };
        const sig = auditFunction(getEntry('sigmoid'), s, s.get(getEntry('sigmoid')) as never, opts);
        pids.push(s.pid);
        const sp = auditFunction(getEntry('softplus'), s, s.get(getEntry('softplus')) as never, opts);
        pids.push(s.pid);
        expect(sig.verdict).toBe('wrong');
        expect(s.faults.map((f) => [f.id, f.kind])).toEqual([['sigmoid', kind]]);
        expect(s.faults[0]?.message).toMatch(says);
        // The fault's input is recorded; the 4th sigmoid request is the 4th sampled input.
        expect(s.faults[0]?.args).toHaveLength(1);
        // softplus ran on a restarted child and passed.
        expect(sp.pass).toBe(true);
        expect(sp.maxUlp).toBeLessThanOrEqual(FOREIGN_BUDGET_ULPS);
      } finally {
        await s.close();
      }
      for (const pid of new Set(pids)) if (pid !== undefined) expect(await groupGone(pid)).toBe(true);
    },
  );

  test('checkExec reports a hang as a timeout problem and passes the good function', async () => {
    const report = await checkExec(fixture('hangs'), {
      dtype: 'float64',
      maxUlp: FOREIGN_BUDGET_ULPS,
      samples: 10,
      seed: propertyConfig.seed,
      climbEvaluations: 5,
      timeoutMs: 400,
    });
    const byId = Object.fromEntries(report.functions.map((f) => [f.id, f]));
    expect(byId.sigmoid?.verdict).toBe('fail');
    expect(byId.sigmoid?.problem?.kind).toBe('timeout');
    expect(byId.softplus?.verdict).toBe('pass');
    expect(report.pass).toBe(false);
    expect(report.exec.faults.map((f) => f.kind)).toEqual(['timeout']);
    expect(report.replay).toContain('--exec "python3 properties/fixtures/subjects/hangs.py"');
  });

  test('a command that exits before its handshake, or prints no handshake, is a start error', async () => {
    await expect(execSubject(`python3 -c "import sys; print('boom', file=sys.stderr); sys.exit(2)"`)).rejects.toThrow(
      /exited \(exit code 2\) before its handshake.*boom/,
    );
    await expect(execSubject(`python3 -c "print('hello')"`)).rejects.toThrow(ExecStartError);
    await expect(execSubject('python3 -c "import time; time.sleep(30)"', { startMs: 300 })).rejects.toThrow(
      /no handshake line within 300 ms/,
    );
  });
});
