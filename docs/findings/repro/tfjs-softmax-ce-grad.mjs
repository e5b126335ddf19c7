// The custom gradient of tf.losses.softmaxCrossEntropy w.r.t. the logits is exp(logResult) − labels,
// with logResult = z − logSumExp(z) in float32. At the arg-max of a one-hot label, logResult rounds
// to 0, exp(0) − 1 = 0, while the exact gradient is p_k − 1 = −Σ_{j≠k} p_j.
// With labels that do not sum to 1 (multi-hot), the exact gradient is (Σy)·softmax(z) − y, but the
// custom gradient still returns softmax(z) − y.
import { report, tf, val } from './_tf.mjs';

const gradAt = (z, y) =>
  val(
    tf.grad((x) => tf.losses.softmaxCrossEntropy(tf.tensor2d([y]), x, undefined, 0, tf.Reduction.NONE))(
      tf.tensor2d([z]),
    ),
  );

for (const d of [20, 10]) {
  const q = Math.exp(-d) / (1 + Math.exp(-d)); // softmax([0, -d])[1] = σ(−d)
  report(`d/dz softmaxCrossEntropy(y=[1, 0], z=[0, -${d}])`, gradAt([0, -d], [1, 0]), [-q, q]);
}
// Multi-hot labels y = [1, 1], z = [0, 1]: exact 2·softmax(z) − y.
const p1 = 1 / (1 + Math.exp(-1));
report('d/dz softmaxCrossEntropy(y=[1, 1], z=[0, 1])', gradAt([0, 1], [1, 1]), [2 * (1 - p1) - 1, 2 * p1 - 1]);
