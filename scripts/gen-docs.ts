/**
 * Generates docs/catalogue.md from the catalogue registry (src/catalogue/) and docs/claims.md from the
 * claims registry (src/claims/), so that an id's arguments, definition, budget and edge values, and a
 * claim's statement, kinds, source, derivation and property file, are written in one place only.
 *
 *   npx tsx scripts/gen-docs.ts           writes both files
 *   npx tsx scripts/gen-docs.ts --check   writes nothing; exits 1 naming each file that is stale
 *
 * properties/docs/generated.test.ts regenerates both in memory and fails when the committed files
 * differ. The output depends only on the registries, the property files' test names and the proofs'
 * headings: no dates, no machine-dependent text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { roleOfTest, scanProofSections, scanTestNames, type TestRole } from '../properties/_support/claim-index.ts';
import { catalogue } from '../src/catalogue/index.ts';
import {
  ARG_KINDS,
  type CatalogueEntry,
  type EdgeCase,
  type Family,
  FLOAT32_BUDGET,
  type FloatArg,
  ownBudget,
} from '../src/catalogue/types.ts';
import { CLAIM_CHECKS } from '../src/check/claims.ts';
import { claims } from '../src/claims/index.ts';
import { CLAIM_GROUPS, CLAIM_KINDS, type Claim, type ClaimGroup } from '../src/claims/types.ts';

/** The project root (this file lives in scripts/). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The generated files, relative to the root. */
export const GENERATED_FILES = ['docs/catalogue.md', 'docs/claims.md'] as const;

/** The command that regenerates them (printed by the staleness test). */
export const REGENERATE = 'npx tsx scripts/gen-docs.ts';

const banner = (from: string) =>
  `<!-- Generated from ${from} by \`${REGENERATE}\`. Do not edit by hand: edit the registry, then regenerate. ` +
  'properties/docs/generated.test.ts fails when this file is stale. -->';

// ---------------------------------------------------------------- formatting

/** A number as the docs print it: ±∞, NaN and −0 spelled out, finite values as JavaScript prints them. */
export function fmtNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+∞';
  if (x === Number.NEGATIVE_INFINITY) return '−∞';
  if (Object.is(x, -0)) return '−0';
  return String(x);
}

const fmtArg = (a: FloatArg): string =>
  Array.isArray(a) ? `[${(a as readonly number[]).map(fmtNumber).join(', ')}]` : fmtNumber(a as number);

const fmtValue = (v: EdgeCase['value']): string =>
  typeof v === 'number' ? fmtNumber(v) : `[${(v as readonly number[]).map(fmtNumber).join(', ')}]`;

/** Escapes text for a Markdown table cell. */
const cell = (s: string): string => s.replaceAll('|', '\\|');

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

const code = (s: string): string => `\`${s}\``;

// ---------------------------------------------------------------- docs/catalogue.md

const FAMILY_TITLES: Readonly<Record<Family, string>> = {
  sigmoid: 'Sigmoid family: a binary output through σ',
  regression: 'Regression family: squared error',
  margin: 'Margin family: hinge losses',
  likelihood: 'Likelihood family: negative log-likelihoods',
  softmax: 'Softmax family: a multiclass output through softmax',
  distribution: 'Distribution family: cross-entropy, KL divergence and entropy of probability vectors',
};

const CATALOGUE_INTRO = `# The catalogue

Every function lossproof knows has a **catalogue id**. The registry (\`src/catalogue/\`, one file per family,
gathered in \`src/catalogue/index.ts\`) holds, per id, its definition, its arguments and their kinds, its edge
values, and four implementations:

- the **reference**: the exact value, computed with decimal.js from the exact binary value of each argument
  ([error-metric.md](error-metric.md#the-reference));
- a **float64** kernel, held to a flat budget of 2 or 4 ULPs at every input;
- a **float32** kernel: float32 arguments, a float32 result within ${FLOAT32_BUDGET} float32 ULP;
- the **naive** textbook formula, kept as a subject for the audit ([accuracy.md](accuracy.md) shows where each breaks).

An id never changes meaning; ids may be added. \`lossproof eval\` ([eval.md](eval.md)) answers any id with its
exact value; \`lossproof check\` ([check.md](check.md)) audits exports named after ids.

## Notation

- σ(z) = 1/(1 + e^−z); \`log\` is the natural logarithm; softplus(z) = log(1 + e^z).
- Arguments are listed in the order a call takes them (the \`args\` array of \`eval\`, the parameters of a
  \`check\` export, the argument lists of the [subject protocol](protocol.md)).
- A vector has K components; all vector arguments of one call have the same K, and K ≥ the id's minimum
  length (1, or 2 for \`multiclassHinge\`). A class index k is 0-based.
- J(p) = diag(p) − p·pᵀ is the Jacobian of softmax.`;

const EDGE_RULES = `## Values at the edges

These rules hold for every id. Each id's own table below lists its edge cases; every case is asserted
exactly — for the reference's float64 rounding, the float64 kernel and the float32 kernel — by the edge
tests of \`properties/catalogue/*.test.ts\`, which read the tables from the registry (\`edges\` of each entry).

1. **NaN in, NaN out.** NaN in any argument (any component of a vector) gives NaN; for a vector result,
   every component is NaN.
2. **Infinite arguments give the limit where it exists, NaN where it does not.** σ(+∞) = 1,
   softplus(−∞) = 0, bceWithLogits(+∞, 1) = 0, bceWithLogits(+∞, 0) = +∞, logSumExp([−∞, −∞]) = −∞,
   softmaxCrossEntropy([−∞, 0], [0, 1]) = 0. softmax([+∞, +∞]) has no limit (the shares depend on how
   the two logits grow): [NaN, NaN]. A vector result takes the limit component by component where one
   exists: softmax([+∞, +∞, 0]) = [NaN, NaN, 0].
3. **Infinite is ±∞, never a clamp.** A value that is mathematically infinite is returned as ±∞:
   bce(0, 1) = +∞, logit(1) = +∞ — not 100, not −log(1e−7) ≈ 16.12, not the largest float.
4. **0·log 0 = 0.** A term whose weight is exactly 0 is 0, even where its logarithm is infinite (bce,
   crossEntropy, klDivergence, entropy, softmaxCrossEntropy, bernoulliNll).
5. **The sign of a zero result is not part of the contract.** A kernel may return −0 where the exact
   value is +0 or the reverse; the tests compare zeros with \`===\`, and the error metric counts no error.
6. **Arguments outside the domain are the caller's error.** Outside the domains of the table above
   (p ∉ [0, 1], t ∉ {−1, +1}, v ≤ 0, a soft bernoulliNll label), with vectors of unequal length or shorter
   than the minimum, or with k not an integer index in [0, K), a kernel may return anything: the kernels
   assume valid input. The **validated entry points** answer with an error naming the argument and its
   value, never with a number: \`lossproof eval\` (an error line with code \`domain\`, \`length\`, \`type\` or
   \`arity\`, [eval.md](eval.md#errors)) and the package's \`validateArgs(entry, args)\` (throws a
   \`DomainError\` with that \`code\`), which the audit's climb also uses to stay inside the domain.
   NaN passes validation in \`real\`, \`prob\` and \`variance\` arguments (rule 1 applies); a NaN target,
   label or sign is rejected.`;

const resultText = (e: CatalogueEntry): string => (e.result === 'scalar' ? 'a number' : 'a vector of K numbers');
const argsText = (e: CatalogueEntry): string =>
  e.args.map((a) => (a.kind.endsWith('Vec') ? `${a.name}[]` : a.name)).join(', ');
const callText = (e: CatalogueEntry, c: EdgeCase): string => `${e.id}(${c.args.map(fmtArg).join(', ')})`;
const budgetText = (e: CatalogueEntry): string => `${ownBudget(e, 'float64')}`;

function claimsConcerning(id: string): Claim[] {
  return claims.filter((c) => c.concerns.includes(id));
}

function entrySection(e: CatalogueEntry): string[] {
  const out: string[] = [`### ${code(e.id)}`, '', `**${e.definition}**`, ''];
  out.push(
    ...table(
      ['argument', 'kind', 'domain'],
      e.args.map((a) => [
        code(a.kind.endsWith('Vec') ? `${a.name}[]` : a.name),
        code(a.kind),
        ARG_KINDS[a.kind].domain,
      ]),
    ),
    '',
  );
  const vectorArgs = e.args.some((a) => a.kind.endsWith('Vec'));
  out.push(`- Result: ${resultText(e)}.`);
  if (vectorArgs) out.push(`- Vector length: K ≥ ${e.minLength ?? 1}.`);
  out.push(
    `- Budgets: float64 kernel ≤ ${budgetText(e)} ULPs, float32 kernel ≤ ${FLOAT32_BUDGET} float32 ULP, at every input.`,
    `- Code: reference and edge values in ${code(`src/catalogue/${e.family}.ts`)}; kernels ${code(e.id)} in ` +
      `${code(`src/kernels/float64/${e.family}.ts`)}, ${code(`src/kernels/float32/${e.family}.ts`)} and ` +
      `${code(`src/kernels/naive/${e.family}.ts`)}.`,
  );
  const cs = claimsConcerning(e.id);
  if (cs.length > 0) out.push(`- Claims: ${cs.map((c) => `[${c.id}](claims.md#${c.id.toLowerCase()})`).join(', ')}.`);
  const checks = CLAIM_CHECKS[e.id] ?? [];
  if (checks.length > 0) {
    const names = checks.map((c) => (c.claim === undefined ? c.name : `${c.name} (${c.claim})`));
    out.push(`- \`lossproof check\` also tests an export of this name for: ${names.join(', ')}.`);
  }
  out.push('', `Edge values of ${code(e.id)}:`, '');
  out.push(
    ...table(
      ['call', 'value', 'why'],
      e.edges.map((c) => [callText(e, c), fmtValue(c.value), c.note]),
    ),
  );
  out.push('');
  return out;
}

/** docs/catalogue.md. */
export function renderCatalogue(): string {
  const out: string[] = [banner('the catalogue registry (src/catalogue/)'), '', CATALOGUE_INTRO, ''];
  out.push('## Argument kinds', '');
  out.push(
    "An argument's kind fixes its domain and whether it counts for the condition number κ",
    '([error-metric.md](error-metric.md#condition-number)): hard labels, sign labels and class indices are exact by',
    'nature and do not count, nor does an infinite argument or an argument equal to 0.',
    '',
  );
  out.push(
    ...table(
      ['kind', 'domain', 'counts for κ'],
      Object.entries(ARG_KINDS).map(([k, v]) => [code(k), v.domain, v.kappa]),
    ),
    '',
  );
  out.push(EDGE_RULES, '');
  out.push('## All ids', '');
  out.push(
    ...table(
      ['id', 'family', 'arguments', 'result', 'definition', 'float64 budget (ULPs)', 'edge cases'],
      catalogue.map((e) => [
        `[${code(e.id)}](#${e.id.toLowerCase()})`,
        e.family,
        argsText(e),
        e.result,
        e.definition,
        budgetText(e),
        String(e.edges.length),
      ]),
    ),
    '',
  );
  const families = [...new Set(catalogue.map((e) => e.family))];
  for (const f of families) {
    out.push(`## ${FAMILY_TITLES[f]}`, '');
    for (const e of catalogue.filter((x) => x.family === f)) out.push(...entrySection(e));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------- docs/claims.md

const CLAIMS_INTRO = `# The claims

The folklore of "MSE vs. cross-entropy for classification" — the gradient of sigmoid + MSE vanishes, cross-entropy
punishes mistakes more, both are maximum-likelihood costs, a margin loss is an SVM on top, sigmoid + MSE converges
slower — made into claims that can be checked. Each claim has

- an **id** (stable: property names, proofs/ headings and the claims ledger of \`npm test\` use it) and a **group**;
- a **statement** with its conditions, its **kinds**, and the **source** it makes precise;
- the **catalogue ids** it concerns ([catalogue.md](catalogue.md));
- a **derivation**: a section of \`proofs/\` whose heading starts with the id;
- a **property**: a test of \`properties/claims/\` whose name starts with the id, and for every group except DYN
  and PAP a *planted mistake* — a deliberately wrong implementation run through the property, which must fail.

\`properties/claims/registry.test.ts\` keeps the registry, the properties and the derivations in step; the ledger
printed at the end of \`npm test\` shows each claim's status, cases, seed and planted mistakes.`;

const CLAIMS_CONVENTIONS = `## Conventions

Constants in the statements depend on these; a different convention changes them.

- σ(z) = 1/(1 + e^−z), σ′ = σ(1 − σ) = σ(z)σ(−z); p = σ(z). softmax(z)_k = e^{z_k}/Σ_j e^{z_j};
  LSE(z) = log Σ_j e^{z_j}; J(p) = diag(p) − p·pᵀ (symmetric, positive semidefinite, J·1 = 0).
- BCE(p, y) = −y·log p − (1 − y)·log(1 − p) for y ∈ [0, 1]; with logits BCE(z, y) = softplus(z) − y·z.
  CE(q, p) = −Σ_j q_j·log p_j; for a one-hot target e_y it is −log p_y = LSE(z) − z_y.
- SE is the **plain sum of squares** ‖p − y‖² ((p − y)² for one output): not ½·SE, which halves every gradient
  bound, and not a framework's mean over K outputs (PyTorch's \`MSELoss\`), which divides by K.
- Margin form: labels t ∈ {−1, +1}, margin m = t·f; logistic(m) = log(1 + e^−m) is BCE with y = (t + 1)/2;
  hinge(m) = max(0, 1 − m).
- Logs are natural. "Misclassified" means arg max_j p_j ≠ y, ties counted as misclassified.`;

const CLAIMS_CHECKING = `## How claims are checked

- **Against the exact reference, never by evaluating the other side in floating point.** σ(−z) = 1 − σ(z) holds in
  the reals, but the float64 expression \`1 - sigmoid(z)\` is wrong for z > 36.74 (the textbook 1/(1 + e^−z) rounds
  to 1 there, and the difference is 0); a property compares each side with the reference
  ([error-metric.md](error-metric.md)), or evaluates both sides in decimal.js.
- **Inequalities** are decided at high precision (decimal.js, the digits raised with |z|), with the slack written
  in the property; many are tight (equality at z = 0, at p = e_y, at uniform wrong mass).
- **Asymptotic claims** (ASYM) are tested through their exact non-asymptotic envelopes, e.g.
  e^−|z|/4 ≤ σ(1 − σ) ≤ e^−|z|, never through a limit.
- **Dynamics claims** (DYN) iterate gradient descent in decimal.js with the catalogue's reference gradients
  (\`proofs/dynamics.md\` states the rounding slack of the order comparisons).
- **Statistical claims** (STAT) are seeded experiments with a stated margin; \`FC_SEED\` replays a property's run.`;

/** The proofs/ section of a claim, and the property files and planted mistakes that name it. */
interface ClaimIndex {
  heading: (id: string) => string | undefined;
  properties: (id: string) => { file: string; count: number }[];
  planted: (id: string) => number;
}

function claimIndex(root: string): ClaimIndex {
  const sections = scanProofSections(root);
  const tests = scanTestNames(root).map((t) => ({ ...t, role: roleOfTest(t.name) as TestRole }));
  return {
    heading: (id) => sections.find((s) => s.id === id)?.heading,
    properties: (id) => {
      const files = new Map<string, number>();
      for (const t of tests)
        if (t.role.role === 'claim' && t.role.id === id) files.set(t.file, (files.get(t.file) ?? 0) + 1);
      return [...files].map(([file, count]) => ({ file, count }));
    },
    planted: (id) => tests.filter((t) => t.role.role === 'planted' && t.role.id === id).length,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function claimSection(c: Claim, idx: ClaimIndex): string[] {
  const props = idx.properties(c.id);
  const heading = idx.heading(c.id);
  const planted = idx.planted(c.id);
  const out = [`### ${c.id}`, '', c.statement, ''];
  out.push(
    `- Kinds: ${c.kinds.join(', ')}.`,
    `- Source: ${c.source}.`.replace(/\.\.$/, '.'),
    `- Concerns: ${c.concerns.length === 0 ? 'no catalogue id (pure mathematics)' : c.concerns.map((id) => `[${code(id)}](catalogue.md#${id.toLowerCase()})`).join(', ')}.`,
    `- Derivation: [${c.proof}](../${c.proof})${heading === undefined ? '' : `, section “${heading}”`}.`,
    `- Property: ${
      props.length === 0
        ? 'none'
        : props.map((p) => `[${p.file}](../${p.file}) (${plural(p.count, 'test')})`).join(', ')
    }${planted > 0 ? `; ${plural(planted, 'planted mistake')}` : ''}.`,
    '',
  );
  return out;
}

/** docs/claims.md; `root` is where the property files and proofs are scanned. */
export function renderClaims(root: string = ROOT): string {
  const idx = claimIndex(root);
  const out: string[] = [banner('the claims registry (src/claims/)'), '', CLAIMS_INTRO, ''];
  out.push(
    '## Kinds',
    '',
    ...table(
      ['kind', 'meaning'],
      Object.entries(CLAIM_KINDS).map(([k, v]) => [k, v]),
    ),
    '',
  );
  out.push(CLAIMS_CONVENTIONS, '', CLAIMS_CHECKING, '');
  const groups = [...new Set(claims.map((c) => c.group))] as ClaimGroup[];
  out.push('## Groups', '');
  out.push(
    ...table(
      ['group', 'about', 'claims', 'derivations', 'properties'],
      groups.map((g) => {
        const mine = claims.filter((c) => c.group === g);
        const proofs = [...new Set(mine.map((c) => c.proof))];
        const files = [...new Set(mine.flatMap((c) => idx.properties(c.id).map((p) => p.file)))].sort();
        return [
          `[${g}](#${g.toLowerCase()})`,
          CLAIM_GROUPS[g],
          mine.map((c) => `[${c.id}](#${c.id.toLowerCase()})`).join(', '),
          proofs.map((p) => `[${p}](../${p})`).join(', '),
          files.map((f) => `[${f}](../${f})`).join(', '),
        ];
      }),
    ),
    '',
  );
  for (const g of groups) {
    out.push(`## ${g}`, '', `${CLAIM_GROUPS[g][0]?.toUpperCase()}${CLAIM_GROUPS[g].slice(1)}.`, '');
    for (const c of claims.filter((x) => x.group === g)) out.push(...claimSection(c, idx));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------- both

/** Every generated file's path (relative to the root) and text. */
export function renderDocs(root: string = ROOT): Record<(typeof GENERATED_FILES)[number], string> {
  return { 'docs/catalogue.md': renderCatalogue(), 'docs/claims.md': renderClaims(root) };
}

/** The generated files whose committed text differs from the registries' (missing files included). */
export function staleFiles(root: string = ROOT): string[] {
  const docs = renderDocs(root);
  return GENERATED_FILES.filter((f) => {
    try {
      return readFileSync(join(root, f), 'utf8') !== docs[f];
    } catch {
      return true;
    }
  });
}

function main(argv: readonly string[]): number {
  if (argv.includes('--check')) {
    const stale = staleFiles();
    for (const f of stale) process.stderr.write(`${f} is stale: run ${REGENERATE}\n`);
    return stale.length === 0 ? 0 : 1;
  }
  const docs = renderDocs();
  for (const f of GENERATED_FILES) {
    writeFileSync(join(ROOT, f), docs[f]);
    process.stdout.write(`wrote ${f}\n`);
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
