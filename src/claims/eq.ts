/** Claims of group EQ (docs/claims.md#eq): equivalences and identities between the catalogue's functions. */
import { defineClaims } from './types.ts';

const FAMILY = 'blog post: "softmax can be considered in the sigmoid family"';
const PROOF = 'proofs/equivalences.md';

export const claims = defineClaims([
  {
    id: 'EQ-1',
    group: 'EQ',
    kinds: ['ID'],
    statement:
      'σ(−z) = 1 − σ(z) for every z (checked against the reference; the float64 form 1 − σ(z) is wrong for z > 36.74).',
    source: 'textbook identity; the float64 pitfall of evaluating 1 − σ(z)',
    concerns: ['sigmoid'],
    proof: PROOF,
  },
  {
    id: 'EQ-2',
    group: 'EQ',
    kinds: ['ID'],
    statement:
      'softmax([a, b])₁ = σ(a − b), −log softmax([a, b])_y = BCE(σ(a − b), 1[y = first]), and ∂/∂a = σ(a − b) − y₁ = −∂/∂b.',
    source: FAMILY,
    concerns: ['softmax', 'sigmoid', 'softmaxCrossEntropy', 'bceWithLogits', 'softmaxCrossEntropyGrad'],
    proof: PROOF,
  },
  {
    id: 'EQ-3',
    group: 'EQ',
    kinds: ['ID'],
    statement:
      'softmax(z + c·1) = softmax(z) for every real c (in float64 only when z_i + c is exact, or against the reference at the rounded inputs).',
    source: 'shift invariance of softmax',
    concerns: ['softmax'],
    proof: PROOF,
  },
  {
    id: 'EQ-4',
    group: 'EQ',
    kinds: ['ID'],
    statement: 'softmax_i(z) = σ(z_i − LSE_{j≠i}(z_j)) for every K ≥ 2: softmax is in the sigmoid family.',
    source: FAMILY,
    concerns: ['softmax', 'sigmoid', 'logSumExp'],
    proof: PROOF,
  },
  {
    id: 'EQ-5',
    group: 'EQ',
    kinds: ['ID', 'INEQ'],
    statement: 'log softmax(z) = z − LSE(z), CE(e_y, softmax z) = LSE(z) − z_y, and max z ≤ LSE(z) ≤ max z + log K.',
    source: 'log-sum-exp identities',
    concerns: ['logSoftmax', 'logSumExp', 'softmaxCrossEntropy', 'softmax'],
    proof: PROOF,
  },
  {
    id: 'EQ-6',
    group: 'EQ',
    kinds: ['ID'],
    statement:
      'BCE with logits = softplus(z) − yz; for y ∈ {0, 1} it equals log(1 + e^−m) with m = (2y − 1)z; softplus(−z) − max(0, −z) ∈ (0, ln 2].',
    source: 'margin form of the logistic loss',
    concerns: ['bceWithLogits', 'softplus', 'bce'],
    proof: PROOF,
  },
  {
    id: 'EQ-7',
    group: 'EQ',
    kinds: ['CEX'],
    statement:
      'For K > 2 one-vs-rest sigmoid BCE ≠ softmax CE and their optima differ (per-class marginals vs a normalised distribution); only K = 2 is equivalent (EQ-2).',
    source: 'blog post: "cross-entropy (or softmax loss …)"',
    concerns: ['bceWithLogits', 'softmaxCrossEntropy', 'softmax', 'sigmoid'],
    proof: PROOF,
  },
]);
