/**
 * Shared pieces of the softmax-family tests: the ids, regime generators the default `argsFor` mix
 * is thin on, the per-component ULP check, and the largest-error log printed with LOSSPROOF_REPORT=1.
 */
import fc from 'fast-check';
import { argsFor, logitVector, range, targetVector } from '../../src/audit/arbitraries.ts';
import { getEntry } from '../../src/catalogue/index.ts';
import { type CatalogueEntry, callKernel, type FloatArg, type Implementation } from '../../src/catalogue/types.ts';
import * as f64 from '../../src/kernels/float64/softmax.ts';
import { FLOAT32, FLOAT64, type FloatFormat } from '../../src/numeric/float.ts';
import { ulpError, ulpErrorVector } from '../../src/numeric/ulp.ts';
import { referenceValue } from '../../src/reference/entry.ts';
import type { Num } from '../../src/reference/tiny.ts';

export const SOFTMAX_IDS = [
  'logSumExp',
  'softmax',
  'logSoftmax',
  'softmaxCrossEntropy',
  'softmaxCrossEntropyGrad',
  'softmaxSquaredError',
  'softmaxSquaredErrorGrad',
] as const;

export const entryOf = (id: string): CatalogueEntry => getEntry(id);
export const hasTarget = (e: CatalogueEntry): boolean => e.args.length === 2;

type Round = (x: number) => number;
const identity: Round = (x) => x;

/** Short lengths mostly, with a few up to 64 (the reference costs O(K) per evaluation). */
const K = fc.oneof(
  { arbitrary: fc.integer({ min: 2, max: 6 }), weight: 6 },
  { arbitrary: fc.integer({ min: 7, max: 64 }), weight: 1 },
);

/** Pairs z with y (one-hot, smoothed, soft, multi-hot) for the ids that take a target. */
function withTarget(e: CatalogueEntry, z: fc.Arbitrary<number[]>, k: number, round: Round): fc.Arbitrary<FloatArg[]> {
  if (!hasTarget(e)) return z.map((v) => [v]);
  return fc.tuple(
    z,
    targetVector(k).map((y) => y.map(round)),
  );
}

/**
 * Soft targets within a relative 2^−b of p = softmax(z), b ∈ [8, 40]: s·p_k − y_k and p_k − y_k cancel
 * by up to 40 bits, the regime the double-double paths exist for.
 */
export function nearTargetArgs(round: Round = identity): fc.Arbitrary<FloatArg[]> {
  return K.chain((k) =>
    fc
      .tuple(
        logitVector(k),
        fc.array(fc.tuple(fc.integer({ min: 8, max: 40 }), fc.constantFrom(-1, 1)), { minLength: k, maxLength: k }),
      )
      .map(([z0, ds]) => {
        const z = z0.map(round);
        const p = f64.softmax(z);
        const y = p.map((pk, i) => {
          const [b, s] = ds[i] as [number, number];
          // Two +∞ logits (1e300 rounded to float32) leave p_k NaN: a target must not be NaN.
          if (Number.isNaN(pk)) return 0;
          return Math.min(1, Math.max(0, round(pk * (1 + s * 2 ** -b))));
        });
        return [z, y];
      }),
  );
}

/** Logits around −log K: log-sum-exp ≈ 0, the arg-max offset cancelling the tail. */
export function lseCancelArgs(e: CatalogueEntry, round: Round = identity): fc.Arbitrary<FloatArg[]> {
  return K.chain((k) =>
    withTarget(
      e,
      fc
        .array(fc.oneof(range(-1e-9, 1e-9), range(-1e-3, 1e-3), fc.constant(0)), { minLength: k, maxLength: k })
        .map((ds) => ds.map((d) => round(d - Math.log(k)))),
      k,
      round,
    ),
  );
}

/** One arg-max and the others behind gaps at the saturation boundaries (16.6, 36.7, 709.8, 745) or huge. */
export function gapArgs(e: CatalogueEntry, round: Round = identity): fc.Arbitrary<FloatArg[]> {
  const gap = fc.oneof(
    range(15.6, 17.6),
    range(35.7, 37.7),
    range(708.8, 710.8),
    range(744, 746.5),
    range(0, 800),
    range(1e10, 1e300),
    range(86, 106),
  );
  return K.chain((k) =>
    withTarget(
      e,
      fc
        .tuple(range(-50, 50), fc.array(gap, { minLength: k, maxLength: k }), fc.nat(k - 1))
        .map(([a, gs, top]) => gs.map((g, j) => round(j === top ? a : a - g))),
      k,
      round,
    ),
  );
}

/** Every regime of the accuracy properties for one entry and rounding. */
export function regimes(e: CatalogueEntry, round: Round = identity): Record<string, fc.Arbitrary<FloatArg[]>> {
  const out: Record<string, fc.Arbitrary<FloatArg[]>> = {
    default: argsFor(e, { round, maxK: 64 }),
    'lse-cancel': lseCancelArgs(e, round),
    gaps: gapArgs(e, round),
  };
  if (hasTarget(e)) out['p≈y'] = nearTargetArgs(round);
  return out;
}

// ------------------------------------------------------------------ errors

/** Largest error seen per id and implementation, with its input (printed with LOSSPROOF_REPORT=1). */
export const worst = new Map<string, { ulps: number; args: FloatArg[] }>();

function fmtOf(impl: Implementation): FloatFormat {
  return impl === 'float32' ? FLOAT32 : FLOAT64;
}

/** The error of `impl` at `args` in ULPs of its format, per component for vector results. */
export function errorAt(e: CatalogueEntry, impl: Implementation, args: FloatArg[]): number {
  const exact = referenceValue(e, args, { digits: 40 }).value;
  const got = callKernel(e[impl], args);
  const fmt = fmtOf(impl);
  const err = Array.isArray(exact)
    ? ulpErrorVector(got as number[], exact, fmt)
    : ulpError(got as number, exact as Num, fmt);
  const key = `${e.id} ${impl}`;
  const prev = worst.get(key);
  if (prev === undefined || !(err <= prev.ulps)) worst.set(key, { ulps: err, args });
  return err;
}

export function showArgs(args: readonly FloatArg[]): string {
  return JSON.stringify(args, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

export function printWorst(): void {
  if (process.env.LOSSPROOF_REPORT !== '1') return;
  const lines = [...worst.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [key, { ulps, args }] of lines) {
    const s = showArgs(args);
    console.log(`${key}: max ${ulps.toPrecision(3)} ULPs at ${s.length > 300 ? `${s.slice(0, 300)}…` : s}`);
  }
}
