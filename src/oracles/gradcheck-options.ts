/**
 * The vocabulary of gradcheck that its command line needs before any work starts (the regime names,
 * the range type, the error class), kept apart from src/oracles/gradcheck.ts so that parsing
 * `lossproof gradcheck`'s options does not load mathjs.
 */

/** lossproof's regime generators usable for a variable. */
export const REGIME_NAMES = ['real', 'prob', 'target', 'label', 'sign', 'variance'] as const;
export type RegimeNameArg = (typeof REGIME_NAMES)[number];
/** A variable's inputs: a closed range [lo, hi] of doubles, or a regime generator's name. */
export type VariableRange = readonly [number, number] | RegimeNameArg;

export type GradcheckErrorCode =
  | 'parse'
  | 'unbound'
  | 'unknown-function'
  | 'wrt'
  | 'range'
  | 'derivative'
  | 'gradient-threw'
  | 'gradient-shape'
  /** The exact gradient could not be evaluated at a generated input (beyond the symbolic precision cap). */
  | 'exact';

/** A usage error with a code naming the cause. */
export class GradcheckError extends Error {
  override name = 'GradcheckError';
  constructor(
    readonly code: GradcheckErrorCode,
    message: string,
  ) {
    super(message);
  }
}
