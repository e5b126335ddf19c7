// Extra (no catalogue id): the gradient of tf.losses.softmaxCrossEntropy w.r.t. the labels. The loss is
// Σ_k −y_k·log softmax(z)_k, so ∂/∂y_k = −log softmax(z)_k; tfjs's custom gradient returns
// labels − softmax(z) (softmax_cross_entropy.js, gradFunc's first entry).
import { report, tf, val } from './_tf.mjs';

const z = [0, 0];
const y = [1, 0];
const [gy] = tf.grads((labels, logits) =>
  tf.losses.softmaxCrossEntropy(labels, logits, undefined, 0, tf.Reduction.NONE),
)([tf.tensor2d([y]), tf.tensor2d([z])]);
report('d/dy softmaxCrossEntropy(y=[1, 0], z=[0, 0])', val(gy), [Math.LN2, Math.LN2]);
