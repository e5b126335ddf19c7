/** Claims of group PROP (docs/claims.md#prop): proper scoring — "both criteria have the posterior as optimum". */
import { defineClaims } from './types.ts';

const GOLIK = 'Golik, Doetsch & Ney 2013 (Interspeech): "both criteria have the true posterior as optimum"';
const PROOF = 'proofs/proper-scoring.md';

export const claims = defineClaims([
  {
    id: 'PROP-1',
    group: 'PROP',
    kinds: ['ID', 'INEQ'],
    statement:
      'Binary, q, p ∈ [0, 1]: E_{Y~Bern(q)}(p − Y)² = (p − q)² + q(1 − q) and E_{Y~Bern(q)} BCE(p, Y) = H_b(q) + KL_b(q‖p); both risks are uniquely minimised at p = q (strictly proper).',
    source: GOLIK,
    concerns: ['squaredError', 'bce', 'entropy', 'klDivergence'],
    proof: PROOF,
  },
  {
    id: 'PROP-2',
    group: 'PROP',
    kinds: ['ID'],
    statement:
      'Multiclass, q, p in the simplex: E_{Y~Cat(q)}‖p − e_Y‖² = ‖p − q‖² + 1 − ‖q‖² and E[−log p_Y] = H(q) + KL(q‖p); the excess risks ‖p − q‖² and KL(q‖p) vanish only at p = q.',
    source: GOLIK,
    concerns: ['meanSquaredError', 'categoricalNll', 'crossEntropy', 'entropy', 'klDivergence'],
    proof: PROOF,
  },
  {
    id: 'PROP-3',
    group: 'PROP',
    kinds: ['INEQ'],
    statement:
      'KL(q‖p) ≥ ‖p − q‖₂² for all distributions p, q (Pinsker plus ‖d‖₂² ≤ ½‖d‖₁² for zero-sum d); the constant 1 is sharp, approached at K = 2, q = (½, ½), p → q.',
    source: 'Golik et al. 2013 ("squared error gives the tighter bound"), re-derived via Pinsker',
    concerns: ['klDivergence', 'meanSquaredError'],
    proof: PROOF,
  },
  {
    id: 'PROP-4',
    group: 'PROP',
    kinds: ['CEX'],
    statement:
      'L1 on probabilities is not proper: E_{Bern(q)}|p − Y| = q + p(1 − 2q) is minimised at p = 1[q > ½], not at p = q (for q ∉ {0, ½, 1}).',
    source: 'Janocha & Czarnecki 2017 (arXiv:1702.05659), the "expectation loss"',
    concerns: [],
    proof: PROOF,
  },
  {
    id: 'PROP-5',
    group: 'PROP',
    kinds: ['INEQ'],
    statement:
      'With c* = argmax p, ĉ = argmax q (any tie-break), Δ = p_c* − p_ĉ ≤ |p_c* − q_c*| + |q_ĉ − p_ĉ| ≤ min{‖p − q‖₁, √2‖p − q‖₂} when ĉ ≠ c* (Δ = 0 otherwise), ‖p − q‖₁ ≤ √(2KL(p‖q)) and √2‖p − q‖₂ ≤ √(2KL(p‖q)); averaged over x by Jensen, E_q − E* ≤ √(2·excess Brier) ≤ √(2·excess CE).',
    source: 'Ney 2003 / Golik et al. 2013 classification-error bounds, re-derived',
    concerns: ['klDivergence', 'meanSquaredError'],
    proof: PROOF,
  },
  {
    id: 'PROP-6',
    group: 'PROP',
    kinds: ['ID', 'INEQ'],
    statement:
      'Free per-input logits, empirical label frequencies q: softmax-CE ≥ H(q) and softmax-SE ≥ 0 with equality iff softmax(z) = q, reached at z = log q when q is in the open simplex; if q has a zero entry neither value is reached by finite logits.',
    source: GOLIK,
    concerns: ['softmaxCrossEntropy', 'softmaxSquaredError', 'entropy'],
    proof: PROOF,
  },
  {
    id: 'PROP-7',
    group: 'PROP',
    kinds: ['ID'],
    statement:
      'Sigmoid + SE is proper composite: C_η(f) = ησ(−f)² + (1 − η)σ(f)² has sign C′_η(f) = sign(f − logit η) (unique stationary point f* = logit η) and minimum η(1 − η) < min(η, 1 − η) for η ∈ (0, 1).',
    source: 'blog post: "you can train a classifier with MSE and it will probably work fine"',
    concerns: ['sigmoidSquaredError', 'sigmoidSquaredErrorGrad', 'logit'],
    proof: PROOF,
  },
]);
