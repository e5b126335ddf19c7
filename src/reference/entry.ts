/**
 * The adaptive reference of a catalogue entry at float arguments: the arguments are read exactly
 * from their bits (float64, or float32 values held in doubles), and the entry's formula is run
 * through the Ziv loop of `evaluate.ts`.
 */

import { getEntry } from '../catalogue/index.ts';
import type { CatalogueEntry, FloatArg, RefArg, RefResult } from '../catalogue/types.ts';
import { callFormula } from '../catalogue/types.ts';
import { type Decimal, exactDecimal } from './decimal.ts';
import { type AdaptiveOptions, type AdaptiveResult, adaptive } from './evaluate.ts';
import type { RefMath } from './math.ts';

/** Converts float arguments to exact reference arguments (a class index stays a number). */
export function toRefArgs(entry: CatalogueEntry, args: readonly FloatArg[]): RefArg[] {
  return args.map((a, i) => {
    if (entry.args[i]?.kind === 'index') return a as number;
    return Array.isArray(a) ? a.map(exactDecimal) : exactDecimal(a as number);
  });
}

/**
 * The same exact values, re-homed in m's decimal.js clone. Constructing a Decimal never rounds, so the
 * values stay exact; but decimal.js instance methods work at the precision of the instance's own
 * clone, and `exactDecimal` builds its values in the 2400-digit `Exact` clone: without this, every
 * `z.div(…)` or `y.times(z)` in a formula would run at 2400 digits (10–30 ms a call). Formulas that
 * need an exact difference of arguments form it in `Exact` explicitly (see RefMath.logSumExp).
 */
export function inContext(m: RefMath, args: readonly RefArg[]): RefArg[] {
  return args.map((a) => {
    if (typeof a === 'number') return a;
    return Array.isArray(a) ? a.map((x) => new m.D(x)) : new m.D(a as Decimal);
  });
}

/** The exact value of `entry` at float arguments, stable to `opts.digits` (default 50) digits. */
export function referenceValue(
  entry: CatalogueEntry,
  args: readonly FloatArg[],
  opts: AdaptiveOptions = {},
): AdaptiveResult<RefResult> {
  const refArgs = toRefArgs(entry, args);
  return adaptive((m: RefMath) => callFormula(entry.reference, m, inContext(m, refArgs)), opts);
}

/** The same through the entry's independent `alternate` formula (for cross-checks only). */
export function alternateValue(
  entry: CatalogueEntry,
  args: readonly FloatArg[],
  opts: AdaptiveOptions = {},
): AdaptiveResult<RefResult> {
  const refArgs = toRefArgs(entry, args);
  return adaptive((m: RefMath) => callFormula(entry.alternate, m, inContext(m, refArgs)), opts);
}

/**
 * One evaluation of a catalogue id's reference formula at the working precision of `m`, with no
 * adaptive loop: for properties that evaluate both sides of a claim at one chosen precision.
 */
export function referenceAt(id: string, m: RefMath, args: readonly FloatArg[]): RefResult {
  const entry = getEntry(id);
  return callFormula(entry.reference, m, inContext(m, toRefArgs(entry, args)));
}
