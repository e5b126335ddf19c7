// tf.grad of tf.losses.logLoss w.r.t. the predictions differentiates log(p + ε): −y/(p + ε) +
// (1 − y)/(1 − p + ε). Exact: (p − y)/(p(1 − p)), −∞ at p = 0 for any y > 0.
import { report, tf, val } from './_tf.mjs';

const grad = (p, y) => {
  const yT = tf.tensor1d([y]);
  return val(tf.grad((x) => tf.losses.logLoss(yT, x, undefined, undefined, tf.Reduction.NONE))(tf.tensor1d([p])));
};
const f = Math.fround;
report('d/dp logLoss(y=1, p=0)', grad(0, 1), Number.NEGATIVE_INFINITY);
report(`d/dp logLoss(y=${f(1e-16)}, p=0)`, grad(0, f(1e-16)), Number.NEGATIVE_INFINITY);
const p = f(1e-8);
report(`d/dp logLoss(y=1, p=${p})`, grad(p, 1), (p - 1) / (p * (1 - p)));
