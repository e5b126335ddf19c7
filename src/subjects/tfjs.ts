/**
 * TensorFlow.js 4.22 (`@tensorflow/tfjs`, CPU backend) as an audit subject, in float32.
 *
 * TensorFlow.js is an optional dependency: this file imports it dynamically, so nothing on the default
 * import path needs it. The CPU backend stores every tensor as a Float32Array: each op computes its
 * elements in JavaScript doubles and rounds once to float32, so a composite formula (a loss built from
 * several ops) rounds every intermediate tensor to float32. The audit rounds inputs to float32 and
 * measures errors in float32 ULPs.
 *
 * The mapping follows tfjs's own definitions (tfjs-core/dist/ops/losses/*.js), not its names:
 *
 * | catalogue id | tfjs call (per element: `tf.Reduction.NONE`) |
 * | --- | --- |
 * | sigmoid, logSigmoid, softplus | `tf.sigmoid(z)`, `tf.logSigmoid(z)`, `tf.softplus(z)` |
 * | logSumExp, softmax, logSoftmax | `tf.logSumExp(z)`, `tf.softmax(z)`, `tf.logSoftmax(z)` (z of shape [K]) |
 * | bceWithLogits(z, y) | `tf.losses.sigmoidCrossEntropy(y, z)` |
 * | softmaxCrossEntropy(z, y) | `tf.losses.softmaxCrossEntropy(y, z)` (shape [1, K]) |
 * | bce(p, y) | `tf.losses.logLoss(y, p)` with its default epsilon 1e−7 (added inside both logs) |
 * | squaredError(u, y) | `tf.losses.meanSquaredError(y, u)` per element (`squaredDifference`) |
 * | meanSquaredError(u, y) | `tf.losses.meanSquaredError(y, u)` with its default reduction (sum / size) |
 * | hinge(z, t) | `tf.losses.hingeLoss((t + 1)/2, z)`: tfjs takes labels in {0, 1} and maps them to 2y − 1 |
 * | sigmoidGrad(z) | `tf.grad(tf.sigmoid)(z)` |
 * | bceWithLogitsGrad(z, y) | `tf.grad` of sigmoidCrossEntropy w.r.t. the logits |
 * | softmaxCrossEntropyGrad(z, y) | `tf.grad` of softmaxCrossEntropy w.r.t. the logits (tfjs's custom gradient) |
 * | bceGrad(p, y) | `tf.grad` of logLoss (default epsilon) w.r.t. the predictions |
 * | squaredErrorGrad(u, y) | `tf.grad` of meanSquaredError (per element) w.r.t. the predictions |
 * | hingeGrad(z, t) | `tf.grad` of hingeLoss (per element) w.r.t. the predictions |
 *
 * Gradients w.r.t. labels (sigmoidCrossEntropy: −z; softmaxCrossEntropy's custom gradient) have no
 * catalogue id; they are examined in docs/findings/tensorflow-js.md.
 */
import type { Subject } from '../audit/measure.ts';
import type { SubjectSet } from '../audit/run.ts';
import type { CatalogueEntry, FloatArg, FloatResult } from '../catalogue/types.ts';
import { FOREIGN_BUDGET_ULPS } from './index.ts';

type Tf = typeof import('@tensorflow/tfjs');
type Tensor = import('@tensorflow/tfjs').Tensor;

/** The version this mapping was written against (the definitions it reads are version-specific). */
export const TFJS_VERSION = '4.22.0';

/**
 * Imports TensorFlow.js and selects the CPU backend in production mode. `IS_TEST` would turn on a
 * leak check that makes some custom-gradient ops throw (TOOLCHAIN.md), so it is cleared.
 * Throws when the optional dependency is missing or the backend cannot be set.
 */
export async function loadTfjs(): Promise<Tf> {
  let tf: Tf;
  try {
    tf = (await import('@tensorflow/tfjs')) as Tf;
  } catch (e) {
    // An optional peer dependency: say how to install it rather than Node's bare resolution error.
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(
        `@tensorflow/tfjs is not installed (it is an optional peer dependency of lossproof): npm i -D @tensorflow/tfjs@${TFJS_VERSION}`,
      );
    }
    throw e;
  }
  tf.env().set('IS_TEST', false);
  tf.enableProdMode();
  const ok = await tf.setBackend('cpu');
  if (!ok || tf.getBackend() !== 'cpu') throw new Error('TensorFlow.js: the cpu backend could not be selected');
  if (tf.version.tfjs !== TFJS_VERSION) {
    process.emitWarning(`lossproof's tfjs subject was written for ${TFJS_VERSION}; found ${tf.version.tfjs}`);
  }
  return tf;
}

const num = (a: FloatArg): number => a as number;
const vec = (a: FloatArg): number[] => [...(a as readonly number[])];

/**
 * The tfjs implementations keyed by catalogue id, each a plain synchronous function (the CPU backend's
 * `dataSync` is synchronous). Every call runs in `tf.tidy`, so no tensor outlives it.
 */
export function tfjsKernels(tf: Tf): Record<string, Subject> {
  const NONE = tf.Reduction.NONE;
  const s1 = (x: number) => tf.tensor1d([x], 'float32');
  const row = (x: number[]) => tf.tensor2d([x], [1, x.length], 'float32');
  /** The first element of a tensor as a number. */
  const scalarOf = (t: Tensor): number => t.dataSync()[0] as number;
  const vectorOf = (t: Tensor): number[] => Array.from(t.dataSync());
  const run = (f: () => FloatResult): FloatResult => tf.tidy(f);

  const gradScalar = (f: (x: Tensor) => Tensor, x: number) => scalarOf(tf.grad(f)(s1(x)));

  return {
    sigmoid: (z) => run(() => scalarOf(tf.sigmoid(s1(num(z))))),
    logSigmoid: (z) => run(() => scalarOf(tf.logSigmoid(s1(num(z))))),
    softplus: (z) => run(() => scalarOf(tf.softplus(s1(num(z))))),
    logSumExp: (z) => run(() => scalarOf(tf.logSumExp(tf.tensor1d(vec(z), 'float32')))),
    softmax: (z) => run(() => vectorOf(tf.softmax(tf.tensor1d(vec(z), 'float32')))),
    logSoftmax: (z) => run(() => vectorOf(tf.logSoftmax(tf.tensor1d(vec(z), 'float32')))),
    bceWithLogits: (z, y) =>
      run(() => scalarOf(tf.losses.sigmoidCrossEntropy(s1(num(y)), s1(num(z)), undefined, 0, NONE))),
    softmaxCrossEntropy: (z, y) =>
      run(() => scalarOf(tf.losses.softmaxCrossEntropy(row(vec(y)), row(vec(z)), undefined, 0, NONE))),
    // logLoss's epsilon (default 1e−7) is part of tfjs's definition: audited as users call it.
    bce: (p, y) => run(() => scalarOf(tf.losses.logLoss(s1(num(y)), s1(num(p)), undefined, undefined, NONE))),
    squaredError: (u, y) => run(() => scalarOf(tf.losses.meanSquaredError(s1(num(y)), s1(num(u)), undefined, NONE))),
    meanSquaredError: (u, y) =>
      run(() => scalarOf(tf.losses.meanSquaredError(tf.tensor1d(vec(y), 'float32'), tf.tensor1d(vec(u), 'float32')))),
    // tfjs's hingeLoss takes labels in {0, 1} and converts them with 2y − 1 (hinge_loss.js).
    hinge: (z, t) => run(() => scalarOf(tf.losses.hingeLoss(s1((num(t) + 1) / 2), s1(num(z)), undefined, NONE))),
    sigmoidGrad: (z) => run(() => gradScalar((x) => tf.sigmoid(x), num(z))),
    bceWithLogitsGrad: (z, y) =>
      run(() => {
        const yT = s1(num(y));
        return gradScalar((x) => tf.losses.sigmoidCrossEntropy(yT, x, undefined, 0, NONE), num(z));
      }),
    softmaxCrossEntropyGrad: (z, y) =>
      run(() => {
        const yT = row(vec(y));
        const g = tf.grad((x: Tensor) => tf.losses.softmaxCrossEntropy(yT, x, undefined, 0, NONE))(row(vec(z)));
        return vectorOf(g);
      }),
    bceGrad: (p, y) =>
      run(() => {
        const yT = s1(num(y));
        return gradScalar((x) => tf.losses.logLoss(yT, x, undefined, undefined, NONE), num(p));
      }),
    squaredErrorGrad: (u, y) =>
      run(() => {
        const yT = s1(num(y));
        return gradScalar((x) => tf.losses.meanSquaredError(yT, x, undefined, NONE), num(u));
      }),
    hingeGrad: (z, t) =>
      run(() => {
        const lT = s1((num(t) + 1) / 2);
        return gradScalar((x) => tf.losses.hingeLoss(lT, x, undefined, NONE), num(z));
      }),
  };
}

/**
 * TensorFlow.js as a subject set: float32, judged against the foreign budget (FOREIGN_BUDGET_ULPS).
 * Throws when TensorFlow.js cannot be loaded.
 */
export async function tfjsSubject(): Promise<SubjectSet> {
  const tf = await loadTfjs();
  const kernels = tfjsKernels(tf);
  return {
    name: 'tfjs',
    dtype: 'float32',
    get: (entry: CatalogueEntry) => kernels[entry.id],
    budget: () => FOREIGN_BUDGET_ULPS,
  };
}
