/**
 * High-precision finite-difference derivatives of functions evaluated in decimal.js (moved here from
 * properties/_support/exact.ts so that the gradient oracles in src/ can use them; that file
 * re-exports them for the claim properties).
 *
 * `derivative` / `derivativeVec`: a central difference with an a-posteriori error bound (the claims).
 * `richardson` / `richardsonVec`: central differences at h, 2h, 4h extrapolated twice (error O(h⁶)),
 * the finite-difference oracle of src/oracles/.
 */
import type { Decimal } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';

/** Digits the finite difference spends on its step h = 10^−H. */
export const FD_STEP_DIGITS = 15;

export interface Derivative {
  /** The central difference (F(h) − F(−h))/2h. */
  value: Decimal;
  /** A bound on |value − F′(0)|: the Richardson estimate of the truncation plus the rounding. */
  error: Decimal;
}

/**
 * F′(0) by a central difference at step h = 10^−H in m's precision P, with an error bound.
 *
 * Truncation: D(h) − F′ = h²F‴/6 + O(h⁴), so |D(h) − D(10h)| ≈ 99·|D(h) − F′|; the bound takes
 * |D(h) − D(10h)| whole (99 times the estimate), safe for any F analytic near 0 at these tiny steps.
 * Rounding: each F value is accurate to about 10^−(P−5)·max(1, |F|) absolute (its intermediate
 * values are O(1) or O(F)); a difference divided by 2h magnifies that by 10^H.
 * `F(t)` must evaluate the function at the point moved by t (along a direction) at m's precision.
 */
export function derivative(m: RefMath, F: (t: Decimal) => Decimal, H = FD_STEP_DIGITS): Derivative {
  const h = m.n(10).pow(-H);
  const h10 = h.times(10);
  const fp = F(h);
  const fm = F(h.neg());
  const d1 = fp.minus(fm).div(h.times(2));
  const d10 = F(h10).minus(F(h10.neg())).div(h10.times(2));
  const f0 = fp.abs().gt(fm.abs()) ? fp.abs() : fm.abs();
  const rounding = m
    .n(10)
    .pow(-(m.precision - 5 - H))
    .times(f0.gt(1) ? f0 : 1);
  return { value: d1, error: d1.minus(d10).abs().plus(rounding) };
}

/**
 * The directional derivative of a vector-valued F at 0 (componentwise `derivative`): the same four
 * evaluations serve every component.
 */
export function derivativeVec(m: RefMath, F: (t: Decimal) => Decimal[], H = FD_STEP_DIGITS): Derivative[] {
  const h = m.n(10).pow(-H);
  const h10 = h.times(10);
  const [fp, fm, fp10, fm10] = [F(h), F(h.neg()), F(h10), F(h10.neg())];
  return fp.map((_, i) => {
    const d1 = (fp[i] as Decimal).minus(fm[i] as Decimal).div(h.times(2));
    const d10 = (fp10[i] as Decimal).minus(fm10[i] as Decimal).div(h10.times(2));
    const a = (fp[i] as Decimal).abs();
    const b = (fm[i] as Decimal).abs();
    const f0 = a.gt(b) ? a : b;
    const rounding = m
      .n(10)
      .pow(-(m.precision - 5 - H))
      .times(f0.gt(1) ? f0 : 1);
    return { value: d1, error: d1.minus(d10).abs().plus(rounding) };
  });
}

/**
 * The derivative at 0 of a vector-valued F by Richardson extrapolation of central differences.
 *
 * Algorithm: D(k·h) = (F(kh) − F(−kh))/(2kh) for k = 1, 2, 4, h = 10^−H. D(kh) = F′ + a(kh)² + b(kh)⁴
 * + O(h⁶), so R(kh) = (4D(kh) − D(2kh))/3 cancels the h² term and (16R(h) − R(2h))/15 the h⁴ term:
 * the value is (64D(h) − 20D(2h) + D(4h))/45, with truncation O(h⁶·F⁽⁷⁾).
 * Error bound: |value − R(h)| (the size of the last correction, which dominates the remaining
 * truncation at these steps) plus the rounding. Each F value is taken to be accurate to
 * 10^−(P−5)·max(1, |F|, `scale`) absolute, where `scale` bounds the intermediate values F forms (e.g.
 * |z| in softplus(z) − y·z); the combination magnifies that by (64 + 20/2 + 1/4)/45 < 2 over h.
 * Choose H so that 6H and P − H both exceed the digits wanted (plus any cancellation in F′ itself).
 */
export function richardsonVec(m: RefMath, F: (t: Decimal) => Decimal[], H: number, scale = 1): Derivative[] {
  const h = m.n(10).pow(-H);
  const d = [1, 2, 4].map((k) => {
    const hk = h.times(k);
    const fp = F(hk);
    const fm = F(hk.neg());
    return { fp, fm, hk };
  });
  const K = d[0]?.fp.length ?? 0;
  const out: Derivative[] = [];
  for (let i = 0; i < K; i++) {
    let fmax = m.n(Math.max(1, scale));
    const D = d.map(({ fp, fm, hk }) => {
      const a = fp[i] as Decimal;
      const b = fm[i] as Decimal;
      if (a.abs().gt(fmax)) fmax = a.abs();
      if (b.abs().gt(fmax)) fmax = b.abs();
      return a.minus(b).div(hk.times(2));
    }) as [Decimal, Decimal, Decimal];
    const r1 = D[0].times(4).minus(D[1]).div(3);
    const value = D[0].times(64).minus(D[1].times(20)).plus(D[2]).div(45);
    const rounding = m
      .n(10)
      .pow(-(m.precision - 5 - H))
      .times(fmax)
      .times(2);
    out.push({ value, error: value.minus(r1).abs().plus(rounding) });
  }
  return out;
}

/** The scalar form of `richardsonVec`. */
export function richardson(m: RefMath, F: (t: Decimal) => Decimal, H: number, scale = 1): Derivative {
  return richardsonVec(m, (t) => [F(t)], H, scale)[0] as Derivative;
}
