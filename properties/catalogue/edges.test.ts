/**
 * The registry's edge tables (`edges` of every entry, printed in docs/catalogue.md) are well formed:
 * every id has one, each table holds a NaN argument giving NaN (docs/catalogue.md#values-at-the-edges,
 * rule 1), and each value has the id's result shape. The values themselves are asserted for the
 * reference, float64 and float32 by the family tests (sigmoid-reference, softmax-reference,
 * regression, margin, likelihood, distribution).
 */
import { describe, expect, test } from 'vitest';
import { catalogue } from '../../src/catalogue/index.ts';

const hasNaN = (a: unknown): boolean => (Array.isArray(a) ? a.some(hasNaN) : Number.isNaN(a));

describe('edge tables of the registry', () => {
  test('every id has edge values, including NaN in → NaN out', () => {
    const problems: string[] = [];
    for (const e of catalogue) {
      if (e.edges.length === 0) problems.push(`${e.id}: no edge values`);
      const nanIn = e.edges.filter((c) => c.args.some(hasNaN));
      if (nanIn.length === 0) problems.push(`${e.id}: no case with a NaN argument`);
      for (const c of nanIn) {
        const vs = typeof c.value === 'number' ? [c.value] : c.value;
        if (!vs.every(Number.isNaN)) problems.push(`${e.id}: a NaN argument gives ${JSON.stringify(c.value)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every edge value has the result shape and every edge case the arity of its id', () => {
    const problems: string[] = [];
    for (const e of catalogue) {
      for (const c of e.edges) {
        if (c.args.length !== e.args.length) problems.push(`${e.id}: ${c.note}: ${c.args.length} arguments`);
        const K = (c.args.find((a) => Array.isArray(a)) as readonly number[] | undefined)?.length;
        const ok = e.result === 'scalar' ? typeof c.value === 'number' : Array.isArray(c.value) && c.value.length === K;
        if (!ok) problems.push(`${e.id}: ${c.note}: value does not have the ${e.result} shape`);
        if (c.note.trim() === '') problems.push(`${e.id}: an edge case without a note`);
      }
    }
    expect(problems).toEqual([]);
  });
});
