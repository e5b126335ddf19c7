/**
 * The two models of the experiments, with full-batch mean loss and its gradient by backpropagation:
 *
 * - `linear`: outputs z = W x + b (logistic / softmax regression, or a linear least-squares
 *   classifier with the `linear-se` head). Parameters [W (O×d) row-major, b (O)], so DYN-7's
 *   w₀ = (−c, 0, 0) is W = (−c, 0), b = 0 for the binary blobs.
 * - `mlp`: one hidden layer h = act(W₁x + b₁), z = W₂h + b₂, parameters [W₁ (H×d), b₁, W₂ (O×H), b₂].
 *   The hidden activation is σ (the catalogue's `sigmoid`, derivative `sigmoidGrad`) or tanh.
 *
 * The loss and dLoss/dz come from the head (catalogue kernels); this file only applies the chain
 * rule through the affine maps and the hidden activation.
 */
import { getEntry } from '../catalogue/index.ts';
import type { Dataset } from './data.ts';
import { type Head, predictClass } from './heads.ts';
import type { Rng } from './rng.ts';

export type Activation = 'sigmoid' | 'tanh';

export interface ModelSpec {
  readonly kind: 'linear' | 'mlp';
  /** Input dimension. */
  readonly d: number;
  /** Number of outputs (1 for the binary heads, K otherwise). */
  readonly outputs: number;
  /** Hidden units (mlp only). */
  readonly hidden?: number;
  readonly activation?: Activation;
}

/** Number of parameters of a model. */
export function parameterCount(spec: ModelSpec): number {
  if (spec.kind === 'linear') return spec.outputs * (spec.d + 1);
  const H = spec.hidden ?? 0;
  return H * (spec.d + 1) + spec.outputs * (H + 1);
}

/**
 * Random initial parameters: every weight N(0, scale²/fan_in) (so `scale` = 1 is LeCun's
 * initialisation and larger scales saturate the units), biases 0.
 */
export function randomInit(spec: ModelSpec, rng: Rng, scale: number): Float64Array {
  const p = new Float64Array(parameterCount(spec));
  if (spec.kind === 'linear') {
    const sd = scale / Math.sqrt(spec.d);
    for (let i = 0; i < spec.outputs * spec.d; i++) p[i] = sd * rng.normal();
    return p;
  }
  const H = spec.hidden ?? 0;
  const sd1 = scale / Math.sqrt(spec.d);
  const sd2 = scale / Math.sqrt(H);
  for (let i = 0; i < H * spec.d; i++) p[i] = sd1 * rng.normal();
  const w2 = H * (spec.d + 1);
  for (let i = 0; i < spec.outputs * H; i++) p[w2 + i] = sd2 * rng.normal();
  return p;
}

export interface Evaluation {
  /** Mean loss over the dataset. */
  loss: number;
  /** Fraction of examples whose predicted class equals the label (ties are errors). */
  accuracy: number;
}

/**
 * A model bound to a head and a dataset: evaluates the mean loss, the accuracy and (optionally) the
 * gradient of the mean loss at a parameter vector.
 */
export class BoundModel {
  private readonly z: number[];
  private readonly dz: number[];
  private readonly h: number[];
  private readonly dh: number[];
  private readonly act: (a: number) => number;
  private readonly actGrad: (a: number) => number;

  constructor(
    readonly spec: ModelSpec,
    readonly head: Head,
    readonly data: Dataset,
  ) {
    this.z = new Array<number>(spec.outputs).fill(0);
    this.dz = new Array<number>(spec.outputs).fill(0);
    const H = spec.hidden ?? 0;
    this.h = new Array<number>(H).fill(0);
    this.dh = new Array<number>(H).fill(0);
    if ((spec.activation ?? 'tanh') === 'sigmoid') {
      this.act = getEntry('sigmoid').float64 as unknown as (a: number) => number;
      this.actGrad = getEntry('sigmoidGrad').float64 as unknown as (a: number) => number;
    } else {
      this.act = Math.tanh;
      // d tanh/da = 1 − tanh²(a); tanh has no catalogue entry, and its derivative does not cancel
      // where it matters here (|a| of a few units).
      this.actGrad = (a: number) => 1 - Math.tanh(a) ** 2;
    }
  }

  /** The model's outputs at one input (a fresh array). */
  outputs(p: Float64Array, x: readonly number[]): number[] {
    this.forward(p, x);
    return this.z.slice();
  }

  private forward(p: Float64Array, x: readonly number[]): void {
    const { d, outputs: O } = this.spec;
    if (this.spec.kind === 'linear') {
      const b0 = O * d;
      for (let o = 0; o < O; o++) {
        let s = p[b0 + o] as number;
        for (let j = 0; j < d; j++) s += (p[o * d + j] as number) * (x[j] as number);
        this.z[o] = s;
      }
      return;
    }
    const H = this.spec.hidden ?? 0;
    const b1 = H * d;
    for (let k = 0; k < H; k++) {
      let s = p[b1 + k] as number;
      for (let j = 0; j < d; j++) s += (p[k * d + j] as number) * (x[j] as number);
      this.dh[k] = s; // pre-activation, kept for the backward pass
      this.h[k] = this.act(s);
    }
    const w2 = H * (d + 1);
    const b2 = w2 + O * H;
    for (let o = 0; o < O; o++) {
      let s = p[b2 + o] as number;
      for (let k = 0; k < H; k++) s += (p[w2 + o * H + k] as number) * (this.h[k] as number);
      this.z[o] = s;
    }
  }

  /**
   * Mean loss and accuracy at `p`; when `grad` is given, the gradient of the mean loss is written
   * into it. With `withLoss` false the loss is not evaluated (NaN is returned for it): the
   * gradient and the accuracy need only the logits and dLoss/dz, and the loss kernels of the SE
   * heads cost as much as their gradients.
   */
  evaluate(p: Float64Array, grad?: Float64Array, withLoss = true): Evaluation {
    const { d, outputs: O } = this.spec;
    const N = this.data.y.length;
    if (grad) grad.fill(0);
    let loss = 0;
    let correct = 0;
    const H = this.spec.hidden ?? 0;
    for (let n = 0; n < N; n++) {
      const x = this.data.x[n] as readonly number[];
      const y = this.data.y[n] as number;
      this.forward(p, x);
      if (withLoss) loss += this.head.loss(this.z, y);
      if (predictClass(this.z) === y) correct++;
      if (!grad) continue;
      this.head.grad(this.z, y, this.dz);
      if (this.spec.kind === 'linear') {
        const b0 = O * d;
        for (let o = 0; o < O; o++) {
          const g = (this.dz[o] as number) / N;
          for (let j = 0; j < d; j++) grad[o * d + j] = (grad[o * d + j] as number) + g * (x[j] as number);
          grad[b0 + o] = (grad[b0 + o] as number) + g;
        }
        continue;
      }
      const b1 = H * d;
      const w2 = H * (d + 1);
      const b2 = w2 + O * H;
      for (let k = 0; k < H; k++) {
        let back = 0;
        for (let o = 0; o < O; o++) back += (this.dz[o] as number) * (p[w2 + o * H + k] as number);
        // dh holds the pre-activation a_k; the activation's derivative is taken there.
        const ga = (back * this.actGrad(this.dh[k] as number)) / N;
        for (let j = 0; j < d; j++) grad[k * d + j] = (grad[k * d + j] as number) + ga * (x[j] as number);
        grad[b1 + k] = (grad[b1 + k] as number) + ga;
      }
      for (let o = 0; o < O; o++) {
        const g = (this.dz[o] as number) / N;
        for (let k = 0; k < H; k++) grad[w2 + o * H + k] = (grad[w2 + o * H + k] as number) + g * (this.h[k] as number);
        grad[b2 + o] = (grad[b2 + o] as number) + g;
      }
    }
    return { loss: withLoss ? loss / N : Number.NaN, accuracy: correct / N };
  }
}
