/**
 * The shape of a catalogue entry: the single source of truth for one catalogue id (docs/catalogue.md is
 * generated from the entries by scripts/gen-docs.ts).
 *
 * An entry holds the definition, the argument kinds and domain, the edge values, the reference (and an
 * independent second reference used only to cross-check it), and the float64, float32 and naive
 * kernels. Properties, the audit, the CLI and the docs read entries; nothing restates them.
 */

import type { Decimal } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import type { Num } from '../reference/tiny.ts';

/**
 * What an argument is, which fixes its domain (enforced by validate.ts) and whether it carries
 * computed data (counted by the condition number, src/audit/condition.ts) or is a label that is exact
 * by nature. `ARG_KINDS` below describes each kind; docs/catalogue.md prints it.
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

/** Each kind's domain and whether it counts for κ, in words (docs/catalogue.md#argument-kinds). */
export const ARG_KINDS: Readonly<Record<ArgKind, { readonly domain: string; readonly kappa: string }>> = {
  real: { domain: 'any double (a logit z, a prediction u, a mean mu, a regression target y)', kappa: 'yes' },
  prob: { domain: 'a probability p ∈ [0, 1]', kappa: 'yes' },
  target: { domain: 'a target y ∈ [0, 1], hard (0 or 1) or soft', kappa: 'only a soft value, strictly inside (0, 1)' },
  label: {
    domain: 'a hard label y ∈ {0, 1} (bernoulliNll, whose definition has no soft case)',
    kappa: 'no (exact by nature)',
  },
  sign: { domain: 'a sign label t ∈ {−1, +1}', kappa: 'no (exact by nature)' },
  variance: { domain: 'a variance v > 0', kappa: 'yes' },
  index: { domain: "a class index k, an integer 0 ≤ k < K (K the length of the entry's vectors)", kappa: 'no' },
  realVec: { domain: 'a vector of `real` components', kappa: 'yes, per component' },
  probVec: {
    domain: 'a vector of `prob` components (need not sum to 1)',
    kappa: 'yes, per component',
  },
  targetVec: { domain: 'a vector of `target` components', kappa: 'per component, as `target`' },
};

export interface ArgSpec {
  /** The argument's name: z, y, p, t, u, v, mu, k, q (the notation of docs/catalogue.md). */
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

/**
 * One edge value of an id, asserted exactly for the reference's float64 rounding, the float64 kernel
 * and the float32 kernel (properties/catalogue/*.test.ts) and printed in docs/catalogue.md.
 */
export interface EdgeCase {
  /** Float arguments (vectors as arrays, a class index as an integer). */
  readonly args: readonly FloatArg[];
  /**
   * The value: the limit or exact value where it is a float, ±∞ where it is infinite, NaN where no
   * limit exists; one number per component for a vector result. The sign of a zero is not asserted.
   */
  readonly value: number | readonly number[];
  /** Why, in a few words. */
  readonly note: string;
}

/** The catalogue's families: one file of `src/catalogue/` each. */
export type Family = 'sigmoid' | 'regression' | 'margin' | 'likelihood' | 'softmax' | 'distribution';

export interface CatalogueEntry {
  readonly id: string;
  readonly family: Family;
  readonly args: readonly ArgSpec[];
  readonly result: 'scalar' | 'vector';
  /** The value, in plain text. */
  readonly definition: string;
  /** The edge values: NaN, infinite and exact cases (see EdgeCase and docs/catalogue.md). */
  readonly edges: readonly EdgeCase[];
  /** The smallest vector length (1, or 2 for multiclassHinge); absent for scalar-only ids. */
  readonly minLength?: number;
  /**
   * The reference: the exact value at the working precision of `m`, written without cancellation
   * where the mathematics allows, including the ±∞ limits of the edge rules (docs/catalogue.md#values-at-the-edges).
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

/** The ULP budget of the project's own kernel for `dtype` (docs/error-metric.md#budgets: no allowance for κ). */
export function ownBudget(entry: CatalogueEntry, dtype: 'float64' | 'float32'): number {
  return dtype === 'float32' ? FLOAT32_BUDGET : (entry.float64Budget ?? 4);
}
