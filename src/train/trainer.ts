/**
 * Full-batch training: plain gradient descent with a fixed step, or Adam, on a `BoundModel`, with the
 * history of mean loss and training accuracy and the number of steps to a target accuracy.
 */
import type { BoundModel } from './model.ts';

/** Plain gradient descent w ← w − η∇L, or Adam (Kingma & Ba 2015, with bias correction). */
export type Optimizer =
  | { readonly kind: 'gd'; readonly lr: number }
  | {
      readonly kind: 'adam';
      readonly lr: number;
      readonly beta1?: number;
      readonly beta2?: number;
      readonly eps?: number;
    };

/** Adam's defaults, as in the paper and in the common frameworks (DYN-6 uses these). */
export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/** One optimizer's state over a run: `step` updates `p` in place from the gradient `g`. */
export function optimizerState(opt: Optimizer, size: number): (p: Float64Array, g: Float64Array) => void {
  if (opt.kind === 'gd') {
    return (p, g) => {
      for (let i = 0; i < size; i++) p[i] = (p[i] as number) - opt.lr * (g[i] as number);
    };
  }
  const b1 = opt.beta1 ?? ADAM_DEFAULTS.beta1;
  const b2 = opt.beta2 ?? ADAM_DEFAULTS.beta2;
  const eps = opt.eps ?? ADAM_DEFAULTS.eps;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let t = 0;
  return (p, g) => {
    t++;
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    for (let i = 0; i < size; i++) {
      const gi = g[i] as number;
      m[i] = b1 * (m[i] as number) + (1 - b1) * gi;
      v[i] = b2 * (v[i] as number) + (1 - b2) * gi * gi;
      p[i] = (p[i] as number) - (opt.lr * ((m[i] as number) / c1)) / (Math.sqrt((v[i] as number) / c2) + eps);
    }
  };
}

export interface TrainOptions {
  readonly optimizer: Optimizer;
  /** The most updates to make. */
  readonly maxSteps: number;
  /** A training accuracy to reach; `stepsToTarget` reports the first step that reaches it. */
  readonly target?: number;
  /** Stop as soon as the target is reached (default true when a target is given). */
  readonly stopAtTarget?: boolean;
  /** Keep every k-th point of the history (default: a point every ⌈maxSteps/400⌉ steps, and the last). */
  readonly recordEvery?: number;
  /** Called every 1000 steps (progress displays). */
  readonly onProgress?: (step: number) => void;
}

export interface HistoryPoint {
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
}

export interface TrainResult {
  /** The smallest t with accuracy(w_t) ≥ target (w_0 the initial parameters), or null if not reached. */
  readonly stepsToTarget: number | null;
  /** Updates made. */
  readonly steps: number;
  readonly final: HistoryPoint;
  readonly history: readonly HistoryPoint[];
  readonly params: Float64Array;
}

/**
 * Trains from `init` (copied, not modified). The loss and accuracy at w_t are those of the forward
 * pass that computes the gradient for the update w_t → w_{t+1}, so `stepsToTarget` counts updates.
 */
export function train(model: BoundModel, init: Float64Array, opts: TrainOptions): TrainResult {
  const p = Float64Array.from(init);
  const g = new Float64Array(p.length);
  const step = optimizerState(opts.optimizer, p.length);
  const every = opts.recordEvery ?? Math.max(1, Math.ceil(opts.maxSteps / 400));
  const stopAtTarget = opts.stopAtTarget ?? opts.target !== undefined;
  const history: HistoryPoint[] = [];
  let stepsToTarget: number | null = null;
  let t = 0;
  for (;;) {
    const ev = model.evaluate(p, g, false);
    if (opts.target !== undefined && stepsToTarget === null && ev.accuracy >= opts.target) stepsToTarget = t;
    const done = t >= opts.maxSteps || (stopAtTarget && stepsToTarget !== null);
    // The loss is evaluated only where the history keeps a point (a second forward pass there).
    const point = {
      step: t,
      loss: t % every === 0 || done ? model.evaluate(p).loss : Number.NaN,
      accuracy: ev.accuracy,
    };
    if (t % every === 0 || done) history.push(point);
    if (done) return { stepsToTarget, steps: t, final: point, history, params: p };
    step(p, g);
    t++;
    if (opts.onProgress && t % 1000 === 0) opts.onProgress(t);
  }
}
