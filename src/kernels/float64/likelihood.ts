/**
 * float64 kernels of the likelihood family: Gaussian and Bernoulli negative log-likelihoods,
 * the categorical NLL, and the Gaussian NLL's gradient in the mean.
 */
import { ddAddDd, ddDivDouble, ddMultDd, ddMultDouble1 } from 'double-double';
import type { DD } from '../dd.ts';
import { mulErr } from '../dd.ts';
import { DD_LOG_REL_ERR, ddLog, exponentOf, ldexp } from '../ddlog.ts';
import { LN_FIXED_ERR, lnFixed, lnTwoPiFixed, scaledToDouble, toScaledInt } from '../fixedpoint.ts';

/** 2π as a double-double: hi = fl(2π), lo = fl(2π − hi). */
const TWO_PI: DD = [2.4492935982947064e-16, 6.283185307179586];

/**
 * The certified double-double value of gaussianNll, or undefined when the dd error bound is not
 * small against the result (deep cancellation: hand over to the fixed-point path). Finite mu, y
 * and 0 < v < ∞ only.
 */
function gaussianNllDd(mu: number, y: number, v: number): number | undefined {
  // d = y − mu exactly as dh + dl, scaled by 2^−1 first when the difference overflows.
  let half = 0;
  let a = y;
  let b = mu;
  if (!Number.isFinite(y - mu)) {
    a = y / 2; // exact: the operands are near MAX
    b = mu / 2;
    half = 1;
  }
  const dh = a - b;
  const bb = dh - a;
  const dl = a - (dh - bb) + (-b - bb);
  // v = mv·2^kv, mv ∈ [1, 2): keeps 2π·v and d²/(2v) in range whatever v is.
  const kv = exponentOf(v);
  const mv = ldexp(v, -kv);
  // L = ½·log(2π·v) = ½·log(2π·mv · 2^kv), relative error ≤ DD_LOG_REL_ERR.
  const l2 = ddLog(ddMultDouble1(mv, TWO_PI) as DD, kv);
  const L: DD = [l2[0] / 2, l2[1] / 2];
  // Q = d²/(2v) = (md²/(2·mv))·2^E, md = d·2^−kd ∈ [1, 2).
  let Q: DD = [0, 0];
  let Qhi = 0;
  if (dh !== 0) {
    const kd = exponentOf(dh);
    const md: DD = [ldexp(dl, -kd), ldexp(dh, -kd)];
    const qm = ddDivDouble(ddMultDd(md, md), 2 * mv) as DD;
    const E = 2 * (kd + half) - kv;
    if (E > 1030) return Number.POSITIVE_INFINITY; // Q ≥ 2^1028 while L ≥ −373: overflow
    Q = [ldexp(qm[0], E), ldexp(qm[1], E)];
    Qhi = Q[1];
  }
  const s = ddAddDd(L, Q) as DD;
  const r = s[1] + s[0];
  // Error budget: L to DD_LOG_REL_ERR, plus 2^−104 absolute (2π's dd representation and the dd
  // product 2π·mv, 1.5u² relative each, become absolute errors of the log); Q to 2^−100 (dd
  // product, division, exact scaling); the dd sum to 2^−104 of itself. The absolute term is what
  // sends 2π·v ≈ 1 with Q ≈ 0 (a result next to 0 without a negative term) to the exact path too.
  const err = Math.abs(L[1]) * DD_LOG_REL_ERR + Qhi * 2 ** -100 + 2 ** -104;
  return err <= Math.abs(r) * 2 ** -57 ? r : undefined;
}

/**
 * gaussianNll in binary fixed point at rising precision G: d² and v are exact integers (times
 * 2^−2148 and 2^−1074), ln(2π) and ln v within 2 units of 2^−G each, so 2r·2^G is within 7 units.
 * Stops when that is below 2^−60 of the result, or at G = 1536, where the absolute error 2^−1533
 * is far below the subnormal ulp.
 */
export function gaussianNllFixed(mu: number, y: number, v: number): number {
  const D = toScaledInt(y) - toScaledInt(mu);
  const V = toScaledInt(v);
  const D2 = D * D;
  for (let G = 192; ; G *= 2) {
    const twoL = lnTwoPiFixed(G) + lnFixed(v, G);
    const twoQ = (D2 << BigInt(G)) / (V << 1074n); // d²/v·2^G, floor: < 1 unit
    const twoR = twoL + twoQ;
    const bound = BigInt(2 * LN_FIXED_ERR + 3);
    const mag = twoR < 0n ? -twoR : twoR;
    if (mag >= bound << 60n || G >= 1536) return scaledToDouble(twoR, -G - 1);
  }
}

/**
 * ½·log(2π·v) + (y − mu)²/(2v).
 *
 * Regimes and the cancellation avoided:
 * - v ≥ 1/(2π): both terms are ≥ 0; computed in double-double (the log's argument 2π·v is a dd
 *   product, so next to 2π·v = 1 the log keeps its relative accuracy).
 * - v < 1/(2π): ½·log(2π·v) < 0 and the quadratic term can cancel it to any depth. The dd sum is
 *   certified by an a-priori error bound (≤ 2^−57 of the result, so ≤ 0.5 + 2^−4 ULPs); beyond
 *   that (|result| below about 2^−40 of |½·log(2π·v)|) the fixed-point path computes it exactly
 *   enough (gaussianNllFixed).
 * - |y − mu| > MAX: the difference is formed at half scale; d² and d²/(2v) are formed as a dd
 *   mantissa and a power of two, so (y − mu)² > MAX does not overflow a representable quotient.
 * Special values: NaN → NaN; y or mu infinite → +∞ (NaN for ∞ − ∞); v = +∞ → +∞.
 * - Common path first (gaussianNllFast): fdlibm's log with an a-posteriori bound, ≤ 3.5 ULPs where
 *   it certifies itself (every input with v ≥ 1/(2π) in its range), about 30× cheaper than ddLog.
 * Accuracy: ≤ 3.5 ULPs on the fast path, ≤ 0.5 + 2^−4 ULPs on the others (budget 4).
 */
export function gaussianNll(mu: number, y: number, v: number): number {
  if (Number.isNaN(mu) || Number.isNaN(y) || Number.isNaN(v)) return Number.NaN;
  if (!Number.isFinite(mu) || !Number.isFinite(y) || v === Number.POSITIVE_INFINITY) {
    return Number.isNaN(y - mu) ? Number.NaN : Number.POSITIVE_INFINITY;
  }
  return gaussianNllFast(mu, y, v) ?? gaussianNllDd(mu, y, v) ?? gaussianNllFixed(mu, y, v);
}

/**
 * gaussianNll's common path, with fdlibm's log instead of ddLog, certified by an a-posteriori bound.
 *
 * 2π·v = wh + wl (TwoProduct with 2π's high word, plus 2π's low word·v), so
 * L = ½·log(wh) + ½·wl/wh, where only Math.log rounds noticeably: < 1 ulp of log(wh), ≤ 2^−52·|log wh|,
 * i.e. ≤ 2^−52·|L_hi|; the rest (wl/wh's second order, 2π's dd representation, the low words' roundings)
 * is below 2^−100·|L| + 2^−103. Q = (y − mu)²/(2v) with y − mu exact (TwoSum), d² exact (TwoProduct)
 * and the quotient corrected by its exact remainder: ≤ 2^−100·Q. L_hi + Q_hi by TwoSum, the low parts
 * added once: before the final rounding the error is ≤ 2.001·|L_hi|·2^−53 + 2^−100·Q + 2^−103. The
 * result is returned only when that is ≤ 2.5·2^−53·|r| (≤ 2.5 ULPs of the exact value, since
 * ulp(R) ≥ 2^−53·|R|), so ≤ 3.5 ULPs with the final rounding, against the budget of 4. When
 * v ≥ 1/(2π) both terms are ≥ 0 and |r| ≥ |L|, so the test always passes (up to r ≈ 0); for
 * v < 1/(2π) it fails where Q cancels much of L, and the dd / fixed-point paths take over.
 * undefined outside 2^−20 ≤ v ≤ 2^20, |mu|, |y| ≤ 2^400, 0 < |y − mu| < 2^−400 (where the
 * products could overflow or their low words underflow), for NaN and ∞.
 */
function gaussianNllFast(mu: number, y: number, v: number): number | undefined {
  if (!(v >= 2 ** -20 && v <= 2 ** 20 && Math.abs(mu) <= 2 ** 400 && Math.abs(y) <= 2 ** 400)) return undefined;
  const d = y - mu;
  if (d !== 0 && Math.abs(d) < 2 ** -400) return undefined;
  const bv = d - y;
  const dl = y - (d - bv) + (-mu - bv); // y − mu = d + dl exactly
  const wh = TWO_PI[1] * v;
  const wl = mulErr(TWO_PI[1], v, wh) + TWO_PI[0] * v;
  const lh = 0.5 * Math.log(wh);
  const ll = (0.5 * wl) / wh;
  const th = d * d;
  const tl = mulErr(d, d, th) + 2 * d * dl;
  const v2 = 2 * v;
  const qh = th / v2;
  const pq = qh * v2;
  const ql = (th - pq - mulErr(qh, v2, pq) + tl) / v2;
  const sh = lh + qh;
  const b = sh - lh;
  const sl = lh - (sh - b) + (qh - b);
  const r = sh + (sl + ll + ql);
  const err = 2.001 * Math.abs(lh) + 2 ** -47 * qh + 2 ** -50; // in units of 2^−53
  return err <= 2.5 * Math.abs(r) ? r : undefined;
}

/**
 * (mu − y)/v as hi/v + lo/v with mu − y = hi + lo exactly (twoSum): ≤ 0.5 ULP (division) plus
 * ≤ 0.5 ULP (final addition of a correction below an ulp), measured ≤ 0.98 ULPs. When mu − y
 * overflows, both are halved first (exact there) and the quotient doubled, so a representable
 * (mu − y)/v with v > 1 does not become ∞. NaN → NaN; ∞ − ∞ or ∞/∞ → NaN; otherwise the limits.
 */
export function gaussianNllGradMu(mu: number, y: number, v: number): number {
  const d = mu - y;
  if (!Number.isFinite(d) || !Number.isFinite(v)) {
    if (Number.isFinite(mu) && Number.isFinite(y) && Number.isFinite(v)) {
      const a = mu / 2;
      const b = y / 2;
      const h = a - b;
      const bb = h - a;
      const l = a - (h - bb) + (-b - bb);
      return 2 * (h / v + l / v);
    }
    return d / v;
  }
  const q = d / v;
  if (!Number.isFinite(q)) return q; // overflow (tiny v): lo/v could be −∞ and make ∞ − ∞
  const bb = d - mu;
  const lo = mu - (d - bb) + (-y - bb);
  return q + lo / v;
}

/**
 * −log p for y = 1, −log1p(−p) for y = 0 (never 1 − p, which would lose p below 2^−53):
 * ≤ 1 ULP (fdlibm's log and log1p are below 1 ulp). p = 0 with y = 1, or p = 1 with y = 0, is +∞.
 * y outside {0, 1} is outside the definition (the validated entry points reject it): NaN.
 */
export function bernoulliNll(p: number, y: number): number {
  if (y === 1) return -Math.log(p);
  if (y === 0) return -Math.log1p(-p);
  return Number.NaN;
}

/**
 * −log p_k: ≤ 1 ULP (fdlibm log). NaN in any component gives NaN (docs/catalogue.md#values-at-the-edges);
 * p_k = 0 gives +∞.
 */
export function categoricalNll(p: readonly number[], k: number): number {
  for (let j = 0; j < p.length; j++) if (Number.isNaN(p[j] as number)) return Number.NaN;
  return -Math.log(p[k] as number);
}
