/**
 * The regression gate catches a planted regression: a float64 kernel swapped for its naive form
 * breaks the budgets of a baseline written from the real kernels with the same seed and samples.
 */
import { describe, expect, test } from 'vitest';
import { baselineFromReport, checkAgainstBaseline } from '../../src/audit/baseline.ts';
import { ownSubjects, runAudit, type SubjectSet } from '../../src/audit/run.ts';
import { callKernel, type FloatArg } from '../../src/catalogue/types.ts';

const opts = { ids: ['softplus', 'bceWithLogitsGrad'], samples: 25, seed: 11, climbEvaluations: 20, shrink: false };

describe('audit --check (the regression gate)', () => {
  const real = ownSubjects(['float64']);
  const baseline = baselineFromReport(runAudit(real, opts));

  test('the real kernels pass the baseline written from them', () => {
    expect(checkAgainstBaseline(runAudit(real, opts), baseline)).toEqual([]);
  });

  test('a float64 kernel swapped for its naive form breaks its budget, named with the input', () => {
    const planted: SubjectSet = {
      ...(real[0] as SubjectSet),
      get: (e) => (e.id === 'softplus' ? (...a: FloatArg[]) => callKernel(e.naive, a) : (real[0] as SubjectSet).get(e)),
    };
    const violations = checkAgainstBaseline(runAudit([planted], opts), baseline);
    expect(violations.length).toBeGreaterThan(0);
    // Only the swapped id breaks; each violation names the id, the budget, the excess and the input.
    expect(new Set(violations.map((v) => v.id))).toEqual(new Set(['softplus']));
    for (const v of violations) {
      expect(v.measured).toBeGreaterThan(v.budget);
      expect(v.message).toMatch(/^softplus float64 \w+: .* exceeds the budget of 2\.00 ULPs by .* at args \[/);
    }
  });

  test('a run with other settings than the baseline is refused rather than compared', () => {
    const v = checkAgainstBaseline(runAudit(real, { ...opts, seed: 12 }), baseline);
    expect(v).toHaveLength(1);
    expect(v[0]?.message).toMatch(/baseline was written with seed 11/);
  });
});
