/**
 * How many evaluations the audit's targeted climb needs to reach the worst known input of a planted
 * bug, against plain random sampling (issue 5). For each planted bug and seed:
 *
 * - random: draws from one regime until an input with error ≥ the target appears (cap `--cap`);
 * - climb: draws `--starts` inputs from the same regime, then climbs from the worst of them
 *   (src/audit/search.ts) until the target is reached; its count includes the starting draws.
 *
 * Usage: npx tsx scripts/search-vs-random.ts [--seeds 20] [--cap 5000] [--starts 10]
 */
import fc from 'fast-check';
import { evaluate, type Subject } from '../src/audit/measure.ts';
import { type RegimeName, regimesFor } from '../src/audit/regimes.ts';
import { climb } from '../src/audit/search.ts';
import { getEntry } from '../src/catalogue/index.ts';
import { callKernel, type FloatArg } from '../src/catalogue/types.ts';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}
const seeds = flag('seeds', 20);
const cap = flag('cap', 5000);
const startsN = flag('starts', 10);

interface Planted {
  name: string;
  id: string;
  regime: RegimeName;
  subject: Subject;
  /** Error (ULPs) that counts as having found the bug; the worst known input is quoted beside it. */
  target: number;
  worstKnown: string;
}

const naive = (id: string): Subject => {
  const e = getEntry(id);
  return (...a: FloatArg[]) => callKernel(e.naive, a);
};

const planted: Planted[] = [
  {
    name: 'softplus as log(1 + e^z): 0 for z ≲ −37, ∞ above z = 709.78',
    id: 'softplus',
    regime: 'typical',
    subject: naive('softplus'),
    target: 2 ** 40,
    worstKnown: 'z > 709.78 (∞) or z ≪ 0 (0 where the exact value is e^z: ~2^53 ULPs)',
  },
  {
    name: 'sigmoid as 1/(1 + e^−z): 0 instead of a subnormal below z = −709.78',
    id: 'sigmoid',
    regime: 'typical',
    subject: naive('sigmoid'),
    target: 2 ** 40,
    worstKnown: 'z just below −709.78 (≈ 2^52 subnormal ULPs)',
  },
  {
    name: 'bceWithLogitsGrad as σ(z) − y: cancellation where σ(z) ≈ y',
    id: 'bceWithLogitsGrad',
    regime: 'typical',
    subject: naive('bceWithLogitsGrad'),
    target: 2 ** 30,
    worstKnown: 'z ≈ logit(y) for a soft y (≈ 2^53 ULPs and more)',
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const rows: string[] = [];
for (const p of planted) {
  const entry = getEntry(p.id);
  const regime = regimesFor(entry).find((r) => r.name === p.regime);
  if (regime === undefined) throw new Error(`no regime ${p.regime} for ${p.id}`);
  const random: number[] = [];
  const climbed: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const inputs = fc.sample(regime.arb, { seed, numRuns: cap });
    let n = cap + 1; // censored at the cap
    for (let k = 0; k < inputs.length; k++) {
      if (evaluate(entry, p.subject, inputs[k] as FloatArg[], 'float64').ulps >= p.target) {
        n = k + 1;
        break;
      }
    }
    random.push(n);
    const starts = inputs.slice(0, startsN).map((a) => evaluate(entry, p.subject, a, 'float64'));
    const c = climb(
      entry,
      p.subject,
      [starts.reduce((a, b) => (b.ulps > a.ulps ? b : a))],
      'float64',
      cap,
      seed,
      p.target,
    );
    climbed.push(c.best.ulps >= p.target ? startsN + c.evaluations : cap + 1);
  }
  const fmt = (xs: number[]) => {
    const found = xs.filter((x) => x <= cap).length;
    return `${median(xs) > cap ? `> ${cap}` : median(xs)} (max ${Math.max(...xs) > cap ? `> ${cap}` : Math.max(...xs)}; found in ${found}/${xs.length})`;
  };
  rows.push(
    `| ${p.name} | ${p.regime} | ${p.target === Number.POSITIVE_INFINITY ? '∞' : `2^${Math.log2(p.target)}`} | ${fmt(random)} | ${fmt(climbed)} |`,
  );
  process.stderr.write(`${p.id} done\n`);
}
console.log(
  `Evaluations to reach the target error, median over ${seeds} seeds (cap ${cap}; climb = ${startsN} random starts + climb):\n`,
);
console.log('| planted bug | regime sampled | target (ULPs) | random sampling | targeted climb |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
