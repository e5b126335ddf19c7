// tf.logSumExp, tf.logSoftmax and tf.losses.softmaxCrossEntropy take log of a float32 sum that rounds
// to 1 when the other logits are far below the maximum: log Σ e^(z−max) = log(1 + e^−20) becomes
// log(1) = 0. Expected: log1p of the small terms (float64).
import { report, tf, val } from './_tf.mjs';

for (const d of [20, 10]) {
  const z = [0, -d];
  const small = Math.log1p(Math.exp(-d)); // log(1 + e^-d) = LSE([0, -d])
  report(`tf.logSumExp([${z}])`, val(tf.logSumExp(tf.tensor1d(z))), small);
  report(`tf.logSoftmax([${z}])`, val(tf.logSoftmax(tf.tensor1d(z))), [-small, -d - small]);
  const sce = tf.losses.softmaxCrossEntropy(tf.tensor2d([[1, 0]]), tf.tensor2d([z]), undefined, 0, tf.Reduction.NONE);
  report(`tf.losses.softmaxCrossEntropy([[1, 0]], [[${z}]], NONE)`, val(sce), small);
}
