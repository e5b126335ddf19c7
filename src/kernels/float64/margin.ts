/**
 * float64 kernels of the margin family: hinge, its subgradient, and the Crammer–Singer multiclass
 * hinge.
 */

/**
 * max(0, 1 − t·z). t·z is exact (t = ±1), so 1 − t·z is one rounding: correctly rounded (≤ 0.5 ULP).
 * Special values: NaN → NaN (Math.max propagates it); z = ±∞ gives the limits +∞ or 0.
 */
export function hinge(z: number, t: number): number {
  return Math.max(0, 1 - t * z);
}

/**
 * ∂hinge/∂z: −t where t·z < 1, else 0 (0 at the kink t·z = 1, the subgradient the definition fixes:
 * docs/catalogue.md#hingegrad). Exact. NaN → NaN.
 */
export function hingeGrad(z: number, t: number): number {
  if (Number.isNaN(z) || Number.isNaN(t)) return Number.NaN;
  return t * z < 1 ? -t : 0;
}

/**
 * max(0, 1 + max_{j≠k} z_j − z_k). The three-term sum 1 + m − z_k is where the textbook form
 * fails: (1 + m) − z_k loses the 1 entirely when |m| ≥ 2^53 and m ≈ z_k. Here d = m − z_k is
 * formed exactly as a twoSum pair (dh + dl), then s = 1 + dh with its exact error e, and the
 * result is s + (e + dl): when 1 + dh cancels it is exact (Sterbenz) and only the last addition
 * rounds; otherwise the correction is below an ulp of s. Error ≤ 0.5 ULP + 2^−104 relative.
 * Special values: NaN in any component → NaN; ∞ − ∞ (max_{j≠k} z_j = z_k = ±∞) → NaN; otherwise
 * the limits (+∞ or 0). When |m − z_k| overflows, 1 cannot change the result (±∞ → +∞ or 0).
 */
export function multiclassHinge(z: readonly number[], k: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < z.length; j++) {
    const v = z[j] as number;
    if (Number.isNaN(v)) return Number.NaN;
    if (j !== k && v > m) m = v;
  }
  const zk = z[k] as number;
  const dh = m - zk;
  if (!Number.isFinite(dh)) return Math.max(0, dh);
  const bb = dh - m;
  const dl = m - (dh - bb) + (-zk - bb);
  const s = 1 + dh;
  const cc = s - 1;
  const e = 1 - (s - cc) + (dh - cc);
  return Math.max(0, s + (e + dl));
}
