/**
 * Analytic second derivatives the convexity claims need, written with RefMath building blocks so they
 * are cancellation-free where the mathematics allows (σ(−z), never 1 − σ(z)):
 *
 * - σ″(z) = σ′(z)·(σ(−z) − σ(z)), σ′(z) = σ(z)σ(−z);
 * - ∂²/∂z² (σ(z) − y)² = 2σ′(z)² + 2(σ(z) − y)·σ″(z), with σ(z) − y formed as (1 − y) − σ(−z) for
 *   z > 0 (exact 1 − y) so a hard label does not cancel;
 * - ∂²/∂z² bceWithLogits(z, y) = σ′(z) (independent of y);
 * - the softmax-CE Hessian (Σ y)·J(p), J = diag(p) − p·pᵀ, p = softmax(z), flattened row-major.
 *
 * Every result is an array (length 1 for scalars, K² for the Hessian).
 */
import type { FloatArg } from '../catalogue/types.ts';
import { type Decimal, Exact, exactDecimal } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import { isTiny, type Num } from '../reference/tiny.ts';

function dec(x: Num): Decimal {
  if (isTiny(x)) throw new RangeError('second: a value below decimal.js range');
  return x;
}

/** σ(z) and σ(−z) at m's precision. */
function sigmas(m: RefMath, z: Decimal): [Decimal, Decimal] {
  return [dec(m.sigmoid(z)), dec(m.sigmoid(z.neg()))];
}

/** The second derivative `name` (a SECOND_ROWS name) at exact `args`, at m's precision. */
export function secondDerivative(name: string, m: RefMath, args: readonly FloatArg[]): Decimal[] {
  if (name === 'softmaxCrossEntropyHessian') {
    const z = (args[0] as number[]).map((v) => new m.D(exactDecimal(v)));
    const y = (args[1] as number[]).map((v) => exactDecimal(v));
    const lse = dec(m.logSumExp(z));
    // p_k = e^{z_k − lse}: the exponent difference is formed in the Exact context (absolute accuracy).
    const p = z.map((zk) => dec(m.exp(new m.D(new Exact(zk).minus(lse)))));
    const ysum = y.reduce((s, v) => s.plus(v), new Exact(0));
    const K = z.length;
    const out: Decimal[] = [];
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++) {
        const pi = p[i] as Decimal;
        const pj = p[j] as Decimal;
        // J_ii = p_i(1 − p_i) = p_i·Σ_{k≠i} p_k, summed rather than subtracted from 1.
        const jij = i === j ? pi.times(p.reduce((s, v, k) => (k === i ? s : s.plus(v)), m.zero)) : pi.times(pj).neg();
        out.push(new m.D(ysum).times(jij));
      }
    return out;
  }
  const z = new m.D(exactDecimal(args[0] as number));
  const [s, sn] = sigmas(m, z);
  const d1 = s.times(sn);
  const d2 = d1.times(sn.minus(s));
  if (name === 'sigmoidSecond') return [d2];
  if (name === 'bceWithLogitsSecond') return [d1];
  if (name === 'sigmoidSquaredErrorSecond') {
    const y = exactDecimal(args[1] as number);
    const diff = z.gt(0) ? new m.D(new Exact(1).minus(y)).minus(sn) : s.minus(y);
    return [d1.times(d1).times(2).plus(diff.times(d2).times(2))];
  }
  throw new RangeError(`second: unknown second derivative ${name}`);
}
