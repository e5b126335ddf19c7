/**
 * The shape of a catalogue entry: the single source of truth for one catalogue id (SPEC §1).
 *
 * An entry holds the definition, the argument kinds and domain, the reference (and an independent
 * second reference used only to cross-check it), and the float64, float32 and naive kernels.
 * Properties, the audit, the CLI and the proofs read entries; nothing restates them.
 */

import type { Decimal } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import type { Num } from '../reference/tiny.ts';

/**
 * What an argument is, which fixes its domain (SPEC §1–2) and whether it carries computed data
 * (counted by the condition number, SPEC §3) or is a label that is exact by nature.
 *
 * - `real`: a logit z, prediction u or mean mu: any double.
 * - `prob`: a probability p ∈ [0, 1].
 * - `target`: a target y ∈ [0, 1]; hard (0 or 1) or soft.
 * - `label`: a hard label y ∈ {0, 1} (bernoulliNll, whose definition has no soft case); exact by
 *   nature, like `sign` and `index`, so it does not count for the condition number.
 * - `sign`: a sign label t ∈ {−1, +1}.
 * - `variance`: v > 0.
 * - `index`: a class index k, an integer 0 ≤ k < K (K the length of the entry's vectors).
 * - `realVec`, `probVec`, `targetVec`: vectors of the above, all of one length K ≥ minLength.
 */
export type ArgKind =
  | 'real'
  | 'prob'
  | 'target'
  | 'label'
  | 'sign'
  | 'variance'
  | 'index'
  | 'realVec'
  | 'probVec'
  | 'targetVec';

export interface ArgSpec {
  /** The argument's name as SPEC §1 writes it: z, y, p, t, u, v, mu, k, q. */
  readonly name: string;
  readonly kind: ArgKind;
}

/** A float argument: a number, or an array of numbers for a vector argument. */
export type FloatArg = number | readonly number[];
/** A float result: a number, or an array of numbers for a vector function. */
export type FloatResult = number | number[];
/** A reference argument: an exact Decimal, an array of them, or an index as a number. */
export type RefArg = Decimal | readonly Decimal[] | number;
/** A reference result. */
export type RefResult = Num | Num[];

/**
 * A float kernel. Entries store kernels with their own precise parameter types
 * (`(z: number, y: number) => number`); `never[]` lets every such function be stored here, and
 * `callKernel` is the one place that calls them generically.
 */
export type Kernel = (...args: never[]) => FloatResult;
/** A reference formula at the working precision of `m`. */
export type RefFormula = (m: RefMath, ...args: never[]) => RefResult;

/** The catalogue's families: one file of `src/catalogue/` each. */
export type Family = 'sigmoid' | 'regression' | 'margin' | 'likelihood' | 'softmax' | 'distribution';

export interface CatalogueEntry {
  readonly id: string;
  readonly family: Family;
  readonly args: readonly ArgSpec[];
  readonly result: 'scalar' | 'vector';
  /** The value as SPEC §1 defines it, in plain text. */
  readonly definition: string;
  /** The smallest vector length (1, or 2 for multiclassHinge); absent for scalar-only ids. */
  readonly minLength?: number;
  /**
   * The reference: the exact value at the working precision of `m`, written without cancellation
   * where the mathematics allows, including the ±∞ limits of SPEC §2.
   */
  readonly reference: RefFormula;
  /**
   * A second, independently written evaluation (another formula or an identity), used only to
   * cross-check `reference` at a higher precision.
   */
  readonly alternate: RefFormula;
  /**
   * The flat ULP budget the float64 kernel is held to at every input (issue 2): 2 for scalar results
   * that do not cancel, 4 otherwise. Absent means 4. The float32 kernel's budget is always 1 ULP.
   */
  readonly float64Budget?: 2 | 4;
  readonly float64: Kernel;
  /** float32 inputs (numbers that Math.fround leaves unchanged), a float32 result. */
  readonly float32: Kernel;
  /** The textbook formula as commonly written. */
  readonly naive: Kernel;
}

/** Which float implementation. */
export type Implementation = 'float64' | 'float32' | 'naive';

/** Calls a stored kernel with generic arguments. */
export function callKernel(kernel: Kernel, args: readonly FloatArg[]): FloatResult {
  return (kernel as unknown as (...a: readonly FloatArg[]) => FloatResult)(...args);
}

/** Calls a stored reference formula with generic arguments. */
export function callFormula(formula: RefFormula, m: RefMath, args: readonly RefArg[]): RefResult {
  return (formula as unknown as (m: RefMath, ...a: readonly RefArg[]) => RefResult)(m, ...args);
}

/** Identity helper that keeps an entry literal's kernel types checked where it is written. */
export function defineEntry(entry: CatalogueEntry): CatalogueEntry {
  return entry;
}

/** The float32 kernels' budget, in float32 ULPs, for every id. */
export const FLOAT32_BUDGET = 1;

/** The ULP budget of the project's own kernel for `dtype` (SPEC §3: no allowance for κ). */
export function ownBudget(entry: CatalogueEntry, dtype: 'float64' | 'float32'): number {
  return dtype === 'float32' ? FLOAT32_BUDGET : (entry.float64Budget ?? 4);
}
