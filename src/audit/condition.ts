/**
 * The condition number of docs/error-metric.md#condition-number: κ = Σ_i |x_i·∂f/∂x_i| / |f| over the
 * arguments that carry computed data (logits, predictions, probabilities, means, variances, and soft
 * targets strictly inside (0, 1)); hard labels, sign labels and class indices are exact by nature and do
 * not count.
 *
 * Each relative derivative x·f′(x)/f is a central difference of the entry's reference formula in
 * decimal.js: f(x(1 + h)) − f(x(1 − h)) over 2h·f(x), with h = 10^−20 at 90 digits, so the difference
 * keeps 70 digits and the O(h²) truncation is 10^−40 relative — far more than the two digits a verdict
 * needs. A result held as a Tiny is differentiated through its logarithm (x·∂ln|f|/∂x is the same
 * quantity). For a vector result, κ is that of one component. A κ below about 10^−50 (where the
 * relative perturbation moves f by less than the working precision resolves) comes out inaccurate or
 * 0; a verdict, which compares κ with ULP ratios, cannot tell such a κ from 0.
 */
import type { CatalogueEntry, FloatArg, RefArg } from '../catalogue/types.ts';
import { callFormula } from '../catalogue/types.ts';
import type { Decimal } from '../reference/decimal.ts';
import { inContext, toRefArgs } from '../reference/entry.ts';
import { RefMath } from '../reference/math.ts';
import { isTiny, type Num } from '../reference/tiny.ts';

const PRECISION = 90;
const H = '1e-20';

/** True when the scalar value `x` of an argument of `kind` counts for κ (docs/catalogue.md#argument-kinds). */
export function counts(kind: string, x: number): boolean {
  if (!Number.isFinite(x) || x === 0) return false; // ±∞ args give limits; x = 0 contributes |0·f′| = 0
  if (kind === 'sign' || kind === 'index' || kind === 'label') return false;
  if (kind === 'target' || kind === 'targetVec') return x > 0 && x < 1;
  return true;
}

function pick(v: Num | Num[], component: number): Num {
  return Array.isArray(v) ? (v[component] as Num) : v;
}

/** ln|f| for a Tiny, f itself otherwise (then the relative difference is taken). */
function relChange(m: RefMath, plus: Num, minus: Num, mid: Num): Decimal {
  if (isTiny(mid) || isTiny(plus) || isTiny(minus)) {
    const lp = m.ln(m.abs(plus));
    const lm = m.ln(m.abs(minus));
    return lp.minus(lm);
  }
  return (plus as Decimal).minus(minus as Decimal).div(mid as Decimal);
}

/**
 * κ of `entry` at float arguments, for result component `component` (0 for scalar ids).
 * An exact result of 0 gives +∞ when perturbing a counted argument moves it (an infinite relative
 * change) and 0 when no perturbation does; 0 also when no argument counts.
 */
export function conditionNumber(entry: CatalogueEntry, args: readonly FloatArg[], component = 0): number {
  const m = new RefMath(PRECISION);
  const base = inContext(m, toRefArgs(entry, args));
  const f = pick(callFormula(entry.reference, m, base), component);
  if (m.isNaN(f) || !m.isFinite(f)) return 0;
  const fIsZero = m.isZero(f);
  const h = m.n(H);
  let kappa = m.zero;
  const perturbed = (i: number, j: number | undefined, factor: Decimal): RefArg[] =>
    base.map((a, ai) => {
      if (ai !== i) return a;
      if (j === undefined) return (a as Decimal).times(factor);
      return (a as Decimal[]).map((c, cj) => (cj === j ? c.times(factor) : c));
    });
  const up = m.one.plus(h);
  const down = m.one.minus(h);
  for (const [i, spec] of entry.args.entries()) {
    const a = args[i];
    const coords: (number | undefined)[] = Array.isArray(a) ? a.map((_, j) => j) : [undefined];
    for (const j of coords) {
      const x = j === undefined ? (a as number) : ((a as number[])[j] as number);
      if (!counts(spec.kind, x)) continue;
      const fp = pick(callFormula(entry.reference, m, perturbed(i, j, up)), component);
      const fm = pick(callFormula(entry.reference, m, perturbed(i, j, down)), component);
      if (fIsZero) {
        // An exact zero that a perturbation moves has infinite relative sensitivity; one that stays
        // zero (bce(0, 0), a hinge beyond its margin) is perfectly conditioned there.
        if (!m.isZero(fp) || !m.isZero(fm)) return Number.POSITIVE_INFINITY;
        continue;
      }
      kappa = kappa.plus(relChange(m, fp, fm, f).abs().div(h.times(2)));
    }
  }
  return kappa.toNumber();
}
