/** Claims of group MLE (docs/claims.md#mle): losses as negative log-likelihoods. */
import { defineClaims } from './types.ts';

const SEED = 'blog post: "from a probabilistic point of view … maximize the likelihood"';
const PROOF = 'proofs/likelihood.md';

export const claims = defineClaims([
  {
    id: 'MLE-1',
    group: 'MLE',
    kinds: ['ID'],
    statement:
      '−log[p^y(1 − p)^(1 − y)] = BCE(p, y) for y ∈ {0, 1}; for soft y it is the cross-entropy H(y, p), not a normalised likelihood.',
    source: SEED,
    concerns: ['bernoulliNll', 'bce'],
    proof: PROOF,
  },
  {
    id: 'MLE-2',
    group: 'MLE',
    kinds: ['ID'],
    statement: '−log Π_j p_j^{y_j} = CE(y, p); for one-hot y it is categoricalNll(p, k), and i.i.d. NLL = Σ CE.',
    source: SEED,
    concerns: ['categoricalNll', 'crossEntropy'],
    proof: PROOF,
  },
  {
    id: 'MLE-3',
    group: 'MLE',
    kinds: ['ID'],
    statement:
      '−log N(y; μ, s²) = (y − μ)²/(2s²) + ½log(2πs²): Σ NLL = SSE/(2s²) + (N/2)log(2πs²), same argmin over μ as least squares, ∂/∂μ = (μ − y)/s².',
    source: 'blog post: "assume target continuous and normal … you get the MSE"',
    concerns: ['gaussianNll', 'gaussianNllGradMu', 'squaredError', 'squaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'MLE-4',
    group: 'MLE',
    kinds: ['ID', 'CEX'],
    statement:
      'Shared learned variance: s²* = MSE and NLL* = (N/2)(1 + log(2π·MSE)), increasing in MSE (MSE > 0); per-example variances break this: NLL → −∞ as μ_i → y_i, gradient (μ_i − y_i)/s_i².',
    source: 'blog post: "MSE is the right loss for regression"',
    concerns: ['gaussianNll', 'gaussianNllGradMu', 'meanSquaredError'],
    proof: PROOF,
  },
  {
    id: 'MLE-5',
    group: 'MLE',
    kinds: ['ID'],
    statement:
      'CE(q, p) = H(q) + KL(q‖p) (0·log 0 = 0); for one-hot q, CE = KL; KL ≥ 0 with equality iff p = q; CE = ∞ if some q_j > 0 = p_j.',
    source: SEED,
    concerns: ['crossEntropy', 'entropy', 'klDivergence'],
    proof: PROOF,
  },
  {
    id: 'MLE-6',
    group: 'MLE',
    kinds: ['ID'],
    statement:
      'Canonical links: the gradient w.r.t. the natural parameter is mean − target for sigmoid+BCE (σ − y), softmax+CE (p − y), identity+SE (2(z − y)); sigmoid+SE is not canonical (extra σ′ factor).',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'softmaxCrossEntropyGrad', 'squaredErrorGrad', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'MLE-7',
    group: 'MLE',
    kinds: ['ID'],
    statement: 'The best constant predictor argmin_p Σ_n BCE(p, y_n) = argmin_p Σ_n (p − y_n)² = ȳ, for ȳ ∈ (0, 1).',
    source: SEED,
    concerns: ['bce', 'squaredError', 'bceWithLogitsGrad'],
    proof: PROOF,
  },
]);
