/** Catalogue entries of the margin family (see types.ts for the shape of an entry). */
import type { CatalogueEntry } from './types.ts';

export const entries: readonly CatalogueEntry[] = [];
