/**
 * Output heads for the trainer: an output non-linearity paired with a loss, whose values and
 * gradients with respect to the logits come from the catalogue's float64 kernels
 * (`getEntry(id).float64`). Nothing here restates a loss or a gradient formula.
 *
 * | head | outputs | loss (catalogue id) | gradient (catalogue id) |
 * | --- | --- | --- | --- |
 * | `sigmoid-ce` | 1 logit | bceWithLogits | bceWithLogitsGrad |
 * | `sigmoid-se` | 1 logit | sigmoidSquaredError | sigmoidSquaredErrorGrad |
 * | `softmax-ce` | K logits | softmaxCrossEntropy | softmaxCrossEntropyGrad |
 * | `softmax-se` | K logits | softmaxSquaredError | softmaxSquaredErrorGrad |
 * | `linear-se` | K outputs | Σ_k squaredError | squaredErrorGrad per output |
 *
 * The binary heads take labels 0/1; the K-output heads take one-hot targets e_y. Prediction is the
 * sign of the logit (binary) or the arg max; a tie (logit exactly 0, or two equal maxima) counts as
 * misclassified (CLAIMS §1).
 */
import { getEntry } from '../catalogue/index.ts';

export type HeadId = 'sigmoid-ce' | 'sigmoid-se' | 'softmax-ce' | 'softmax-se' | 'linear-se';

export interface Head {
  readonly id: HeadId;
  /** Number of model outputs for a K-class problem. */
  outputs(K: number): number;
  /** The loss of one example at outputs `z` with label `y`. */
  loss(z: readonly number[], y: number): number;
  /** dLoss/dz written into `out` (length `z.length`). */
  grad(z: readonly number[], y: number, out: number[]): void;
}

type Scalar2 = (a: number, b: number) => number;
type Vec2 = (a: readonly number[], b: readonly number[]) => number;
type VecGrad = (a: readonly number[], b: readonly number[]) => number[];

/** A catalogue id's float64 kernel with its concrete signature. */
function kernel<F>(id: string): F {
  return getEntry(id).float64 as unknown as F;
}

const oneHotCache = new Map<string, number[]>();
/** e_y of length K (cached: heads are called N times per step). */
function oneHot(y: number, K: number): number[] {
  const key = `${y}/${K}`;
  let v = oneHotCache.get(key);
  if (v === undefined) {
    v = Array.from({ length: K }, (_, k) => (k === y ? 1 : 0));
    oneHotCache.set(key, v);
  }
  return v;
}

function binaryHead(id: HeadId, lossId: string, gradId: string): Head {
  const f = kernel<Scalar2>(lossId);
  const g = kernel<Scalar2>(gradId);
  return {
    id,
    outputs: () => 1,
    loss: (z, y) => f(z[0] as number, y),
    grad: (z, y, out) => {
      out[0] = g(z[0] as number, y);
    },
  };
}

function softmaxHead(id: HeadId, lossId: string, gradId: string): Head {
  const f = kernel<Vec2>(lossId);
  const g = kernel<VecGrad>(gradId);
  return {
    id,
    outputs: (K) => K,
    loss: (z, y) => f(z, oneHot(y, z.length)),
    grad: (z, y, out) => {
      const v = g(z, oneHot(y, z.length));
      for (let k = 0; k < v.length; k++) out[k] = v[k] as number;
    },
  };
}

function linearSquaredHead(): Head {
  const f = kernel<Scalar2>('squaredError');
  const g = kernel<Scalar2>('squaredErrorGrad');
  return {
    id: 'linear-se',
    outputs: (K) => K,
    loss: (z, y) => {
      let s = 0;
      for (let k = 0; k < z.length; k++) s += f(z[k] as number, k === y ? 1 : 0);
      return s;
    },
    grad: (z, y, out) => {
      for (let k = 0; k < z.length; k++) out[k] = g(z[k] as number, k === y ? 1 : 0);
    },
  };
}

/** The head for an id, its kernels resolved from the catalogue now (throws if an id is missing). */
export function makeHead(id: HeadId): Head {
  switch (id) {
    case 'sigmoid-ce':
      return binaryHead(id, 'bceWithLogits', 'bceWithLogitsGrad');
    case 'sigmoid-se':
      return binaryHead(id, 'sigmoidSquaredError', 'sigmoidSquaredErrorGrad');
    case 'softmax-ce':
      return softmaxHead(id, 'softmaxCrossEntropy', 'softmaxCrossEntropyGrad');
    case 'softmax-se':
      return softmaxHead(id, 'softmaxSquaredError', 'softmaxSquaredErrorGrad');
    case 'linear-se':
      return linearSquaredHead();
  }
}

/** The predicted class, or −1 for a tie (which counts as misclassified). */
export function predictClass(z: readonly number[]): number {
  if (z.length === 1) {
    const v = z[0] as number;
    return v > 0 ? 1 : v < 0 ? 0 : -1;
  }
  let best = 0;
  let tie = false;
  for (let k = 1; k < z.length; k++) {
    const v = z[k] as number;
    const b = z[best] as number;
    if (v > b) {
      best = k;
      tie = false;
    } else if (v === b) tie = true;
  }
  return tie ? -1 : best;
}

/** The model's probability of class 1 from a binary head's logit, through the catalogue's σ. */
export function positiveProbability(z: number): number {
  return kernel<(z: number) => number>('sigmoid')(z);
}
