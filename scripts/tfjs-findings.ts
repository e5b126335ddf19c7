/**
 * Recomputes the table of docs/findings/tensorflow-js.md: for each finding's input, what TensorFlow.js
 * returns (through the tfjs subject, src/subjects/tfjs.ts), the exact value (lossproof's reference),
 * the error in float32 ULPs and the audit's verdict at the foreign budget (FOREIGN_BUDGET_ULPS).
 *
 *   npx tsx scripts/tfjs-findings.ts            # the findings' inputs
 *   npx tsx scripts/tfjs-findings.ts '[["sigmoidGrad",[20]]]'   # any inputs (float32-rounded)
 */
import { evaluate, judgeSample } from '../src/audit/measure.ts';
import { getEntry } from '../src/catalogue/index.ts';
import type { FloatArg } from '../src/catalogue/types.ts';
import { FOREIGN_BUDGET_ULPS } from '../src/subjects/index.ts';
import { tfjsSubject } from '../src/subjects/tfjs.ts';

const I = Number.POSITIVE_INFINITY;
const FINDINGS: Array<[string, FloatArg[]]> = [
  ['logSumExp', [[0, -20]]],
  ['logSumExp', [[0, -10]]],
  ['logSoftmax', [[0, -20]]],
  ['logSoftmax', [[0, -10]]],
  [
    'softmaxCrossEntropy',
    [
      [0, -20],
      [1, 0],
    ],
  ],
  [
    'softmaxCrossEntropy',
    [
      [0, -10],
      [1, 0],
    ],
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [0, -20],
      [1, 0],
    ],
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [0, -10],
      [1, 0],
    ],
  ],
  [
    'softmaxCrossEntropyGrad',
    [
      [0, 1],
      [1, 1],
    ],
  ],
  ['sigmoidGrad', [5]],
  ['sigmoidGrad', [10]],
  ['sigmoidGrad', [17]],
  ['sigmoidGrad', [20]],
  ['bceWithLogitsGrad', [10, 1]],
  ['bceWithLogitsGrad', [17, 1]],
  ['bceWithLogitsGrad', [20, 1]],
  ['bce', [0, 1]],
  ['bce', [1e-8, 1]],
  ['bce', [1e-4, 1]],
  ['bce', [1e-3, 1]],
  ['bce', [0, 0]],
  ['bceGrad', [0, 1]],
  ['bceGrad', [0, 1e-16]],
  ['bceGrad', [1e-8, 1]],
  ['bceWithLogits', [-I, 0]],
  ['bceWithLogits', [I, 1]],
  ['bceWithLogits', [I, 0]],
  ['logSumExp', [[0, I]]],
  ['logSumExp', [[-I, -I]]],
  ['softmax', [[0, I]]],
  [
    'softmaxCrossEntropy',
    [
      [-I, 0],
      [0, 1],
    ],
  ],
  [
    'meanSquaredError',
    [
      [1.5e19, 1.5e19],
      [0, 0],
    ],
  ],
];

const cases: Array<[string, FloatArg[]]> = process.argv[2] === undefined ? FINDINGS : JSON.parse(process.argv[2]);
const s = await tfjsSubject();
const f32 = Math.fround;
const show = (x: unknown): string =>
  JSON.stringify(x, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
for (const [id, raw] of cases) {
  const entry = getEntry(id);
  const fn = s.get(entry);
  if (fn === undefined) throw new Error(`the tfjs subject has no ${id}`);
  const args = raw.map((a) => (Array.isArray(a) ? a.map(f32) : f32(a as number)));
  const j = judgeSample(entry, evaluate(entry, fn, args, 'float32'), FOREIGN_BUDGET_ULPS);
  console.log(
    `${id}(${show(j.args).slice(1, -1)}) → tfjs ${show(j.got)}; exact ${show(j.exact)}; ${j.ulps.toPrecision(4)} float32 ULPs; ${j.verdict}${j.kappa === undefined ? '' : ` (κ ${j.kappa.toPrecision(3)})`}`,
  );
}
