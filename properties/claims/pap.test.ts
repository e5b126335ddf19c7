/**
 * Paper-level claims (docs/claims.md#pap) and the Golik-style replication DYN-8: seeded experiments with
 * stated margins over fixed seeds (the full tables are `lossproof experiments`), and the
 * deterministic parts of PAP-3 and PAP-5 in decimal arithmetic. Derivations: proofs/dynamics.md.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getEntry } from '../../src/catalogue/index.ts';
import { callFormula } from '../../src/catalogue/types.ts';
import { type Decimal, exactDecimal } from '../../src/reference/decimal.ts';
import { RefMath } from '../../src/reference/math.ts';
import { golikRun, pap2Run, pap4Run } from '../../src/train/experiments.ts';
import { ceAlong, exactLogits, leastSquaresResidual, margin, positive, separableData } from '../../src/train/pap5.ts';
import { Rng } from '../../src/train/rng.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';

/**
 * The Golik effect at GOLIK's budget (tanh MLP, 8 hidden, init scale 10, GD lr 0.3, 300 steps),
 * seeds 1–5: SE's training accuracy ≤ CE's on every seed, and the mean gap ≥ 3 percentage points
 * (measured: 6.6 pp on Iris, 20 pp on the mixture). Returns failures and the rows for the log.
 */
function golikCheck(which: 'iris' | 'mixture'): { fails: string[]; log: string[] } {
  const fails: string[] = [];
  const log: string[] = [];
  let gap = 0;
  const seeds = 5;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = golikRun(which, seed);
    gap += (r.accCe - r.accSe) / seeds;
    if (r.accSe > r.accCe) fails.push(`seed ${seed}: acc_SE ${r.accSe} > acc_CE ${r.accCe}`);
    log.push(
      `seed ${seed}: CE ${r.accCe.toFixed(3)} SE ${r.accSe.toFixed(3)} CE→SE fine-tune ${r.accCeThenSe.toFixed(3)}`,
    );
  }
  if (gap < 0.03) fails.push(`mean gap ${(gap * 100).toFixed(1)} pp < 3 pp`);
  return { fails, log };
}

describe('PAP: paper-level claims as seeded experiments', () => {
  test('DYN-8 synthetic mixture: SE from a large-variance init lags CE at the budget (mean ≥ 3 pp, every seed)', (ctx) => {
    const { fails, log } = golikCheck('mixture');
    ctx.task.meta.cases = 5;
    // The fine-tuning delta is logged, not asserted (CLAIMS: not robust at toy scale).
    console.info(`DYN-8 mixture\n${log.join('\n')}`);
    expect(fails).toEqual([]);
  });

  test('PAP-1 Iris: SE from a large-variance init reaches a worse training accuracy than CE at the budget', (ctx) => {
    const { fails, log } = golikCheck('iris');
    recordCases(ctx, 5);
    console.info(`PAP-1 iris\n${log.join('\n')}`);
    expect(fails).toEqual([]);
  });

  test('PAP-2 posterior estimation, 100 GD steps from w₀ = (−c, 0), c ∈ {3, 5}: MAE_SE − MAE_CE ≥ 0.3 on every seed', (ctx) => {
    // Measured over seeds 1–5: MAE_CE 0.06–0.13, MAE_SE 0.65–0.78 (smallest gap 0.55, absolute).
    const fails: string[] = [];
    for (const c of [3, 5]) {
      for (let seed = 1; seed <= 5; seed++) {
        const r = pap2Run(c, seed);
        if (r.maeSe - r.maeCe < 0.3) fails.push(`c=${c} seed=${seed}: MAE_CE ${r.maeCe} MAE_SE ${r.maeSe}`);
      }
    }
    recordCases(ctx, 10);
    expect(fails).toEqual([]);
  });

  test('PAP-3 softmax output: ‖p − e_y‖₁ = 2P(ŷ≠y), ‖p − e_y‖² = 2P(ŷ≠y) − P(ŷ≠ŷ′), L1 risk minimised at a vertex', (ctx) => {
    checkProperty(
      ctx,
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.nat(),
        (zs, yRaw) => {
          const m = new RefMath(40);
          const K = zs.length;
          const y = yRaw % K;
          const z = zs.map(exactDecimal);
          const p = callFormula(getEntry('softmax').reference, m, [z]) as Decimal[];
          const target = z.map((_, k) => (k === y ? m.one : m.zero));
          const sq = callFormula(getEntry('softmaxSquaredError').reference, m, [z, target]) as Decimal;
          const pErr = m.one.minus(p[y] as Decimal); // P(ŷ ≠ y)
          const pDiff = m.one.minus(p.reduce((s, pk) => s.plus(pk.pow(2)), m.zero)); // P(ŷ ≠ ŷ′)
          const l1 = p.reduce((s, pk, k) => s.plus(pk.minus(k === y ? 1 : 0).abs()), m.zero);
          const tol = new m.D(10).pow(-30); // absolute: all terms are ≤ 2, at 40 digits
          if (l1.minus(pErr.times(2)).abs().gt(tol)) throw new Error(`L1 ${l1} ≠ 2P(ŷ≠y) ${pErr.times(2)}`);
          if (sq.minus(pErr.times(2).minus(pDiff)).abs().gt(tol)) throw new Error(`SE ${sq} ≠ 2P(ŷ≠y) − P(ŷ≠ŷ′)`);
          // With q = p as the posterior: E_{Y~q}‖q − e_Y‖₁ = 2(1 − ‖q‖²) ≥ 2(1 − max q) = risk at the vertex.
          const riskAtQ = pDiff.times(2);
          const maxQ = p.reduce((a, b) => (b.gt(a) ? b : a));
          const riskAtVertex = m.one.minus(maxQ).times(2);
          if (riskAtVertex.gt(riskAtQ.plus(tol))) throw new Error('L1: the vertex is worse than the posterior');
        },
      ),
      { numRuns: runs(0.25) },
    );
  });

  test('PAP-4 10-D 4-class mixture: linear + SE on one-hot targets within 3 pp of softmax + CE (test accuracy, every seed)', (ctx) => {
    // Measured over seeds 1–6 at 1000 steps: |Δ| ≤ 1.2 pp. The 2-D 4-class case (masking, Δ up to
    // 13 pp) is in the experiments' log, not asserted.
    const fails: string[] = [];
    for (let seed = 1; seed <= 4; seed++) {
      const r = pap4Run(seed);
      if (Math.abs(r.testAccSe - r.testAccCe) > 0.03) fails.push(`seed ${seed}: CE ${r.testAccCe} SE ${r.testAccSe}`);
    }
    recordCases(ctx, 4);
    expect(fails).toEqual([]);
  });

  function ceAlongProperty(gammaFloor: number) {
    return fc.property(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 2, max: 4 }),
      fc.double({ min: 0.05, max: 3, noNaN: true }),
      fc.double({ min: 1.01, max: 3, noNaN: true }),
      (seed, K, c1, factor) => {
        const m = new RefMath(50);
        const data = separableData(new Rng(seed), { n: 12, d: 2, K, minGap: gammaFloor });
        const z = exactLogits(m, data);
        const g = margin(m, data, z);
        const C1 = exactDecimal(c1);
        const C2 = C1.times(exactDecimal(factor));
        const l1 = ceAlong(m, data, z, C1);
        const l2 = ceAlong(m, data, z, C2);
        if (!positive(l2)) throw new Error('CE(cW) is not positive: the infimum would be attained');
        if (!positive(m.sub(l1, l2))) throw new Error(`CE not strictly decreasing: ${l1} ≤ ${l2}`);
        const bound = new m.D(12 * (K - 1)).times(m.D.exp(C2.times(g).neg()));
        if (m.cmp(l2, bound) > 0) throw new Error(`CE(c·W) = ${l2} > N(K−1)e^{−cγ} = ${bound}`);
      },
    );
  }

  test('PAP-5 separable data: CE(c·W_sep) > 0, strictly decreasing in c, ≤ N(K−1)e^{−cγ}', (ctx) => {
    checkProperty(ctx, ceAlongProperty(0.05), { numRuns: runs(0.1) });
  });

  test('PAP-5 least squares on one-hot targets: residual > 1e−30 (60 digits) for generic data with N > d+1', (ctx) => {
    checkProperty(
      ctx,
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 4 }),
        (seed, d, K) => {
          const rng = new Rng(seed);
          const n = d + 2 + rng.int(6); // N > d + 1
          const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
          const y = x.map((_, i) => (i < K ? i : rng.int(K))); // every class present
          const r = leastSquaresResidual(x, y, K, 60);
          // Rounding at 60 digits leaves |error| ~ 1e−55·N: 1e−30 is decided, not a tolerance.
          if (!r.gt('1e-30')) throw new Error(`residual ${r} is not positive`);
        },
      ),
      { numRuns: runs(0.1) },
    );
  });

  test('planted PAP-5 with N = d+1 points the least-squares fit interpolates: the positivity check fails', (ctx) => {
    const rng = new Rng(7);
    const d = 2;
    const x = Array.from({ length: d + 1 }, () => Array.from({ length: d }, () => rng.normal()));
    const r = leastSquaresResidual(x, [0, 1, 2], 3, 60);
    expect(r.gt('1e-30')).toBe(false);
    recordCases(ctx, 1);
  });
});
