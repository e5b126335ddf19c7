/**
 * Shared checks for the catalogue-kernel properties of the regression, margin, likelihood and
 * distribution families: ULP accuracy against the adaptive reference, exact edge values,
 * reference-vs-alternate agreement, and the mpmath fixture table.
 *
 * Set LOSSPROOF_REPORT=1 to print the largest error each accuracy property found (with its input).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, expect, type TestContext } from 'vitest';
import {
  type CatalogueEntry,
  callKernel,
  type EdgeCase,
  type FloatArg,
  type Implementation,
} from '../../src/catalogue/types.ts';
import { FLOAT32, FLOAT64 } from '../../src/numeric/float.ts';
import { ulpError } from '../../src/numeric/ulp.ts';
import { type Decimal, exactDecimal } from '../../src/reference/decimal.ts';
import { alternateValue, referenceValue } from '../../src/reference/entry.ts';
import { roundNum } from '../../src/reference/round.ts';
import { isTiny, type Num } from '../../src/reference/tiny.ts';
import { checkProperty, recordCases } from '../_support/claim.ts';

/** Digits the accuracy properties need: ULP errors are read to ~1e−9 of an ulp at 25 digits. */
const DIGITS = 25;

const worst = new Map<string, { ulps: number; args: string }>();
afterAll(() => {
  if (process.env.LOSSPROOF_REPORT !== '1') return;
  for (const [key, w] of worst) console.log(`[max-error] ${key}: ${w.ulps.toPrecision(4)} ULPs at ${w.args}`);
});

/** Arguments as a readable, replayable string (−0 and non-finite values spelled out). */
export function show(args: readonly FloatArg[]): string {
  const one = (x: number) => (Object.is(x, -0) ? '-0' : Number.isFinite(x) ? String(x) : String(x));
  return `[${args.map((a) => (Array.isArray(a) ? `[${a.map(one).join(', ')}]` : one(a as number))).join(', ')}]`;
}

/** The reference value at float arguments (an exact scalar, 25 stable digits). */
export function ref(entry: CatalogueEntry, args: readonly FloatArg[], digits = DIGITS): Num {
  return referenceValue(entry, args, { digits }).value as Num;
}

/** The error of an implementation at `args` in ULPs of its format. */
export function errorAt(entry: CatalogueEntry, impl: Implementation, args: readonly FloatArg[]): number {
  const fmt = impl === 'float32' ? FLOAT32 : FLOAT64;
  const got = callKernel(entry[impl], args) as number;
  return ulpError(got, ref(entry, args), fmt);
}

/**
 * Asserts `impl`'s error ≤ `budget` ULPs over `arb` (float32: judged in float32 ULPs against the
 * reference at the float32 arguments), recording the worst case for the report.
 */
export function assertAccuracy(
  ctx: TestContext,
  entry: CatalogueEntry,
  impl: Implementation,
  budget: number,
  arb: fc.Arbitrary<FloatArg[]>,
  numRuns?: number,
): void {
  const key = `${entry.id} ${impl}`;
  checkProperty(
    ctx,
    fc.property(arb, (args) => {
      const e = errorAt(entry, impl, args);
      const w = worst.get(key);
      if (w === undefined || e > w.ulps) worst.set(key, { ulps: e, args: show(args) });
      if (!(e <= budget)) {
        const got = callKernel(entry[impl], args);
        throw new Error(`${entry.id} ${impl} at ${show(args)}: got ${got}, error ${e} ULPs > ${budget} ULPs`);
      }
    }),
    numRuns === undefined ? {} : { numRuns },
  );
}

/** float32 versions of an arbitrary's arguments (Math.fround on every number). */
export function toF32(arb: fc.Arbitrary<FloatArg[]>): fc.Arbitrary<FloatArg[]> {
  return arb.map((args) => args.map((a) => (Array.isArray(a) ? a.map(Math.fround) : Math.fround(a as number))));
}

/**
 * Equal as results: NaN = NaN, and the sign of a zero is not part of the contract
 * (docs/catalogue.md#values-at-the-edges).
 */
function sameValue(a: number, b: number): boolean {
  return Number.isNaN(a) ? Number.isNaN(b) : a === b;
}

/**
 * The edge values of a scalar id (`entry.edges`, the registry's table) asserted exactly for the
 * reference (its float64 rounding), float64, and float32 (at the same arguments: 0, ±1, ±∞, NaN and
 * other float32 values in nearly every table).
 */
export function assertEdges(ctx: TestContext, entry: CatalogueEntry, cases: readonly EdgeCase[] = entry.edges): void {
  if (cases.length === 0) throw new Error(`no edge values for ${entry.id}`);
  for (const { args, value, note } of cases) {
    if (typeof value !== 'number') throw new Error(`${entry.id}: assertEdges takes scalar edge values`);
    const expected = value;
    const r = roundNum(ref(entry, args));
    const f64 = callKernel(entry.float64, args) as number;
    const f32 = callKernel(entry.float32, args) as number;
    const where = `${entry.id}${show(args)} (${note})`;
    expect(sameValue(r, expected), `${where}: reference gives ${r}, expected ${expected}`).toBe(true);
    expect(sameValue(f64, expected), `${where}: float64 gives ${f64}, expected ${expected}`).toBe(true);
    expect(sameValue(f32, Math.fround(expected)), `${where}: float32 gives ${f32}, expected ${expected}`).toBe(true);
  }
  recordCases(ctx, cases.length);
}

/** True when two reference values agree to `digits` significant digits (Tiny: their logs). */
export function agreeTo(a: Num, b: Num, digits: number): boolean {
  if (isTiny(a) || isTiny(b)) {
    return isTiny(a) && isTiny(b) && a.sign === b.sign && a.ln.minus(b.ln).abs().lt(`1e-${digits}`);
  }
  if (a.isNaN() || b.isNaN()) return a.isNaN() && b.isNaN();
  if (!a.isFinite() || !b.isFinite()) return a.eq(b);
  if (a.isZero() || b.isZero()) return a.isZero() && b.isZero();
  return a
    .minus(b)
    .abs()
    .lte(b.abs().times(`1e-${digits}`));
}

/** Reference (50 digits) and alternate (60 digits) agree to ≥ 45 significant digits over `arb`. */
export function assertCrossCheck(
  ctx: TestContext,
  entry: CatalogueEntry,
  arb: fc.Arbitrary<FloatArg[]>,
  numRuns: number,
): void {
  checkProperty(
    ctx,
    fc.property(arb, (args) => {
      const r = referenceValue(entry, args, { digits: 50 }).value as Num;
      const a = alternateValue(entry, args, { digits: 60 }).value as Num;
      if (!agreeTo(r, a, 45)) throw new Error(`${entry.id} at ${show(args)}: reference and alternate disagree`);
    }),
    { numRuns },
  );
}

/** One fixture row written by scripts/fixtures_<family>.py. */
export interface FixtureCase {
  id: string;
  args: Array<number | number[]>;
  value: string;
  guards: string;
}
export interface FixtureFile {
  generator: string;
  mpmath: string;
  dps: number;
  cases: FixtureCase[];
}

export function loadFixtures(family: string): FixtureFile {
  const url = new URL(`../fixtures/${family}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as FixtureFile;
}

/** The reference at the fixture's arguments agrees with mpmath's string to ≥ 42 digits. */
export function assertFixture(entry: CatalogueEntry, c: FixtureCase): void {
  const r = referenceValue(entry, c.args, { digits: 45 }).value as Num;
  const expected = exactDecimal(0).plus(c.value) as Decimal;
  expect(
    agreeTo(r, expected, 42),
    `${c.id}${show(c.args)} (${c.guards}): reference differs from mpmath ${c.value}`,
  ).toBe(true);
}
