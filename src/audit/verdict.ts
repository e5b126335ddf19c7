/**
 * The verdicts of docs/error-metric.md#verdicts for one measured result.
 *
 * - accurate: error ≤ budget;
 * - ill-conditioned: budget < error ≤ budget·(1 + κ): the function itself is sensitive there;
 * - unstable: error > budget·(1 + κ): the formula lost what the input still held;
 * - wrong: NaN or ±∞ where the exact result is finite (or finite where it is infinite), or an unstable
 *   result that is zero or has the wrong sign.
 */
import type { Num } from '../reference/tiny.ts';
import { isTiny } from '../reference/tiny.ts';

export type Verdict = 'accurate' | 'ill-conditioned' | 'unstable' | 'wrong';

/** Severity order, worst last. */
export const VERDICT_ORDER: readonly Verdict[] = ['accurate', 'ill-conditioned', 'unstable', 'wrong'];

export function worse(a: Verdict, b: Verdict): Verdict {
  return VERDICT_ORDER.indexOf(a) >= VERDICT_ORDER.indexOf(b) ? a : b;
}

function signOf(x: Num): number {
  if (isTiny(x)) return x.sign;
  return x.isZero() ? 0 : x.isNeg() ? -1 : 1;
}

/**
 * The verdict for one scalar result. `kappa` is only consulted when the error exceeds the budget, so
 * callers may pass a thunk and compute it lazily.
 */
export function judge(
  got: number,
  exact: Num,
  ulps: number,
  budget: number,
  kappa: number | (() => number),
): { verdict: Verdict; kappa?: number } {
  if (ulps === Number.POSITIVE_INFINITY) return { verdict: 'wrong' };
  if (ulps <= budget) return { verdict: 'accurate' };
  const k = typeof kappa === 'number' ? kappa : kappa();
  if (ulps <= budget * (1 + k)) return { verdict: 'ill-conditioned', kappa: k };
  const s = signOf(exact);
  if (got === 0 || (s !== 0 && Math.sign(got) !== s)) return { verdict: 'wrong', kappa: k };
  return { verdict: 'unstable', kappa: k };
}
