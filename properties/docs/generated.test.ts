/**
 * docs/catalogue.md and docs/claims.md are generated from the registries by scripts/gen-docs.ts. This
 * regenerates both in memory and fails, naming the command to run, when a committed file differs — so
 * a change to an id's definition, arguments, budget or edge values, or to a claim, cannot leave its
 * documentation behind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GENERATED_FILES, REGENERATE, ROOT, renderDocs } from '../../scripts/gen-docs.ts';
import { catalogue } from '../../src/catalogue/index.ts';
import { claims } from '../../src/claims/index.ts';

/** The first line where two texts differ, for the failure message. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `line ${i + 1}:\n  committed: ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'}`;
    }
  }
  return 'no line differs';
}

describe('generated docs', () => {
  const docs = renderDocs(ROOT);
  for (const file of GENERATED_FILES) {
    test(`${file} is up to date with the registry`, () => {
      let committed: string;
      try {
        committed = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        throw new Error(`${file} is missing: run \`${REGENERATE}\``);
      }
      const generated = docs[file];
      if (committed !== generated) {
        throw new Error(
          `${file} is stale: run \`${REGENERATE}\` and commit the result (${firstDifference(committed, generated)})`,
        );
      }
      expect(committed).toBe(generated);
    });
  }

  test('every catalogue id has a section with its edge values, every claim a section', () => {
    const cat = docs['docs/catalogue.md'];
    for (const e of catalogue) {
      expect(cat).toContain(`### \`${e.id}\``);
      expect(cat).toContain(`Edge values of \`${e.id}\`:`);
    }
    for (const c of claims) expect(docs['docs/claims.md']).toContain(`### ${c.id}\n`);
  });
});
