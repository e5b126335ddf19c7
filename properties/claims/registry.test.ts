/**
 * The claims registry meta-test: the registry, the properties and the derivations name the same
 * claims. Every claim has a property (a test in properties/claims whose name starts with its id) and
 * a derivation (a proofs/ section whose heading starts with its id, linking to the property file);
 * nothing names an id the registry does not hold; every claim group shows that its properties can
 * fail (a `planted <id> …` test). Conventions: `properties/_support/claim-index.ts`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { findEntry } from '../../src/catalogue/index.ts';
import { claims } from '../../src/claims/index.ts';
import { claimIdsIn, roleOfTest, scanProofSections, scanTestNames } from '../_support/claim-index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ids = new Set(claims.map((c) => c.id));
const tests = scanTestNames(root);
const sections = scanProofSections(root);

/** Groups that must show a planted mistake caught (DYN and PAP belong to another issue's rules). */
const GROUPS_WITH_PLANTED = new Set(['SIG', 'SMX', 'EQ', 'MLE', 'PROP', 'PEN', 'MAR', 'CVX']);

describe('claims registry', () => {
  test('registry: every claim is well formed (id matches group, proof file exists, concerns are catalogue ids)', () => {
    const problems: string[] = [];
    for (const c of claims) {
      if (!new RegExp(`^${c.group}-\\d+$`).test(c.id)) problems.push(`${c.id}: id does not match group ${c.group}`);
      if (c.kinds.length === 0) problems.push(`${c.id}: no kinds`);
      if (c.statement.trim() === '' || c.statement.includes('\n')) problems.push(`${c.id}: statement not one line`);
      if (c.source.trim() === '') problems.push(`${c.id}: no source`);
      if (!/^proofs\/[\w-]+\.md$/.test(c.proof) || !existsSync(`${root}${c.proof}`)) {
        problems.push(`${c.id}: proof file ${c.proof} does not exist`);
      }
      for (const e of c.concerns) if (findEntry(e) === undefined) problems.push(`${c.id}: unknown catalogue id ${e}`);
    }
    expect(problems).toEqual([]);
  });

  test('registry: every claim has at least one property in properties/claims', () => {
    const covered = new Set(tests.map((t) => roleOfTest(t.name)).flatMap((r) => (r.role === 'claim' ? [r.id] : [])));
    expect(claims.map((c) => c.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test('registry: every claim has one derivation section in its proof file, linking to its property file', () => {
    const problems: string[] = [];
    for (const c of claims) {
      const mine = sections.filter((s) => s.id === c.id);
      if (mine.length === 0) problems.push(`${c.id}: no section in proofs/`);
      else if (mine.length > 1) problems.push(`${c.id}: ${mine.length} sections`);
      for (const s of mine) {
        if (s.file !== c.proof) problems.push(`${c.id}: section in ${s.file}, registry says ${c.proof}`);
        const propertyFiles = new Set(tests.filter((t) => roleOfTest(t.name).id === c.id).map((t) => t.file));
        const links = [...propertyFiles].filter((f) => s.body.includes(f.replace(/^properties\//, '')));
        if (propertyFiles.size > 0 && links.length === 0) {
          problems.push(`${c.id}: section does not link to ${[...propertyFiles].join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('registry: test names are string literals (a static scan must see them)', () => {
    expect(tests.filter((t) => t.name.includes('${')).map((t) => `${t.file}:${t.line}`)).toEqual([]);
  });

  test('registry: no property names a claim id outside the registry', () => {
    const unknown = tests.flatMap((t) =>
      claimIdsIn(t.name)
        .filter((id) => !ids.has(id))
        .map((id) => `${t.file}:${t.line} ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  test('registry: no proofs/ section names a claim id outside the registry', () => {
    const unknown = sections.flatMap((s) =>
      claimIdsIn(`${s.heading}\n${s.body}`)
        .filter((id) => !ids.has(id))
        .map((id) => `${s.file} "${s.heading}": ${id}`),
    );
    expect([...new Set(unknown)]).toEqual([]);
  });

  test('registry: every claim group shows a planted mistake caught by its properties', () => {
    const groups = new Set(claims.map((c) => c.group).filter((g) => GROUPS_WITH_PLANTED.has(g)));
    const planted = new Set(
      tests
        .map((t) => roleOfTest(t.name))
        .filter((r) => r.role === 'planted' && r.id !== undefined && ids.has(r.id))
        .map((r) => (r.id as string).replace(/-\d+$/, '')),
    );
    expect([...groups].filter((g) => !planted.has(g))).toEqual([]);
  });
});
