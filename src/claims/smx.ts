/** Claims of group SMX (docs/claims.md#smx): a softmax output with a multiclass target. */
import { defineClaims } from './types.ts';

const SEED = 'blog post: "softmax can be considered in the sigmoid family" (Golik, Doetsch & Ney 2013)';
const PROOF = 'proofs/softmax.md';

export const claims = defineClaims([
  {
    id: 'SMX-1',
    group: 'SMX',
    kinds: ['ID'],
    statement:
      '∇_z CE(y, softmax z) = (Σ_j y_j)·p − y for every target; it is p − y only when Σ_j y_j = 1 (multi-hot targets do not give p − y).',
    source: SEED,
    concerns: ['softmaxCrossEntropy', 'softmaxCrossEntropyGrad', 'softmax'],
    proof: PROOF,
  },
  {
    id: 'SMX-2',
    group: 'SMX',
    kinds: ['ID'],
    statement:
      'Class-weighted CE L = −Σ_j w_j y_j log p_j has ∇_z L = (Σ_j w_j y_j)·p − w ⊙ y; for a one-hot target, w_y(p − e_y).',
    source: 'PyTorch CrossEntropyLoss(weight) semantics',
    concerns: ['softmaxCrossEntropy', 'softmaxCrossEntropyGrad', 'softmax'],
    proof: PROOF,
  },
  {
    id: 'SMX-3',
    group: 'SMX',
    kinds: ['ID'],
    statement:
      'With y_LS = (1 − ε)e_y + ε/K the CE gradient is p − y_LS, zero exactly at p = y_LS, whose logit gap z_y − z_j is the finite log((1 − ε + ε/K)/(ε/K)).',
    source: 'label smoothing (Szegedy et al. 2016), PyTorch label_smoothing definition',
    concerns: ['softmaxCrossEntropyGrad', 'softmax'],
    proof: PROOF,
  },
  {
    id: 'SMX-4',
    group: 'SMX',
    kinds: ['ID'],
    statement:
      '∇_z ‖p − y‖² = 2J(p)(p − y) with J = diag(p) − ppᵀ symmetric: ∂_i = 2p_i[(p_i − y_i) − Σ_j p_j(p_j − y_j)]; its components sum to 0.',
    source: SEED,
    concerns: ['softmaxSquaredError', 'softmaxSquaredErrorGrad', 'softmax'],
    proof: PROOF,
  },
  {
    id: 'SMX-5',
    group: 'SMX',
    kinds: ['INEQ'],
    statement:
      '‖∇_z SE‖₂ ≤ 2λ_max(J)·‖p − y‖₂ ≤ ‖p − y‖₂ = ‖∇_z CE‖₂ (Σy = 1), since λ_max(J) ≤ min(½, max_i p_i); ½ is attained at K = 2, p = (½, ½).',
    source: SEED,
    concerns: ['softmaxSquaredErrorGrad', 'softmaxCrossEntropyGrad', 'softmax'],
    proof: PROOF,
  },
  {
    id: 'SMX-6',
    group: 'SMX',
    kinds: ['INEQ', 'ASYM'],
    statement:
      'With k = argmax p, δ = 1 − p_k, gap = z_k − max_{j≠k} z_j: ‖∇_z SE‖_∞ ≤ 4δ ≤ 4(K − 1)e^−gap, while a misclassified one-hot example has ‖∇_z CE‖_∞ ≥ ½.',
    source: SEED,
    concerns: ['softmaxSquaredErrorGrad', 'softmaxCrossEntropyGrad', 'softmax'],
    proof: PROOF,
  },
  {
    id: 'SMX-7',
    group: 'SMX',
    kinds: ['ID', 'INEQ'],
    statement:
      '∇²_z CE = J(p) for every target with Σy = 1 (independent of y): PSD, J·1 = 0, λ_max ≤ ½ (convex, not strictly, ½-smooth); ‖p − e_y‖₂ ≤ √2.',
    source: SEED,
    concerns: ['softmaxCrossEntropyGrad', 'softmax'],
    proof: PROOF,
  },
  {
    id: 'SMX-8',
    group: 'SMX',
    kinds: ['ID'],
    statement:
      'K = 2, d = z₁ − z₂: ‖p − y‖² = 2(σ(d) − y₁)², ∂/∂d = 4(σ − y₁)σ(1 − σ), so its ratio to ∂CE/∂d is 4σ(1 − σ) ≤ 1.',
    source: SEED,
    concerns: ['softmaxSquaredError', 'sigmoidSquaredError', 'softmaxCrossEntropy'],
    proof: PROOF,
  },
]);
