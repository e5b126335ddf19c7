/**
 * Where claim ids appear outside the registry: in the names of the claim properties
 * (`properties/claims/*.test.ts`) and in the section headings of the derivations (`proofs/*.md`).
 *
 * The ledger reporter and the registry meta-test both read this, so that "which property proves
 * SIG-3" has one answer. Conventions it relies on:
 *
 * - A claim property is a test whose name **starts** with the claim id (`'SIG-3 |∂SE| ≤ ½|∂BCE| …'`).
 * - A planted-mistake test (a deliberately wrong implementation run through the claim's property code
 *   and shown to fail) is a test whose name starts with `planted <id>` (`'planted SIG-2 …'`). It is
 *   evidence that the property can fail, not a case of the claim, and the ledger counts it apart.
 * - A derivation is a Markdown heading (`##` or `###`) that starts with the claim id.
 * - Test names are string literals (no template or computed names), so that a static scan finds them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every claim-id-shaped token: a group prefix, a dash, a number. */
export const CLAIM_TOKEN = /\b(SIG|SMX|EQ|MLE|PROP|PEN|MAR|CVX|DYN|PAP)-\d+\b/g;
const LEADING_ID = /^((?:SIG|SMX|EQ|MLE|PROP|PEN|MAR|CVX|DYN|PAP)-\d+)\b/;
const PLANTED_ID = /^planted ((?:SIG|SMX|EQ|MLE|PROP|PEN|MAR|CVX|DYN|PAP)-\d+)\b/;

/** What a test name says about claims. */
export interface TestRole {
  /** 'claim': a property of `id`; 'planted': a planted mistake against `id`'s property; 'other'. */
  readonly role: 'claim' | 'planted' | 'other';
  readonly id?: string;
}

/** Classifies a test by its name (see the module comment for the conventions). */
export function roleOfTest(name: string): TestRole {
  const claim = LEADING_ID.exec(name);
  if (claim) return { role: 'claim', id: claim[1] as string };
  const planted = PLANTED_ID.exec(name);
  if (planted) return { role: 'planted', id: planted[1] as string };
  return { role: 'other' };
}

/** Every claim-id-shaped token in a text. */
export function claimIdsIn(text: string): string[] {
  return [...text.matchAll(CLAIM_TOKEN)].map((m) => m[0]);
}

export interface ScannedTest {
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  readonly name: string;
  readonly line: number;
}

/**
 * Test names declared in `dir` (default properties/claims) by `test(...)` / `it(...)` and their
 * modifiers (`test.fails(...)`, `test.skip(...)`, …), read statically from the first string literal
 * argument.
 */
export function scanTestNames(root: string, dir = 'properties/claims'): ScannedTest[] {
  const abs = join(root, dir);
  let files: string[];
  try {
    files = readdirSync(abs).filter((f) => f.endsWith('.test.ts'));
  } catch {
    return [];
  }
  const decl = /\b(?:test|it)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  const out: ScannedTest[] = [];
  for (const f of files.sort()) {
    const text = readFileSync(join(abs, f), 'utf8');
    for (const m of text.matchAll(decl)) {
      const line = text.slice(0, m.index).split('\n').length;
      out.push({ file: relative(root, join(abs, f)).split('\\').join('/'), name: m[2] as string, line });
    }
  }
  return out;
}

export interface ProofSection {
  readonly file: string;
  /** The heading text without the leading #s. */
  readonly heading: string;
  /** The claim id the heading starts with, if any. */
  readonly id?: string;
  /** The section body, up to the next heading of the same or a higher level. */
  readonly body: string;
}

/** The `##` / `###` sections of every Markdown file under `dir` (default proofs). */
export function scanProofSections(root: string, dir = 'proofs'): ProofSection[] {
  const abs = join(root, dir);
  let files: string[];
  try {
    files = readdirSync(abs).filter((f) => f.endsWith('.md'));
  } catch {
    return [];
  }
  const out: ProofSection[] = [];
  for (const f of files.sort()) {
    const lines = readFileSync(join(abs, f), 'utf8').split('\n');
    const file = relative(root, join(abs, f)).split('\\').join('/');
    let inFence = false;
    const heads: { at: number; level: number; heading: string }[] = [];
    lines.forEach((l, i) => {
      if (l.startsWith('```')) inFence = !inFence;
      const h = inFence ? null : /^(#{2,3})\s+(.*)$/.exec(l);
      if (h) heads.push({ at: i, level: (h[1] as string).length, heading: (h[2] as string).trim() });
    });
    heads.forEach((h, j) => {
      let end = lines.length;
      for (let k = j + 1; k < heads.length; k++) {
        if ((heads[k] as (typeof heads)[number]).level <= h.level) {
          end = (heads[k] as (typeof heads)[number]).at;
          break;
        }
      }
      const id = LEADING_ID.exec(h.heading)?.[1];
      out.push({
        file,
        heading: h.heading,
        body: lines.slice(h.at + 1, end).join('\n'),
        ...(id === undefined ? {} : { id }),
      });
    });
  }
  return out;
}
