// tf.losses.meanSquaredError with its default reduction divides the float32 sum of the squared
// errors by their count; the sum overflows float32 although the mean does not.
import { report, tf, val } from './_tf.mjs';

const u = Math.fround(1.5e19);
const mse = val(tf.losses.meanSquaredError(tf.tensor1d([0, 0]), tf.tensor1d([u, u])));
report(`tf.losses.meanSquaredError([0, 0], [${u}, ${u}])`, mse, u * u); // mean of two equal squares
console.log(`  float32 max: ${(2 - 2 ** -23) * 2 ** 127}`);
