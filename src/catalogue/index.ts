/**
 * The catalogue registry: every catalogue id (docs/catalogue.md is generated from it), one entry each,
 * gathered from the family files. This is the only list of ids; everything else iterates over it.
 */
import { entries as distribution } from './distribution.ts';
import { entries as likelihood } from './likelihood.ts';
import { entries as margin } from './margin.ts';
import { entries as regression } from './regression.ts';
import { entries as sigmoid } from './sigmoid.ts';
import { entries as softmax } from './softmax.ts';
import type { CatalogueEntry } from './types.ts';

/** Every entry, family by family: the order of docs/catalogue.md and of the audit. */
export const catalogue: readonly CatalogueEntry[] = [
  ...sigmoid,
  ...regression,
  ...margin,
  ...likelihood,
  ...softmax,
  ...distribution,
];

const byId = new Map(catalogue.map((e) => [e.id, e] as const));
if (byId.size !== catalogue.length) throw new Error('catalogue: duplicate id');

/** The entry for an id, or undefined. */
export function findEntry(id: string): CatalogueEntry | undefined {
  return byId.get(id);
}

/** The entry for an id; throws a clear error naming the id when there is none. */
export function getEntry(id: string): CatalogueEntry {
  const e = byId.get(id);
  if (e === undefined) throw new RangeError(`unknown catalogue id ${JSON.stringify(id)}`);
  return e;
}

export type { ArgKind, ArgSpec, CatalogueEntry, FloatArg, FloatResult, Implementation } from './types.ts';
