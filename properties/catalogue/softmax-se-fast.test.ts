/**
 * The certified fast path of the softmax squared-error kernels (src/kernels/float64/softmax-se-fast.ts):
 * its double-double exp against decimal.js at 60 digits (the bound EXP_REL_ERR the certificate relies
 * on), that a result it returns is within the 4-ULP budget (it must never certify a wrong value), and
 * that it does take typical inputs (otherwise the speed-up is lost silently).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { logitVector, range, targetVector } from '../../src/audit/arbitraries.ts';
import type { FloatArg } from '../../src/catalogue/types.ts';
import {
  EXP_REL_ERR,
  expDdPair,
  FAST_D_MIN,
  squaredErrorFast,
  squaredErrorGradFast,
} from '../../src/kernels/float64/softmax-se-fast.ts';
import { ulpError, ulpErrorVector } from '../../src/numeric/ulp.ts';
import { decimalContext, exactDecimal } from '../../src/reference/decimal.ts';
import { referenceValue } from '../../src/reference/entry.ts';
import type { Num } from '../../src/reference/tiny.ts';
import { checkProperty } from '../_support/claim.ts';
import { runs } from '../_support/config.ts';
import { entryOf, nearTargetArgs, showArgs } from './softmax-support.ts';

const D = decimalContext(60);

describe('expDd', () => {
  test(`relative error ≤ 2^−74 (a factor 4 inside EXP_REL_ERR = 2^${Math.log2(EXP_REL_ERR)}) on [${FAST_D_MIN}, 0]`, (ctx) => {
    // x with a low word up to ½ulp(x), as fillState passes the exact z_k − m.
    const arb = fc
      .tuple(
        fc.oneof(range(FAST_D_MIN, 0), range(-0.02, 0), fc.constant(0)),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      )
      .map(([x, f]) => [x, f * 2 ** -53 * Math.abs(x)] as const);
    checkProperty(
      ctx,
      fc.property(arb, ([x, xl]) => {
        const [h, l] = expDdPair(x, xl);
        const exact = D.exp(exactDecimal(x).plus(exactDecimal(xl)));
        const err = exactDecimal(h).plus(exactDecimal(l)).minus(exact).abs().div(exact);
        const bits = err.isZero() ? Number.NEGATIVE_INFINITY : Math.log2(err.toNumber());
        if (!(bits <= -74)) throw new Error(`expDd(${x}, ${xl}): relative error 2^${bits.toFixed(2)} > 2^−74`);
      }),
      { numRuns: runs(1, 50) },
    );
  });
});

/** Typical inputs of the bench: K = 10, logits uniform in [−10, 10], one-hot labels. */
const typical = fc
  .tuple(fc.array(range(-10, 10), { minLength: 10, maxLength: 10 }), fc.nat(9))
  .map(([z, t]): FloatArg[] => [z, z.map((_, j) => (j === t ? 1 : 0))]);

/** The reference's mix (every logit and target regime, K ≤ 12) and soft targets near p. */
const mixed = fc.oneof(
  fc.integer({ min: 1, max: 12 }).chain((k) => fc.tuple(logitVector(k), targetVector(k)).map((a): FloatArg[] => a)),
  nearTargetArgs(),
  typical,
);

describe('a certified result is within the 4-ULP budget', () => {
  test('squaredErrorFast', (ctx) => {
    checkProperty(
      ctx,
      fc.property(mixed, (args) => {
        const v = squaredErrorFast(args[0] as number[], args[1] as number[]);
        if (v === undefined) return;
        const exact = referenceValue(entryOf('softmaxSquaredError'), args, { digits: 40 }).value as Num;
        const err = ulpError(v, exact);
        if (!(err <= 4)) throw new Error(`${err} ULPs > 4 ULPs at ${showArgs(args)}`);
      }),
      { numRuns: runs(0.5, 20) },
    );
  });
  test('squaredErrorGradFast', (ctx) => {
    checkProperty(
      ctx,
      fc.property(mixed, (args) => {
        const v = squaredErrorGradFast(args[0] as number[], args[1] as number[]);
        if (v === undefined) return;
        const exact = referenceValue(entryOf('softmaxSquaredErrorGrad'), args, { digits: 40 }).value as Num[];
        const err = ulpErrorVector(v, exact);
        if (!(err <= 4)) throw new Error(`${err} ULPs > 4 ULPs at ${showArgs(args)}`);
      }),
      { numRuns: runs(0.5, 20) },
    );
  });
});

describe('the fast path takes typical inputs', () => {
  // 400 fixed-seed samples of the bench's typical regime. Measured (seed 1): SE 100%, gradient 99%;
  // the thresholds sit below that, and a path that never certifies (0%) fails them.
  const sample = fc.sample(typical, { seed: 1, numRuns: 400 });
  test('squaredErrorFast certifies ≥ 95% of them', () => {
    const n = sample.filter((a) => squaredErrorFast(a[0] as number[], a[1] as number[]) !== undefined).length;
    expect(n / sample.length).toBeGreaterThanOrEqual(0.95);
  });
  test('squaredErrorGradFast certifies ≥ 95% of them', () => {
    const n = sample.filter((a) => squaredErrorGradFast(a[0] as number[], a[1] as number[]) !== undefined).length;
    expect(n / sample.length).toBeGreaterThanOrEqual(0.95);
  });
});
