/**
 * A PyTorch-gradcheck-style finite-difference check against lossproof's gradcheck, on two gradients that
 * are right in form and wrong in float64 at saturated logits:
 *   - BCE with logits, ∂/∂z = σ(z) − y, computed literally: at y = 1 and z ≳ 37, σ(z) rounds to 1 and the
 *     gradient becomes 0 instead of −σ(−z);
 *   - sigmoid + squared error, 2(σ(z) − y)·σ(z)·(1 − σ(z)): 1 − σ(z) flushes to 0 at z ≳ 37.
 *
 * The finite-difference criterion is reimplemented here (Python torch is not required): PyTorch's
 * `torch.autograd.gradcheck` defaults, eps = 1e−6, atol = 1e−5, rtol = 1e−3, a central difference of the
 * float64 loss, pass when |analytic − numerical| ≤ atol + rtol·|numerical|. The loss fed to it is the
 * careful float64 form PyTorch uses (max(z, 0) − y·z + log1p(e^−|z|)).
 *
 * Run: npx tsx scripts/gradcheck-vs-fd.ts
 */

import { ulpError } from '../src/numeric/ulp.ts';
import { gradcheck } from '../src/oracles/gradcheck.ts';
import { derivativeString, evaluateStable } from '../src/oracles/symbolic.ts';

const EPS = 1e-6;
const ATOL = 1e-5;
const RTOL = 1e-3;

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
const cases = [
  {
    name: 'BCE with logits, gradient σ(z) − y',
    expr: 'log(1 + exp(z)) - y * z',
    loss: (z: number, y: number) => softplus(z) - y * z,
    grad: (z: number, y: number) => sig(z) - y,
  },
  {
    name: 'sigmoid + squared error, gradient 2(σ − y)·σ·(1 − σ)',
    expr: '(1 / (1 + exp(-z)) - y)^2',
    loss: (z: number, y: number) => (z > 0 ? (1 - y - sig(-z)) ** 2 : (sig(z) - y) ** 2),
    grad: (z: number, y: number) => 2 * (sig(z) - y) * sig(z) * (1 - sig(z)),
  },
];

const y = 1;
for (const c of cases) {
  console.log(`\n## ${c.name}, y = ${y}\n`);
  console.log('| z | analytic (float64) | FD numerical | FD verdict | exact | error (ULPs) |');
  console.log('|---|---|---|---|---|---|');
  const d = derivativeString(c.expr, ['z']);
  for (const z of [2, 20, 36, 38, 40, 60]) {
    const a = c.grad(z, y);
    const n = (c.loss(z + EPS, y) - c.loss(z - EPS, y)) / (2 * EPS);
    const fdPass = Math.abs(a - n) <= ATOL + RTOL * Math.abs(n);
    const e = evaluateStable(d, { z, y }, { digits: 20, start: 50 + Math.ceil(2 * z * Math.LOG10E) }).value;
    const u = ulpError(a, e);
    console.log(
      `| ${z} | ${a.toExponential(6)} | ${n.toExponential(6)} | ${fdPass ? 'pass' : 'FAIL'} | ${e.toSignificantDigits(7).toExponential()} | ${u < 1e6 ? u.toFixed(2) : u.toExponential(2)} |`,
    );
  }
  const r = gradcheck({
    expression: c.expr,
    variables: ['z', 'y'],
    wrt: 'z',
    gradient: c.grad,
    ranges: { z: [-50, 50], y: 'label' },
    samples: 200,
    seed: 42,
  });
  // The FD criterion over the same 200 inputs lossproof generated would need them; instead it is run over
  // a uniform grid of z ∈ [−50, 50] (step 0.25) at y ∈ {0, 1}, which covers the same regimes.
  let fdFails = 0;
  let fdTotal = 0;
  for (let z = -50; z <= 50; z += 0.25)
    for (const yy of [0, 1]) {
      fdTotal++;
      const a = c.grad(z, yy);
      const n = (c.loss(z + EPS, yy) - c.loss(z - EPS, yy)) / (2 * EPS);
      if (!(Math.abs(a - n) <= ATOL + RTOL * Math.abs(n))) fdFails++;
    }
  console.log(
    `\nFD gradcheck (eps 1e-6, atol 1e-5, rtol 1e-3) on a grid z ∈ [−50, 50] step 0.25, y ∈ {0, 1}: ${fdFails} of ${fdTotal} inputs fail`,
  );
  console.log(
    `lossproof gradcheck (z ∈ [−50, 50], y = label, 200 samples, seed 42, budget 4 ULPs): ${r.pass ? 'pass' : 'FAIL'}, max ${r.maxUlp.toExponential(3)} ULPs at ${JSON.stringify(r.worst?.args)} (got ${r.worst?.got}, exact ${r.worst?.exact}); shrunk failing input ${JSON.stringify(r.counterexample?.args)} (${r.counterexample?.ulp.toFixed(2)} ULPs)`,
  );
}

// The careful form of the first gradient (−σ(−z) at y = 1, no cancellation) on the same inputs.
const careful = gradcheck({
  expression: 'log(1 + exp(z)) - y * z',
  variables: ['z', 'y'],
  wrt: 'z',
  gradient: (z: number, yy: number) => (yy === 1 ? -sig(-z) : sig(z) - yy),
  ranges: { z: [-50, 50], y: 'label' },
  samples: 200,
  seed: 42,
});
console.log(
  `\ncareful BCE-with-logits gradient (y = 1: −σ(−z)), same 200 inputs: ${careful.pass ? 'pass' : 'FAIL'}, max ${careful.maxUlp.toFixed(2)} ULPs at ${JSON.stringify(careful.worst?.args)}`,
);
