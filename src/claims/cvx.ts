/** Claims of group CVX (docs/claims.md#cvx): "MSE does not play very nicely with sigmoid/softmax". */
import { defineClaims } from './types.ts';

const SEED =
  'blog post: "does not play very nicely with sigmoid/softmax; a linear output layer would be a better choice"';
const PROOF = 'proofs/convexity.md';

export const claims = defineClaims([
  {
    id: 'CVX-1',
    group: 'CVX',
    kinds: ['INEQ'],
    statement:
      'd²/dz² BCE(z, y) = σ(1 − σ) ∈ (0, ¼]: BCE is strictly convex and ¼-smooth in z; for z = w·x the Hessian Xᵀdiag(σᵢ(1 − σᵢ))X ⪰ 0, singular exactly along directions v with Xv = 0.',
    source: SEED,
    concerns: ['bceWithLogits', 'bceWithLogitsGrad', 'sigmoidGrad'],
    proof: PROOF,
  },
  {
    id: 'CVX-2',
    group: 'CVX',
    kinds: ['INEQ'],
    statement:
      'Softmax-CE is convex and ½-smooth in z (Hessian (Σy)·J(p) ⪰ 0, λ_max ≤ ½ for Σy = 1), not strictly: constant along 1 for every target y (each term LSE(z) − z_k is shift-invariant).',
    source: SEED,
    concerns: ['softmaxCrossEntropy', 'softmaxCrossEntropyGrad'],
    proof: PROOF,
  },
  {
    id: 'CVX-3',
    group: 'CVX',
    kinds: ['ID', 'CEX'],
    statement:
      'm(z) = (σ(z) − y)² has m″ = 2σ(1 − σ)(−3σ² + 2(1 + y)σ − y), negative iff σ ∉ [r₋, r₊], r± = ((1 + y) ± √(1 − y + y²))/3: non-convex for every y ∈ [0, 1] (y = 1: m(−4) > (m(−6) + m(−2))/2); for y ∈ {0, 1}, sup|m″| = L_SE = 0.154058570121… at σ = (9 + √33)/24.',
    source: SEED,
    concerns: ['sigmoidSquaredError', 'sigmoidSquaredErrorGrad', 'sigmoid', 'sigmoidGrad', 'logit'],
    proof: PROOF,
  },
  {
    id: 'CVX-4',
    group: 'CVX',
    kinds: ['CEX'],
    statement:
      'A sigmoid neuron with square loss can have several local minima in weight space: fixed 1-D datasets (no bias, hard labels) whose SE∘σ risk in w has two certified local minima, while the BCE risk of the same data is convex.',
    source: 'Auer, Herbster & Warmuth 1996 (exponentially many local minima for a sigmoid neuron with square loss)',
    concerns: ['sigmoidSquaredErrorGrad', 'sigmoidGrad'],
    proof: PROOF,
  },
  {
    id: 'CVX-5',
    group: 'CVX',
    kinds: ['INEQ'],
    statement:
      'Linear output + SE: ℓ(w) = (w·x − y)² satisfies ℓ(w′) = ℓ(w) + ∇ℓ(w)·(w′ − w) + ((w′ − w)·x)² exactly (convex, Hessian 2xxᵀ), with gradient 2(z − y)x linear in the error: no saturation.',
    source: SEED,
    concerns: ['squaredError', 'squaredErrorGrad'],
    proof: PROOF,
  },
  {
    id: 'CVX-6',
    group: 'CVX',
    kinds: ['CEX', 'ID'],
    statement:
      'Softmax + SE is non-convex in z: for K = 2, ‖softmax(a, b) − (y, 1 − y)‖² = 2(σ(a − b) − y)², and for every K ≥ 2 the logits (t, 0, …, 0), y = e₀ give SE(−6) > (SE(−8) + SE(−4))/2.',
    source: SEED,
    concerns: ['softmaxSquaredError', 'sigmoidSquaredError'],
    proof: PROOF,
  },
  {
    id: 'CVX-7',
    group: 'CVX',
    kinds: ['ASYM'],
    statement:
      'Plateau: for y = 1, 0 < 1 − (σ(z) − 1)² ≤ 2e^z and 0 < −∂_z(σ(z) − 1)² ≤ 2e^z for every z: SE∘σ tends to 1 with a flat wrong side.',
    source: SEED,
    concerns: ['sigmoidSquaredError', 'sigmoidSquaredErrorGrad'],
    proof: PROOF,
  },
]);
