/**
 * The gradient oracles' table: for each gradient id of the catalogue, the loss id whose reference the
 * finite-difference oracle differentiates, the loss as a mathjs expression string for the symbolic
 * oracle, and the variable differentiated. Vector arguments are spelled per component: `z0 … z{K−1}`.
 * Second derivatives (the convexity claims' σ″, ∂²/∂z² of sigmoid+MSE and of BCE with logits, the
 * softmax-CE Hessian) are rows of `SECOND_ROWS`, differentiating a gradient id's reference once more.
 */

/** One gradient id and its independent derivations. */
export interface OracleRow {
  /** The gradient id: its catalogue reference is the analytic oracle. */
  readonly grad: string;
  /** The loss id: its catalogue reference is what the finite difference differentiates. */
  readonly loss: string;
  /** The catalogue argument differentiated (a vector argument for the softmax ids). */
  readonly wrt: string;
  /** The loss as a mathjs expression; for vector ids, of length K. */
  readonly expression: (K: number) => string;
  /** Arguments whose magnitude costs digits (e^−|z| saturation) in the symbolic evaluation. */
  readonly saturating: readonly string[];
}

const sigma = (z: string) => `1 / (1 + exp(-${z}))`;
const idx = (K: number) => Array.from({ length: K }, (_, k) => k);
const sumOf = (K: number, term: (k: number) => string) => `(${idx(K).map(term).join(' + ')})`;

export const ORACLE_ROWS: readonly OracleRow[] = [
  { grad: 'sigmoidGrad', loss: 'sigmoid', wrt: 'z', expression: () => sigma('z'), saturating: ['z'] },
  {
    grad: 'bceGrad',
    loss: 'bce',
    wrt: 'p',
    expression: () => '-y * log(p) - (1 - y) * log(1 - p)',
    saturating: [],
  },
  {
    grad: 'bceWithLogitsGrad',
    loss: 'bceWithLogits',
    wrt: 'z',
    expression: () => 'log(1 + exp(z)) - y * z',
    saturating: ['z'],
  },
  {
    grad: 'sigmoidSquaredErrorGrad',
    loss: 'sigmoidSquaredError',
    wrt: 'z',
    expression: () => `(${sigma('z')} - y)^2`,
    saturating: ['z'],
  },
  { grad: 'squaredErrorGrad', loss: 'squaredError', wrt: 'u', expression: () => '(u - y)^2', saturating: [] },
  // max(0, m) = (m + |m|)/2: mathjs's derivative has no rule for max, and one for abs (valid off the kink).
  {
    grad: 'hingeGrad',
    loss: 'hinge',
    wrt: 'z',
    expression: () => '(1 - t * z + abs(1 - t * z)) / 2',
    saturating: [],
  },
  {
    grad: 'gaussianNllGradMu',
    loss: 'gaussianNll',
    wrt: 'mu',
    expression: () => 'log(2 * pi * v) / 2 + (y - mu)^2 / (2 * v)',
    saturating: [],
  },
  {
    grad: 'softmaxCrossEntropyGrad',
    loss: 'softmaxCrossEntropy',
    wrt: 'z',
    expression: (K) =>
      `${sumOf(K, (k) => `y${k}`)} * log${sumOf(K, (k) => `exp(z${k})`)} - ${sumOf(K, (k) => `y${k} * z${k}`)}`,
    saturating: ['z'],
  },
  {
    grad: 'softmaxSquaredErrorGrad',
    loss: 'softmaxSquaredError',
    wrt: 'z',
    expression: (K) => {
      const S = sumOf(K, (k) => `exp(z${k})`);
      return idx(K)
        .map((k) => `(exp(z${k}) / ${S} - y${k})^2`)
        .join(' + ');
    },
    saturating: ['z'],
  },
];

/** A second derivative: d/d(wrt) of a gradient id's reference, against an analytic Decimal formula. */
export interface SecondRow {
  /** Name of the quantity (σ″, …). */
  readonly name: string;
  /** The gradient id whose reference the finite difference differentiates once more. */
  readonly of: string;
  /** The loss whose second derivative this is (its table row gives the expression). */
  readonly loss: string;
  readonly wrt: string;
}

export const SECOND_ROWS: readonly SecondRow[] = [
  { name: 'sigmoidSecond', of: 'sigmoidGrad', loss: 'sigmoid', wrt: 'z' },
  { name: 'sigmoidSquaredErrorSecond', of: 'sigmoidSquaredErrorGrad', loss: 'sigmoidSquaredError', wrt: 'z' },
  { name: 'bceWithLogitsSecond', of: 'bceWithLogitsGrad', loss: 'bceWithLogits', wrt: 'z' },
  { name: 'softmaxCrossEntropyHessian', of: 'softmaxCrossEntropyGrad', loss: 'softmaxCrossEntropy', wrt: 'z' },
];

/** The table row of a gradient id (throws for an id with no row). */
export function oracleRow(grad: string): OracleRow {
  const r = ORACLE_ROWS.find((x) => x.grad === grad || x.loss === grad);
  if (r === undefined) throw new RangeError(`oracles: no table row for ${grad}`);
  return r;
}
