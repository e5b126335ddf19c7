/** Claims of group DYN (docs/claims.md#dyn) and the paper-level claims PAP (docs/claims.md#pap). */
import { defineClaims } from './types.ts';

const SEED = 'blog: "Sigmoid + MSE will converge slower … gradient vanishing"';
const PROOF = 'proofs/dynamics.md';

export const claims = defineClaims([
  {
    id: 'DYN-1',
    group: 'DYN',
    kinds: ['DYN'],
    statement:
      'Single example, y = 1, logit GD with the same step 0 < η ≤ 4 from the same z₀: z^CE_t ≥ z^SE_t for every t, so T_CE(τ) ≤ T_SE(τ) for every threshold τ.',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'DYN-2',
    group: 'DYN',
    kinds: ['DYN', 'ASYM'],
    statement:
      'From a saturated wrong start z₀ = −a (a > 0, y = 1), for every η > 0: T_CE(0) ≤ ⌈2a/η⌉ and T_SE(0) ≥ (e^a − 1)/(2η); e.g. a = 10, η = 1: 11 vs 11034.',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'DYN-3',
    group: 'DYN',
    kinds: ['DYN'],
    statement:
      '1-D data through the origin (y_i = 1[x_i > 0], sum loss, scalar weight): if η·Σx_i² ≤ 4 then w^CE_t ≥ w^SE_t for every t, so CE reaches 100 % training accuracy no later than SE.',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'DYN-4',
    group: 'DYN',
    kinds: ['INEQ'],
    statement:
      'For every separating direction u and every w, term by term: 0 ≤ −∇L_SE(w)·u ≤ ½·(−∇L_CE(w)·u) (sigmoid outputs, hard labels).',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'DYN-5',
    group: 'DYN',
    kinds: ['DYN', 'ID'],
    statement: 'Per-step logit progress from the same point: Δz_CE/Δz_SE = 1/(2σ(z)σ(−z)) ≥ 2 whenever σ(z) ≠ y.',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad', 'sigmoidGrad'],
    proof: PROOF,
  },
  {
    id: 'DYN-6',
    group: 'DYN',
    kinds: ['CEX'],
    statement:
      'The ordering is optimizer-specific: with Adam (β₁ 0.9, β₂ 0.999, ε 1e−8) from z₀ = −10 (y = 1), SE reaches z ≥ 0 before CE (lr 0.01: 441 vs 1075 steps; lr 0.1: 72 vs 104).',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'DYN-7',
    group: 'DYN',
    kinds: ['STAT'],
    statement:
      'Logistic regression on blobs ±(2,0), N = 200, mean loss, GD lr 0.1 from w₀ = (−c, 0, 0): steps to 95 % training accuracy T_SE ≥ 5·T_CE for c ≥ 3 on every fixed seed; nothing is asserted for c ≤ 1.',
    source: SEED,
    concerns: ['bceWithLogits', 'bceWithLogitsGrad', 'sigmoidSquaredError', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'DYN-8',
    group: 'DYN',
    kinds: ['STAT'],
    statement:
      'Golik-style replication on a synthetic mixture: a softmax MLP trained with SE from a large-variance random init lags the same network trained with CE at a fixed budget (margin over fixed seeds); the SE fine-tuning delta after CE is logged, not asserted.',
    source: 'Golik, Doetsch & Ney, Interspeech 2013',
    concerns: ['softmaxCrossEntropy', 'softmaxCrossEntropyGrad', 'softmaxSquaredError', 'softmaxSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'PAP-1',
    group: 'PAP',
    kinds: ['STAT'],
    statement:
      'Golik 2013 on Iris: SE from a large-variance random init reaches a worse training optimum than CE at the same budget (margin over fixed seeds); CE followed by a few SE fine-tuning epochs is report-only.',
    source: 'Golik, Doetsch & Ney, Interspeech 2013, doi:10.21437/Interspeech.2013-436',
    concerns: ['softmaxCrossEntropy', 'softmaxCrossEntropyGrad', 'softmaxSquaredError', 'softmaxSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'PAP-2',
    group: 'PAP',
    kinds: ['STAT'],
    statement:
      'Kline & Berardi 2005: at a fixed small GD budget from saturated wrong inits, sigmoid+CE estimates a known posterior η(x) better than sigmoid+SE in mean absolute error E|σ(f(x)) − η(x)| (no gap is asserted at convergence).',
    source: 'Kline & Berardi, Neural Computing & Applications 14:310–318, 2005',
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad', 'sigmoid'],
    proof: PROOF,
  },
  {
    id: 'PAP-3',
    group: 'PAP',
    kinds: ['ID', 'CEX'],
    statement:
      'Janocha & Czarnecki 2017: on a softmax output the L1 loss is 2·P(ŷ ≠ y) and the squared loss is 2P(ŷ≠y) − P(ŷ≠ŷ′) (ŷ, ŷ′ ~ p), and the L1 expected risk is minimised at a vertex of the simplex, not at the posterior.',
    source: 'Janocha & Czarnecki 2017, arXiv:1702.05659',
    concerns: ['softmax', 'softmaxSquaredError'],
    proof: PROOF,
  },
  {
    id: 'PAP-4',
    group: 'PAP',
    kinds: ['STAT'],
    statement:
      'Hui & Belkin 2021: a linear-output classifier trained with squared loss on one-hot targets reaches test accuracy within 3 percentage points of softmax+CE on Gaussian-mixture data, on every fixed seed.',
    source: 'Hui & Belkin, ICLR 2021, arXiv:2006.07322',
    concerns: ['squaredError', 'squaredErrorGrad', 'softmaxCrossEntropy', 'softmaxCrossEntropyGrad'],
    proof: PROOF,
  },
  {
    id: 'PAP-5',
    group: 'PAP',
    kinds: ['INEQ', 'CEX'],
    statement:
      'Demirkaya et al. 2020: on separable data with margin γ, CE(c·W_sep) is strictly decreasing in c, positive, and ≤ N(K−1)e^{−cγ} (infimum 0, not attained); least squares on one-hot targets has a positive minimal residual when N > d+1 (generic data).',
    source: 'Demirkaya, Chen & Oymak, CISS 2020',
    concerns: ['softmaxCrossEntropy'],
    proof: PROOF,
  },
]);
