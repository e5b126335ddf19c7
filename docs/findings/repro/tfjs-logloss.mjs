// tf.losses.logLoss adds epsilon = 1e−7 inside both logs: −y·log(p + ε) − (1 − y)·log(1 − p + ε).
// At p = 0 with y = 1 the loss is +∞ but tfjs returns −log(1e−7) ≈ 16.1 (a clamp); for small p the
// loss is far from −log p; and at p = 0, y = 0 the loss is 0 but log(1 + ε) > 0 makes it negative.
import { report, tf, val } from './_tf.mjs';

const logLoss = (p, y) =>
  val(tf.losses.logLoss(tf.tensor1d([y]), tf.tensor1d([p]), undefined, undefined, tf.Reduction.NONE));
const f = Math.fround;
report('tf.losses.logLoss(y=1, p=0)', logLoss(0, 1), Number.POSITIVE_INFINITY);
for (const p of [f(1e-8), f(1e-3)]) report(`tf.losses.logLoss(y=1, p=${p})`, logLoss(p, 1), -Math.log(p));
report('tf.losses.logLoss(y=0, p=0)', logLoss(0, 0), 0);
