/**
 * The sigmoid family's reference, and the exact edge values of every implementation we own:
 * - the edge values of the registry (`entry.edges`, docs/catalogue.md) asserted exactly for the
 *   reference (its float64 rounding), float64 and float32;
 * - the mpmath fixture table (scripts/fixtures_sigmoid.py → properties/fixtures/sigmoid.json): the
 *   reference agrees with the independent oracle to ≥ 42 digits, special values first;
 * - reference (50 digits) vs the independently written alternate (60 digits): ≥ 45 digits.
 */
import { describe, test } from 'vitest';
import { argsFor } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { entries } from '../../src/catalogue/sigmoid.ts';
import { recordCases } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import { assertCrossCheck, assertEdges, assertFixture, loadFixtures } from './_losses.ts';

describe('sigmoid family: edge values from the registry, exactly', () => {
  for (const entry of entries) {
    test(`${entry.id} edge values (reference, float64, float32)`, (ctx) => {
      assertEdges(ctx, entry);
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
