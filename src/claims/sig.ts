/** Claims of group SIG (docs/claims.md#sig): a sigmoid output with a binary target. */
import { defineClaims } from './types.ts';

const SEED = 'blog post: "Sigmoid + MSE … gradient vanishing" (Golik, Doetsch & Ney 2013)';
const PROOF = 'proofs/sigmoid.md';

export const claims = defineClaims([
  {
    id: 'SIG-1',
    group: 'SIG',
    kinds: ['ID'],
    statement: 'd/dz BCE(σ(z), y) = σ(z) − y for every z ∈ ℝ and y ∈ [0, 1] (soft labels included).',
    source: SEED,
    concerns: ['bceWithLogits', 'bceWithLogitsGrad', 'bce', 'sigmoid'],
    proof: PROOF,
  },
  {
    id: 'SIG-2',
    group: 'SIG',
    kinds: ['ID'],
    statement: 'd/dz (σ(z) − y)² = 2(σ − y)·σ(1 − σ) for z ∈ ℝ, y ∈ [0, 1]; for y = 1 it is −2σ(z)σ(−z)².',
    source: SEED,
    concerns: ['sigmoidSquaredError', 'sigmoidSquaredErrorGrad', 'sigmoid', 'sigmoidGrad'],
    proof: PROOF,
  },
  {
    id: 'SIG-3',
    group: 'SIG',
    kinds: ['ID', 'INEQ'],
    statement:
      '|∂_z SE| / |∂_z BCE| = 2σ(z)(1 − σ(z)) ∈ (0, ½] where σ(z) ≠ y, maximal only at z = 0; |∂_z SE| ≤ ½|∂_z BCE| for every z and y (per example, not per batch).',
    source: SEED,
    concerns: ['sigmoidSquaredErrorGrad', 'bceWithLogitsGrad', 'sigmoidGrad'],
    proof: PROOF,
  },
  {
    id: 'SIG-4',
    group: 'SIG',
    kinds: ['ID', 'ASYM'],
    statement:
      'σ(z)σ(−z) = e^−|z|/(1 + e^−|z|)², so e^−|z|/4 ≤ σ(1 − σ) ≤ e^−|z| and |∂_z SE| ≤ 2|σ − y|e^−|z| ≤ 2e^−|z| for every z, y.',
    source: SEED,
    concerns: ['sigmoidGrad', 'sigmoidSquaredErrorGrad', 'sigmoid'],
    proof: PROOF,
  },
  {
    id: 'SIG-5',
    group: 'SIG',
    kinds: ['INEQ', 'ASYM'],
    statement:
      'y = 1, z ≤ 0 (wrong): |∂_z BCE| = σ(−z) ∈ [½, 1) strictly decreasing in z, while |∂_z SE| = 2σ(z)σ(−z)² ≤ 2e^z is strictly increasing on (−∞, −ln 2]; mirrored for y = 0, z ≥ 0.',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'SIG-6',
    group: 'SIG',
    kinds: ['INEQ'],
    statement:
      'sup_z |2(σ − y)σ(1 − σ)| = 8/27 for y ∈ [0, 1]; for y = 1 it is attained at z = −ln 2 (σ = ⅓), for y = 0 at z = ln 2.',
    source: SEED,
    concerns: ['sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'SIG-7',
    group: 'SIG',
    kinds: ['CEX'],
    statement:
      '"CE gradients do not vanish" is false (y = 1, z → +∞: |∂BCE| = σ(−z) → 0); for hard labels |∂_z BCE| ≥ ½ iff the example is misclassified ((y = 1 ∧ z ≤ 0) ∨ (y = 0 ∧ z ≥ 0)).',
    source: SEED,
    concerns: ['bceWithLogitsGrad', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'SIG-8',
    group: 'SIG',
    kinds: ['ID'],
    statement:
      'pos_weight BCE L = −[w₊y·log σ + (1 − y)·log(1 − σ)] has ∂_z L = σ·(w₊y + 1 − y) − w₊y (not σ − y), zero at σ = w₊y/(w₊y + 1 − y); per-sample weights scale it.',
    source: 'PyTorch BCEWithLogitsLoss(pos_weight) semantics; blog post on class imbalance',
    concerns: ['bceWithLogits', 'sigmoid'],
    proof: PROOF,
  },
  {
    id: 'SIG-9',
    group: 'SIG',
    kinds: ['ID'],
    statement:
      'With smoothed targets y_ε = (1 − ε)y + ε/2 the BCE gradient is σ − y_ε and the minimiser is finite (z* = logit(1 − ε/2) for y = 1); for y ∈ {0, 1} and ε = 0 the infimum is not attained.',
    source: 'label smoothing (Szegedy et al. 2016), binary form',
    concerns: ['bceWithLogits', 'bceWithLogitsGrad', 'logit'],
    proof: PROOF,
  },
]);
