// Infinite logits (masking with −Infinity, or a float32 overflow): the limits exist (docs/catalogue.md#values-at-the-edges), tfjs
// returns NaN. Causes: ∞·0 and ∞ − ∞ inside the formulas (z·y, relu(z) − z·y, z − max z,
// logResult·labels).
import { report, tf, val } from './_tf.mjs';

const I = Number.POSITIVE_INFINITY;
const sce = (y, z) =>
  val(tf.losses.sigmoidCrossEntropy(tf.tensor1d([y]), tf.tensor1d([z]), undefined, 0, tf.Reduction.NONE));
report('tf.losses.sigmoidCrossEntropy(y=0, z=-Infinity)', sce(0, -I), 0);
report('tf.losses.sigmoidCrossEntropy(y=1, z=Infinity)', sce(1, I), 0);
report('tf.losses.sigmoidCrossEntropy(y=0, z=Infinity)', sce(0, I), I);
report('tf.logSumExp([0, Infinity])', val(tf.logSumExp(tf.tensor1d([0, I]))), I);
report('tf.logSumExp([-Infinity, -Infinity])', val(tf.logSumExp(tf.tensor1d([-I, -I]))), -I);
report('tf.softmax([0, Infinity])', val(tf.softmax(tf.tensor1d([0, I]))), [0, 1]);
const smce = tf.losses.softmaxCrossEntropy(
  tf.tensor2d([[0, 1]]),
  tf.tensor2d([[-I, 0]]),
  undefined,
  0,
  tf.Reduction.NONE,
);
report('tf.losses.softmaxCrossEntropy(labels=[[0, 1]], logits=[[-Infinity, 0]], NONE)', val(smce), 0);
