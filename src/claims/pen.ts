/** Claims of group PEN (docs/claims.md#pen): "MSE doesn't punish misclassifications enough". */
import { defineClaims } from './types.ts';

const SEED = 'blog post: "MSE doesn\'t punish misclassifications enough"';
const PROOF = 'proofs/penalties.md';

export const claims = defineClaims([
  {
    id: 'PEN-1',
    group: 'PEN',
    kinds: ['INEQ'],
    statement:
      'Binary 0 ≤ (p − y)² ≤ 1, multiclass 0 ≤ ‖softmax(z) − e_y‖² < 2 for finite z, mean-over-K MSE ≤ 2/K, while CE is unbounded; framework clamps (PyTorch BCELoss log ≥ −100, Keras clip ε = 1e−7) make BCE bounded (≤ 100; ≤ −log(1 − fl(1 − 1e−7)) ≈ 16.118), the exact BCE and the float64 kernel are not.',
    source: `${SEED}; PyTorch BCELoss and Keras binary_crossentropy documentation`,
    concerns: [
      'squaredError',
      'sigmoidSquaredError',
      'softmaxSquaredError',
      'meanSquaredError',
      'bce',
      'bceWithLogits',
    ],
    proof: PROOF,
  },
  {
    id: 'PEN-2',
    group: 'PEN',
    kinds: ['INEQ', 'ASYM'],
    statement:
      'In logit space CE grows linearly: BCE(z, y = 1) = softplus(−z) with max(0, −z) < softplus(−z) ≤ max(0, −z) + ln 2 for finite z, while SE∘σ stays below 1.',
    source: SEED,
    concerns: ['bceWithLogits', 'softplus', 'sigmoidSquaredError'],
    proof: PROOF,
  },
  {
    id: 'PEN-3',
    group: 'PEN',
    kinds: ['INEQ'],
    statement:
      'p ∈ (0, 1]: −log p ≥ 1 − p ≥ (1 − p)², and −log p ≥ c*(1 − p)² with the sharp constant c* = 2.455407482284128… attained at p* ≈ 0.28466813704084 (2p ln p + 1 − p = 0); −log p ≥ 2(1 − p)² touches at no interior point.',
    source: SEED,
    concerns: ['bce', 'squaredError'],
    proof: PROOF,
  },
  {
    id: 'PEN-4',
    group: 'PEN',
    kinds: ['INEQ'],
    statement:
      'Multiclass one-hot, p in the simplex: −log p_y ≥ ‖p − e_y‖², indeed ≥ (c*/2)‖p − e_y‖² with c*/2 ≈ 1.2277 sharp (all wrong mass on one class, p_y = p*) for every K ≥ 2; equality only at p = e_y.',
    source: SEED,
    concerns: ['categoricalNll', 'meanSquaredError'],
    proof: PROOF,
  },
  {
    id: 'PEN-5',
    group: 'PEN',
    kinds: ['INEQ'],
    statement: 'Soft or smoothed targets q, p in the simplex: CE(q, p) ≥ KL(q‖p) ≥ ‖p − q‖₂².',
    source: SEED,
    concerns: ['crossEntropy', 'klDivergence', 'meanSquaredError'],
    proof: PROOF,
  },
  {
    id: 'PEN-6',
    group: 'PEN',
    kinds: ['INEQ'],
    statement:
      'K ≥ 2, p in the simplex: (K/(K − 1))(1 − p_y)² ≤ ‖p − e_y‖² ≤ 2(1 − p_y) = ‖p − e_y‖₁, the lower bound an equality iff the wrong mass is uniform.',
    source: SEED,
    concerns: ['meanSquaredError'],
    proof: PROOF,
  },
  {
    id: 'PEN-7',
    group: 'PEN',
    kinds: ['ID'],
    statement:
      'CE depends only on p_y, Brier also on the spread of the wrong mass: redistributing non-target mass leaves −log p_y fixed and moves ‖p − e_y‖² inside the PEN-6 interval; ‖p − e_y‖₁ = 2P(ŷ ≠ y) and ‖p − e_y‖² = 2P(ŷ ≠ y) − P(ŷ ≠ ŷ′) = 1 − 2p_y + ‖p‖² for ŷ, ŷ′ ~ p independent.',
    source: 'Janocha & Czarnecki 2017 (arXiv:1702.05659)',
    concerns: ['categoricalNll', 'meanSquaredError'],
    proof: PROOF,
  },
  {
    id: 'PEN-8',
    group: 'PEN',
    kinds: ['INEQ'],
    statement:
      'Worst-case over decision-boundary penalty is bounded for SE (binary (1 − p)²/¼ ≤ 4; multiclass ‖p − e_y‖²/½ < 4) and unbounded for CE (−log 2^−k / log 2 = k).',
    source: SEED,
    concerns: ['squaredError', 'softmaxSquaredError', 'bce'],
    proof: PROOF,
  },
]);
