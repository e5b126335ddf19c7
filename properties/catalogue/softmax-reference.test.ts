/**
 * The softmax family's reference: the registry's edge values (reference, float64 and float32 alike), the
 * cross-check against the independently written alternate, and the string-in / string-out table
 * whose expected values come from mpmath (scripts/fixtures_softmax.py → properties/fixtures/softmax.json).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { logitVector, targetVector } from '../../src/audit/arbitraries.ts';
import { callKernel, type FloatArg } from '../../src/catalogue/types.ts';
import { FLOAT32 } from '../../src/numeric/float.ts';
import { ulpError } from '../../src/numeric/ulp.ts';
import { Decimal, decimalContext } from '../../src/reference/decimal.ts';
import { alternateValue, referenceValue } from '../../src/reference/entry.ts';
import { formatNum } from '../../src/reference/evaluate.ts';
import { roundNum } from '../../src/reference/round.ts';
import { isTiny, type Num } from '../../src/reference/tiny.ts';
import { checkProperty } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import { entryOf, hasTarget, SOFTMAX_IDS, showArgs } from './softmax-support.ts';

/**
 * The registry's edge values of the softmax family (`entry.edges`, docs/catalogue.md), each derived
 * by hand from the limit rules (module comment of src/catalogue/softmax.ts): [id, args, expected].
 */
const EDGES: [string, FloatArg[], number | number[]][] = SOFTMAX_IDS.flatMap((id) =>
  entryOf(id).edges.map((e): [string, FloatArg[], number | number[]] => [
    id,
    [...e.args],
    typeof e.value === 'number' ? e.value : [...e.value],
  ]),
);

function same(got: number | number[], want: number | number[]): boolean {
  const a = Array.isArray(got) ? got : [got];
  const b = Array.isArray(want) ? want : [want];
  // Object.is would separate ±0; the sign of a zero is not part of the contract
  // (docs/catalogue.md#values-at-the-edges).
  return a.length === b.length && a.every((v, i) => v === b[i] || (Number.isNaN(v) && Number.isNaN(b[i] as number)));
}

describe('edge values (from the registry)', () => {
  test('every softmax id has edge values', () => {
    for (const id of SOFTMAX_IDS) expect(entryOf(id).edges.length, id).toBeGreaterThan(0);
  });
  test.each(EDGES.map(([id, args, want]) => [id, showArgs(args), args, want] as const))(
    '%s %s',
    (id, _name, args, want) => {
      const e = entryOf(id);
      const ref = referenceValue(e, args).value;
      const refRounded = Array.isArray(ref) ? ref.map((v) => roundNum(v)) : roundNum(ref);
      expect(same(refRounded, want), `reference ${showArgs(args)}`).toBe(true);
      expect(same(callKernel(e.float64, args), want), `float64 ${showArgs(args)}`).toBe(true);
      const want32 = Array.isArray(want) ? want.map((v) => Math.fround(v)) : Math.fround(want);
      expect(same(callKernel(e.float32, args), want32), `float32 ${showArgs(args)}`).toBe(true);
    },
  );
});

// ------------------------------------------------------------------ cross-check

/** Significant digits the reference and the alternate must share (docs/error-metric.md#the-reference). */
const AGREE_DIGITS = 45;

/** Whether two reference values agree to `digits` significant digits (Tiny: their logarithms). */
function agree(a: Num, b: Num, digits: number): boolean {
  if (isTiny(a) || isTiny(b)) {
    if (!isTiny(a) || !isTiny(b) || a.sign !== b.sign) return false;
    // A Tiny's significant digits are the digits of its ln after the point: compare absolutely.
    return a.ln.minus(b.ln).abs().lte(`1e-${digits}`);
  }
  if (a.isNaN() || b.isNaN()) return a.isNaN() && b.isNaN();
  if (!a.isFinite() || !b.isFinite() || a.isZero() || b.isZero()) return a.eq(b);
  return a
    .minus(b)
    .abs()
    .lte(b.abs().times(`1e-${digits}`));
}

describe('reference vs alternate', () => {
  for (const id of SOFTMAX_IDS) {
    const e = entryOf(id);
    // The alternates of the gradients sum pairwise (O(K²)): K ≤ 12 keeps them cheap.
    const arb = fc
      .integer({ min: 1, max: 12 })
      .chain((k) =>
        hasTarget(e)
          ? fc.tuple(logitVector(k), targetVector(k)).map((a): FloatArg[] => a)
          : logitVector(k).map((z): FloatArg[] => [z]),
      );
    test(`${id}: reference (50 digits) and alternate (60 digits) agree to ${AGREE_DIGITS} digits`, (ctx) => {
      checkProperty(
        ctx,
        fc.property(arb, (args) => {
          const r = referenceValue(e, args, { digits: 50 }).value;
          const a = alternateValue(e, args, { digits: 60 }).value;
          const rs = Array.isArray(r) ? r : [r];
          const as = Array.isArray(a) ? a : [a];
          const ok = rs.length === as.length && rs.every((v, i) => agree(v, as[i] as Num, AGREE_DIGITS));
          if (!ok) {
            const show = (v: Num | Num[]) => (Array.isArray(v) ? v : [v]).map((x) => formatNum(x, 50).slice(0, 80));
            throw new Error(`${id} at ${showArgs(args)}: reference ${show(r)} vs alternate ${show(a)}`);
          }
        }),
        { numRuns: runs(0.15, 15) },
      );
    });
  }
});

// ------------------------------------------------------------------ mpmath table

interface Fixture {
  id: string;
  args: FloatArg[];
  value: string | string[];
  comment: string;
}
const fixtures = JSON.parse(readFileSync(new URL('../fixtures/softmax.json', import.meta.url), 'utf8')) as {
  oracle: string;
  dps: number;
  cases: Fixture[];
};

/** Digits of agreement required between decimal.js and mpmath (docs/error-metric.md#the-reference: it has 40+). */
const TABLE_DIGITS = 44;
const W = decimalContext(500);

/**
 * Whether the reference value matches an mpmath string to TABLE_DIGITS digits. A value below
 * decimal.js's range (e.g. 4.0e−434294481903251850…) is compared through its natural log:
 * ln(mantissa) + exponent·ln 10 against the Tiny's ln, to an absolute 10^−TABLE_DIGITS (the digits of
 * a Tiny's ln after the point are the value's significant digits).
 */
function matches(ref: Num, want: string): boolean {
  if (isTiny(ref)) {
    const [mant, exp] = want.split('e') as [string, string];
    const ln = W.ln(new W(mant).abs()).plus(W.ln(10).times(new W(exp)));
    return ref.sign < 0 === mant.startsWith('-') && ln.minus(ref.ln).abs().lt(`1e-${TABLE_DIGITS}`);
  }
  const w = new Decimal(want);
  if (w.isZero()) return ref.isZero();
  return ref
    .minus(w)
    .abs()
    .lte(w.abs().times(`1e-${TABLE_DIGITS}`));
}

describe(`string table (expected values: ${fixtures.oracle}, ${fixtures.dps} digits)`, () => {
  test.each(fixtures.cases.map((c) => [c.id, c.comment, c] as const))('%s: %s', (_id, _comment, c) => {
    const v = referenceValue(entryOf(c.id), c.args, { digits: 50 }).value;
    const got = Array.isArray(v) ? v : [v];
    const want = Array.isArray(c.value) ? c.value : [c.value];
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => {
      expect(
        matches(g, want[i] as string),
        `${c.id} component ${i}: ${formatNum(g, 50).slice(0, 120)} vs ${(want[i] as string).slice(0, 120)}`,
      ).toBe(true);
    });
  });

  test('the float32 rounding of a table value is the float64 kernel rounded once (spot check)', () => {
    // softmax([710, 709]) = (σ(1), σ(−1)): float32 inputs are exact here, so the float32 kernel must
    // return the float32 rounding of the mpmath value.
    const c = fixtures.cases.find((x) => x.id === 'softmax' && x.comment.startsWith('no overflow'));
    if (c === undefined) throw new Error('fixture softmax([710, 709]) missing');
    const want = (c.value as string[]).map((s) => roundNum(new Decimal(s), FLOAT32));
    expect(callKernel(entryOf('softmax').float32, c.args)).toEqual(want);
  });
});

// ------------------------------------------------------------------ differences of equal sums

/**
 * Inputs where a bracket of the gradient references was once a difference of two sums equal to every
 * working precision the adaptive loop tries (and 0 was accepted as stable), each with its exact value.
 * Expected strings: mpmath 1.3.0 at prec = 5000 bits from the textbook definitions (p = exp(z − max z)/Σ;
 * softmaxSquaredErrorGrad_i = 2·p_i·Σ_{j≠i} p_j·(d_i − d_j), d = p − y; softmaxCrossEntropyGrad_k =
 * (Σy)·p_k − y_k), with the doubles read exactly (mpmath.mpf of the float), printed with nstr(·, 45).
 */
const EQUAL_SUMS: [id: string, args: FloatArg[], exact: string[], why: string][] = [
  [
    'softmaxSquaredErrorGrad',
    [
      [-60, -760, -60, -760],
      [0, 0, 0, 0],
    ],
    [
      '4.92983827187988542835268647392473255255780009e-305',
      '-4.92983827187988542835268647392473255255780009e-305',
      '4.92983827187988542835268647392473255255780009e-305',
      '-4.92983827187988542835268647392473255255780009e-305',
    ],
    'tied arg-max next to e^−700: X_0·n_0 − T_0 = (1 + 2e) − (1 + 2e²) returned 0',
  ],
  [
    'softmaxSquaredErrorGrad',
    [
      [0, 0, -700],
      [1e-300, 0, 0],
    ],
    [
      '-4.99975350808640613102404154172010219185310615e-301',
      '5.00024649191359411956687681036749466510836193e-301',
      '-4.92983827187988542835268647392473255255780009e-305',
    ],
    'a soft label 1e−300 against a tie: the label difference is all of components 0 and 1',
  ],
  [
    'softmaxSquaredErrorGrad',
    [
      [-700, 0, 0],
      [0, 0, 1],
    ],
    ['7.29099161606749654780524086899913123529613791e-609', '0.5', '-0.5'],
    'a tie across labels: −(1 − e) + (1 + 2e) = 3e (the old form gave 4.86e−609)',
  ],
  [
    'softmaxSquaredErrorGrad',
    [
      [-343.0337148982394, 9e-323, -744.133219101942],
      [1.0528112400523184e-149, 1, 1e-323],
    ],
    [
      '2.21682301436099774967557782567761954322803089e-298',
      '-2.21682301436099774967557782567761954322803089e-298',
      '1.41393567307976368711378099348088695027571211e-472',
    ],
    'label part −c·S·R_b with c = −(1 − 1.05e−149): 1 against 1, a stable wrong sign up to 147 digits',
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [0, 0, -700],
      [1, 1, 0],
    ],
    [
      '-4.92983827187988542835268647392473255255780009e-305',
      '-4.92983827187988542835268647392473255255780009e-305',
      '9.85967654375977085670537294784946510511560018e-305',
    ],
    'multi-hot tie: E_0·Σ_{j≠0} y_j − y_0·X_0 = 1 − (1 + e) returned 0',
  ],
];

describe('gradient brackets without a difference of equal sums', () => {
  test.each(EQUAL_SUMS.map(([id, args, exact, why]) => [id, why, args, exact] as const))(
    '%s: %s',
    (id, _why, args, exact) => {
      const ref = referenceValue(entryOf(id), args, { digits: 50 }).value as Num[];
      const alt = alternateValue(entryOf(id), args, { digits: 50 }).value as Num[];
      exact.forEach((want, i) => {
        // 44 digits: the reference promises 40+ (docs/error-metric.md#the-reference), mpmath gives 45.
        expect(matches(ref[i] as Num, want), `reference component ${i}: ${formatNum(ref[i] as Num, 30)}`).toBe(true);
        expect(matches(alt[i] as Num, want), `alternate component ${i}: ${formatNum(alt[i] as Num, 30)}`).toBe(true);
      });
      // The float64 kernel: each component within the 4-ULP budget of the mpmath value.
      const got = callKernel(entryOf(id).float64, args) as number[];
      got.forEach((g, i) => {
        expect(ulpError(g, new Decimal(exact[i] as string)), `float64 component ${i}: ${g}`).toBeLessThanOrEqual(4);
      });
    },
  );
});
