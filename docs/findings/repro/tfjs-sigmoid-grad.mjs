// tf.grad(tf.sigmoid) is dy·y·(1 − y) with y = sigmoid(z) already rounded to float32: 1 − y cancels,
// and for z ≥ 17 y rounds to 1 and the gradient to 0. Expected: σ(z)σ(−z) = e^−z / (1 + e^−z)^2.
import { report, tf, val } from './_tf.mjs';

const g = tf.grad((x) => tf.sigmoid(x));
for (const z of [5, 10, 17, 20]) {
  const e = Math.exp(-z);
  report(`tf.grad(tf.sigmoid)(${z})`, val(g(tf.tensor1d([z]))), e / ((1 + e) * (1 + e)));
}
