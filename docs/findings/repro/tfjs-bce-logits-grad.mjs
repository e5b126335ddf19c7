// tf.grad of tf.losses.sigmoidCrossEntropy w.r.t. the logits, for the label y = 1: the exact gradient
// is σ(z) − 1 = −σ(−z). tfjs adds the float32 contributions of its three branches in the reverse order
// they were recorded: log1p(exp(−|z|)) gives −σ(−z), then z·y gives −1, then relu gives +1; −σ(−z) − 1
// rounds to float32 before the +1 arrives.
import { report, tf, val } from './_tf.mjs';

const f = Math.fround;
for (const z of [10, 17, 20]) {
  const y = tf.tensor1d([1]);
  const g = tf.grad((x) => tf.losses.sigmoidCrossEntropy(y, x, undefined, 0, tf.Reduction.NONE));
  const sNeg = 1 / (1 + Math.exp(z)); // σ(−z)
  report(`d/dz sigmoidCrossEntropy(y=1, z=${z})`, val(g(tf.tensor1d([z]))), -sNeg);
  // That order of the float32 sum, reproduced: fl32(fl32(−σ(−z) − 1) + 1).
  console.log(`  fl32(fl32(−σ(−z) − 1) + 1) = ${f(f(-f(sNeg) - 1) + 1)}`);
}
