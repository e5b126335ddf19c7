/**
 * Gradient dynamics of the DYN claims in high precision: plain gradient descent (and, for the DYN-6
 * counterexample, Adam) on a scalar parameter, with the gradients taken from the catalogue's
 * reference formulas (`bceWithLogitsGrad`, `sigmoidSquaredErrorGrad`) evaluated on Decimal iterates.
 *
 * Why not float64: the claims compare two trajectories (z^CE_t ≥ z^SE_t) or count steps to a
 * threshold; where the two iterates (or an iterate and the threshold) are within a few float64 ulps,
 * a float comparison could flip. At p digits the per-step evaluation error is ~10^−p·(1 + |z|), and
 * the order claims carry an explicit slack derived from it (see `orderSlack`).
 */
import { getEntry } from '../catalogue/index.ts';
import { callFormula } from '../catalogue/types.ts';
import type { Decimal } from '../reference/decimal.ts';
import { exactDecimal } from '../reference/decimal.ts';
import { RefMath } from '../reference/math.ts';
import { isTiny } from '../reference/tiny.ts';

/** The two losses of the dynamics claims, by their logit-gradient catalogue ids. */
export const GRAD_ID = { ce: 'bceWithLogitsGrad', se: 'sigmoidSquaredErrorGrad' } as const;
export type LossKind = keyof typeof GRAD_ID;

/** Working precision of the dynamics (significant digits). */
export const DYNAMICS_DIGITS = 40;

/**
 * ∂loss/∂z at a Decimal logit z and target y, from the catalogue id's reference formula at the
 * precision of `m`. A value below decimal.js's range (a Tiny, |g| < 10^−9e15) cannot move an iterate
 * of magnitude ≥ 10^−40 at 40 digits and is returned as 0.
 */
export function gradAt(id: string, m: RefMath, z: Decimal, y: Decimal): Decimal {
  const g = callFormula(getEntry(id).reference, m, [z, y]);
  if (Array.isArray(g)) throw new TypeError(`${id}: expected a scalar gradient`);
  if (isTiny(g)) return m.zero;
  return g;
}

/** A 1-D dataset for the scalar-weight dynamics: logits z_i = w·x_i, targets y_i. */
export interface Data1d {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** The single-example problem of DYN-1/2/5/6: z = w·1 with target y = 1. */
export const SINGLE_POSITIVE: Data1d = { x: [1], y: [1] };

/**
 * dL/dw of the sum loss L(w) = Σ_i loss(w·x_i, y_i), at precision `m`: Σ_i g(w·x_i, y_i)·x_i with g
 * the catalogue gradient. x_i, y_i are read exactly from their bits.
 */
export function sumGradient(kind: LossKind, m: RefMath, data: Data1d, w: Decimal): Decimal {
  let s = m.zero;
  for (let i = 0; i < data.x.length; i++) {
    const xi = exactDecimal(data.x[i] as number);
    const g = gradAt(GRAD_ID[kind], m, w.times(xi), exactDecimal(data.y[i] as number));
    s = s.plus(g.times(xi));
  }
  return s;
}

export interface GdOptions {
  readonly w0: number;
  /** The step size η, a double read exactly. */
  readonly eta: number;
  /** Iterations to run. */
  readonly steps: number;
  readonly digits?: number;
  /** A gradient to use instead of the catalogue one (planted mistakes only). */
  readonly gradient?: (m: RefMath, w: Decimal) => Decimal;
}

/** The GD trajectory w_0, …, w_steps of w_{t+1} = w_t − η·dL/dw(w_t), at `digits` precision. */
export function gdTrajectory(kind: LossKind, data: Data1d, opts: GdOptions): Decimal[] {
  const m = new RefMath(opts.digits ?? DYNAMICS_DIGITS);
  const eta = exactDecimal(opts.eta);
  const grad = opts.gradient ?? ((mm: RefMath, w: Decimal) => sumGradient(kind, mm, data, w));
  const out: Decimal[] = [new m.D(exactDecimal(opts.w0))];
  let w = out[0] as Decimal;
  for (let t = 0; t < opts.steps; t++) {
    w = w.minus(eta.times(grad(m, w)));
    out.push(w);
  }
  return out;
}

/**
 * The absolute slack of an order comparison a_t ≥ b_t between two trajectories computed at
 * `digits` precision, after t steps, with iterates of magnitude ≤ `scale`.
 *
 * Derivation (proofs/dynamics.md, "DYN-1"): each computed step differs from the exact map by
 * ε ≤ 10^{5−digits}·(1 + scale) (a few units in the last digit of the gradient and of the two roundings
 * of w − η·g, with five digits to spare), and the CE map F(w) = w − η·g_CE(w) is non-decreasing and
 * 1-Lipschitz under the claim's condition, so a deficit grows by at most 2ε per step: 2tε in all.
 */
export function orderSlack(t: number, scale: number, digits = DYNAMICS_DIGITS): number {
  return 2 * t * 10 ** (5 - digits) * (1 + scale);
}

/** The first t ≤ cap with z_t ≥ τ along GD, or null; `last` is the iterate there (or at the cap). */
export function hittingTime(
  kind: LossKind,
  data: Data1d,
  opts: { w0: number; eta: number; tau?: number; cap: number; digits?: number },
): { steps: number | null; last: Decimal } {
  const m = new RefMath(opts.digits ?? DYNAMICS_DIGITS);
  const eta = exactDecimal(opts.eta);
  const tau = new m.D(opts.tau ?? 0);
  let w = new m.D(exactDecimal(opts.w0));
  for (let t = 0; t <= opts.cap; t++) {
    if (w.gte(tau)) return { steps: t, last: w };
    if (t === opts.cap) break;
    w = w.minus(eta.times(sumGradient(kind, m, data, w)));
  }
  return { steps: null, last: w };
}

/**
 * DYN-2's invariant for SE from z₀ = −a with y = 1: e^{−z_t} ≥ e^{a} − 2ηt while z_t < 0. Returns
 * the hitting time of 0 together with the number of steps where the invariant failed (beyond a
 * relative 10^{5−digits}).
 */
export function seHittingTimeWithInvariant(opts: { a: number; eta: number; cap: number; digits?: number }): {
  steps: number | null;
  invariantViolations: number;
  /** The iterate at the hitting time (or at the cap). */
  last: Decimal;
} {
  const m = new RefMath(opts.digits ?? DYNAMICS_DIGITS);
  const eta = exactDecimal(opts.eta);
  const a = exactDecimal(opts.a);
  const ea = m.D.exp(a);
  const rel = new m.D(10).pow(5 - m.precision);
  let z = new m.D(a.neg());
  let violations = 0;
  const one = m.one;
  for (let t = 0; t <= opts.cap; t++) {
    if (z.gte(0)) return { steps: t, invariantViolations: violations, last: z };
    const lower = ea.minus(eta.times(2 * t));
    const lhs = m.D.exp(z.neg());
    if (lhs.lt(lower.minus(lhs.abs().times(rel)))) violations++;
    if (t === opts.cap) break;
    z = z.minus(eta.times(gradAt(GRAD_ID.se, m, z, one)));
  }
  return { steps: null, invariantViolations: violations, last: z };
}

/**
 * Adam (β₁, β₂, ε; bias-corrected) on the single logit with y = 1 from z₀, in Decimal arithmetic at
 * `digits`: the first t with z_t ≥ 0, or null at the cap. Hyper-parameters are doubles read exactly.
 */
export function adamHittingTime(
  kind: LossKind,
  opts: { z0: number; lr: number; cap: number; beta1?: number; beta2?: number; eps?: number; digits?: number },
): number | null {
  const m = new RefMath(opts.digits ?? DYNAMICS_DIGITS);
  const D = m.D;
  const b1 = new D(exactDecimal(opts.beta1 ?? 0.9));
  const b2 = new D(exactDecimal(opts.beta2 ?? 0.999));
  const eps = new D(exactDecimal(opts.eps ?? 1e-8));
  const lr = new D(exactDecimal(opts.lr));
  const one = m.one;
  let z = new D(exactDecimal(opts.z0));
  let mom = m.zero;
  let v = m.zero;
  for (let t = 0; t <= opts.cap; t++) {
    if (z.gte(0)) return t;
    if (t === opts.cap) break;
    const g = gradAt(GRAD_ID[kind], m, z, one);
    mom = b1.times(mom).plus(one.minus(b1).times(g));
    v = b2.times(v).plus(one.minus(b2).times(g).times(g));
    const mhat = mom.div(one.minus(b1.pow(t + 1)));
    const vhat = v.div(one.minus(b2.pow(t + 1)));
    z = z.minus(lr.times(mhat).div(vhat.sqrt().plus(eps)));
  }
  return null;
}

/**
 * The same Adam run in float64 with the catalogue's float64 gradient kernels (for fast generated
 * properties; the decimal run above is the check of the table).
 */
export function adamHittingTimeFloat(kind: LossKind, opts: { z0: number; lr: number; cap: number }): number | null {
  const g = getEntry(GRAD_ID[kind]).float64 as unknown as (z: number, y: number) => number;
  const b1 = 0.9;
  const b2 = 0.999;
  const eps = 1e-8;
  let z = opts.z0;
  let mom = 0;
  let v = 0;
  for (let t = 0; t <= opts.cap; t++) {
    if (z >= 0) return t;
    if (t === opts.cap) break;
    const gt = g(z, 1);
    mom = b1 * mom + (1 - b1) * gt;
    v = b2 * v + (1 - b2) * gt * gt;
    z -= (opts.lr * (mom / (1 - b1 ** (t + 1)))) / (Math.sqrt(v / (1 - b2 ** (t + 1))) + eps);
  }
  return null;
}

/** The GD hitting time of 0 from z₀ in float64 with the catalogue's float64 kernels (y = 1). */
export function gdHittingTimeFloat(kind: LossKind, opts: { z0: number; eta: number; cap: number }): number | null {
  const g = getEntry(GRAD_ID[kind]).float64 as unknown as (z: number, y: number) => number;
  let z = opts.z0;
  for (let t = 0; t <= opts.cap; t++) {
    if (z >= 0) return t;
    if (t === opts.cap) break;
    z -= opts.eta * g(z, 1);
  }
  return null;
}
