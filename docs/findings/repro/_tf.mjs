// Shared setup of the tfjs reproductions: TensorFlow.js 4.22 on its CPU backend (float32), production
// mode, and a printer that compares tfjs's value with a careful float64 evaluation of the same
// mathematical function, in float32 ULPs (ulp at the expected value's binade, subnormal floor 2^-149).
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');
tf.enableProdMode();

export { tf };

function ulp32(x) {
  const a = Math.abs(x);
  if (a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

/** ULPs of float32 between `got` and the float64 `expected` (∞ for NaN/∞ mismatches). */
export function ulps32(got, expected) {
  if (Number.isNaN(got) && Number.isNaN(expected)) return 0;
  if (got === expected) return 0;
  if (!Number.isFinite(got) || !Number.isFinite(expected)) return Number.POSITIVE_INFINITY;
  return Math.abs(got - expected) / ulp32(expected);
}

const fmt = (x) => (Array.isArray(x) ? `[${x.map(fmt).join(', ')}]` : Object.is(x, -0) ? '-0' : String(x));

/** Prints one line: what was called, what tfjs returned, the expected value, the error. */
export function report(call, got, expected) {
  const g = Array.isArray(got) ? got : [got];
  const e = Array.isArray(expected) ? expected : [expected];
  const err = Math.max(...g.map((v, i) => ulps32(v, e[i])));
  const shown = Number.isFinite(err)
    ? `${err.toPrecision(4)} float32 ULPs`
    : 'infinite (NaN/∞ vs finite, or the reverse)';
  console.log(`${call}\n  tfjs:     ${fmt(got)}\n  expected: ${fmt(expected)}\n  error:    ${shown}`);
}

/** The values of a tensor as numbers (a scalar for one element). */
export const val = (t) => {
  const a = Array.from(t.dataSync());
  return a.length === 1 ? a[0] : a;
};
