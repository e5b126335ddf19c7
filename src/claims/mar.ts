/** Claims of group MAR (docs/claims.md#mar): margin losses, "a (linear) SVM on top". */
import { defineClaims } from './types.ts';

const SEED = 'blog post: "a margin loss amounts to a (linear) SVM on top"';
const BJM = 'Bartlett, Jordan & McAuliffe 2006 (JASA 101:138–156), classification calibration';
const PROOF = 'proofs/margins.md';

export const claims = defineClaims([
  {
    id: 'MAR-1',
    group: 'MAR',
    kinds: ['ID', 'INEQ'],
    statement:
      'Hinge h(m) = max(0, 1 − m), m = t·z, t ∈ {−1, +1}: h = 0 iff m ≥ 1; hingeGrad is a subgradient (−t for m < 1, 0 for m > 1); |∂h/∂z| = 1 at every misclassified point m ≤ 0, however large |m|.',
    source: SEED,
    concerns: ['hinge', 'hingeGrad'],
    proof: PROOF,
  },
  {
    id: 'MAR-2',
    group: 'MAR',
    kinds: ['INEQ', 'CEX'],
    statement:
      'hinge(m), (1 − m)², e^−m and log₂(1 + e^−m) are ≥ 1[m ≤ 0] (log₂ equal at m = 0), but ln(1 + e^−m) < 1 for m > −ln(e − 1) and (σ − y)² = ¼ at the boundary (4(σ − y)² is a bound); multiclass misclassified ⇒ −log₂ p_y ≥ 1, 2‖p − e_y‖² ≥ 1, Weston–Watkins and Crammer–Singer hinge ≥ 1, PyTorch MultiMarginLoss only ≥ 1/K.',
    source: SEED,
    concerns: [
      'hinge',
      'squaredError',
      'softplus',
      'sigmoidSquaredError',
      'softmaxCrossEntropy',
      'softmaxSquaredError',
      'multiclassHinge',
    ],
    proof: PROOF,
  },
  {
    id: 'MAR-3',
    group: 'MAR',
    kinds: ['INEQ'],
    statement:
      'Convex φ is classification-calibrated iff φ′(0) < 0 (hinge −1, logistic −½, squared −2, exponential −1); the conditional-risk minimisers of ηφ(f) + (1 − η)φ(−f) are logit η, ½logit η, 2η − 1 and sign(2η − 1), so sign f* = sign(2η − 1) for η ≠ ½.',
    source: BJM,
    concerns: ['hinge', 'hingeGrad', 'bceWithLogits', 'bceWithLogitsGrad', 'squaredError', 'squaredErrorGrad', 'logit'],
    proof: PROOF,
  },
  {
    id: 'MAR-4',
    group: 'MAR',
    kinds: ['INEQ'],
    statement:
      'η ∈ [0, 1], f ∈ ℝ, excess 0-1 = |2η − 1|·1[f(2η − 1) ≤ 0]: it is ≤ excess hinge risk, ≤ √(excess squared risk) = |f − (2η − 1)| and ≤ √(2 KL(η‖σ(f))) (excess logistic risk); hinge is calibrated but recovers no probability.',
    source: BJM,
    concerns: ['hinge', 'squaredError', 'bceWithLogits', 'bce'],
    proof: PROOF,
  },
]);
