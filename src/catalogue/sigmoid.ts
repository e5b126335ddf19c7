/**
 * Catalogue entries of the sigmoid family: binary outputs through σ (SPEC §1, scalar table).
 */
import * as f32 from '../kernels/float32/sigmoid.ts';
import * as f64 from '../kernels/float64/sigmoid.ts';
import * as naive from '../kernels/naive/sigmoid.ts';
import type { Decimal } from '../reference/decimal.ts';
import type { RefMath } from '../reference/math.ts';
import { type CatalogueEntry, defineEntry } from './types.ts';

export const entries: readonly CatalogueEntry[] = [
  defineEntry({
    id: 'sigmoid',
    family: 'sigmoid',
    args: [{ name: 'z', kind: 'real' }],
    result: 'scalar',
    definition: 'σ(z) = 1/(1 + e^−z)',
    reference: (m: RefMath, z: Decimal) => m.sigmoid(z),
    // Independently: σ(z) = ½ + ½·tanh(z/2) near 0, and σ(z) = exp(z − softplus(z)) elsewhere
    // (z − softplus(z) = −softplus(−z) = log σ(z)), through softplus and exp instead of a division.
    alternate: (m: RefMath, z: Decimal) => {
      if (z.isNaN()) return z;
      if (z.abs().lt(1)) return m.D.tanh(z.div(2)).div(2).plus(0.5);
      return m.exp(m.neg(m.softplus(z.neg())) as Decimal);
    },
    float64: f64.sigmoid,
    float32: f32.sigmoid,
    naive: naive.sigmoid,
  }),
];
