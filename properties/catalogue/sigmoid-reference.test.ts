/**
 * The sigmoid family's reference, and the exact edge values of every implementation we own:
 * - SPEC §2 edge values asserted exactly for the reference (its float64 rounding), float64 and float32;
 * - the mpmath fixture table (scripts/fixtures_sigmoid.py → properties/fixtures/sigmoid.json): the
 *   reference agrees with the independent oracle to ≥ 42 digits, special values first;
 * - reference (50 digits) vs the independently written alternate (60 digits): ≥ 45 digits.
 */
import { describe, test } from 'vitest';
import { argsFor } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { entries } from '../../src/catalogue/sigmoid.ts';
import type { FloatArg } from '../../src/catalogue/types.ts';
import { recordCases } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import { assertCrossCheck, assertEdges, assertFixture, loadFixtures } from './_losses.ts';

const NaN_ = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** Edge cases per id: [args, expected, why]. Every expected value is a limit or an exact value. */
const EDGES: Record<string, ReadonlyArray<readonly [FloatArg[], number, string]>> = {
  sigmoid: [
    [[NaN_], NaN_, 'NaN in, NaN out'],
    [[INF], 1, 'σ(+∞) = 1'],
    [[-INF], 0, 'σ(−∞) = 0'],
    [[0], 0.5, 'σ(0) = ½ exactly'],
  ],
  logSigmoid: [
    [[NaN_], NaN_, 'NaN'],
    [[INF], 0, 'log σ(+∞) = log 1'],
    [[-INF], -INF, 'log σ(−∞) = log 0'],
  ],
  softplus: [
    [[NaN_], NaN_, 'NaN'],
    [[INF], INF, 'softplus(+∞) = +∞'],
    [[-INF], 0, 'softplus(−∞) = 0 (SPEC §2)'],
  ],
  logit: [
    [[NaN_], NaN_, 'NaN'],
    [[0], -INF, 'logit(0) = −∞, never a clamp'],
    [[1], INF, 'logit(1) = +∞ (SPEC §2)'],
    [[0.5], 0, 'logit(½) = 0 exactly'],
  ],
  sigmoidGrad: [
    [[NaN_], NaN_, 'NaN'],
    [[INF], 0, 'σ′(+∞) = 0'],
    [[-INF], 0, 'σ′(−∞) = 0'],
    [[0], 0.25, 'σ′(0) = ¼ exactly'],
  ],
  bce: [
    [[NaN_, 1], NaN_, 'NaN p'],
    [[0.5, NaN_], NaN_, 'NaN y'],
    [[0, 1], INF, 'bce(0, 1) = +∞ (SPEC §2)'],
    [[1, 0], INF, 'bce(1, 0) = +∞'],
    [[0, 0], 0, '0·log 0 = 0'],
    [[1, 1], 0, '0·log 0 = 0'],
    [[0, 0.5], INF, 'a soft label weights the infinite log'],
    [[1, 0.25], INF, 'a soft label weights the infinite log'],
  ],
  bceGrad: [
    [[NaN_, 1], NaN_, 'NaN p'],
    [[0.5, NaN_], NaN_, 'NaN y'],
    [[0, 1], -INF, '−1/p at p = 0'],
    [[1, 0], INF, '1/(1 − p) at p = 1'],
    [[1, 1], -1, 'limit of (p − 1)/(p(1 − p)) = −1/p at p = 1'],
    [[0, 0], 1, 'limit of p/(p(1 − p)) = 1/(1 − p) at p = 0'],
    [[0, 0.5], -INF, '−y/0'],
    [[1, 0.5], INF, '(1 − y)/0'],
    [[0.5, 0.5], 0, 'p = y'],
  ],
  bceWithLogits: [
    [[NaN_, 1], NaN_, 'NaN z'],
    [[0, NaN_], NaN_, 'NaN y'],
    [[INF, 1], 0, 'SPEC §2: bceWithLogits(+∞, 1) = 0'],
    [[INF, 0], INF, 'SPEC §2: bceWithLogits(+∞, 0) = +∞'],
    [[-INF, 0], 0, 'mirror of (+∞, 1)'],
    [[-INF, 1], INF, 'mirror of (+∞, 0)'],
    [[INF, 0.5], INF, 'a soft label keeps the diverging term'],
  ],
  bceWithLogitsGrad: [
    [[NaN_, 1], NaN_, 'NaN z'],
    [[0, NaN_], NaN_, 'NaN y'],
    [[INF, 1], 0, 'σ(+∞) − 1'],
    [[-INF, 1], -1, 'σ(−∞) − 1'],
    [[INF, 0], 1, 'σ(+∞)'],
    [[-INF, 0], 0, 'σ(−∞)'],
    [[INF, 0.25], 0.75, '1 − y'],
    [[-INF, 0.25], -0.25, '−y'],
    [[0, 0.5], 0, 'σ(0) = ½ = y'],
  ],
  sigmoidSquaredError: [
    [[NaN_, 1], NaN_, 'NaN z'],
    [[0, NaN_], NaN_, 'NaN y'],
    [[INF, 1], 0, '(1 − 1)²'],
    [[-INF, 1], 1, '(0 − 1)²'],
    [[INF, 0.25], 0.5625, '(1 − ¼)²'],
    [[0, 0.5], 0, '(½ − ½)²'],
  ],
  sigmoidSquaredErrorGrad: [
    [[NaN_, 1], NaN_, 'NaN z'],
    [[0, NaN_], NaN_, 'NaN y'],
    [[INF, 1], 0, 'σ′(+∞) = 0'],
    [[-INF, 1], 0, 'σ′(−∞) = 0'],
    [[INF, 0.25], 0, 'σ′(+∞) = 0 with a soft label'],
    [[0, 1], -0.25, '2(½ − 1)·¼'],
  ],
};

describe('sigmoid family: SPEC §2 edge values, exactly', () => {
  for (const entry of entries) {
    test(`${entry.id} edge values (reference, float64, float32)`, (ctx) => {
      const cases = EDGES[entry.id];
      if (cases === undefined) throw new Error(`no edge table for ${entry.id}`);
      assertEdges(ctx, entry, cases);
    });
  }
});

describe('sigmoid family: reference vs mpmath fixtures (≥ 42 digits)', () => {
  const fixtures = loadFixtures('sigmoid');
  test(`fixture file records its generator (${fixtures.generator}, mpmath ${fixtures.mpmath}, ${fixtures.dps} digits)`, (ctx) => {
    const ids = new Set(fixtures.cases.map((c) => c.id));
    for (const e of entries) if (!ids.has(e.id)) throw new Error(`no fixture for ${e.id}`);
    for (const c of fixtures.cases) assertFixture(getEntry(c.id), c);
    recordCases(ctx, fixtures.cases.length);
  });
});

describe('sigmoid family: reference vs alternate (≥ 45 digits)', () => {
  for (const entry of entries) {
    test(`${entry.id} reference and alternate agree`, (ctx) => {
      assertCrossCheck(ctx, entry, argsFor(entry), runs(0.25));
    });
  }
});
