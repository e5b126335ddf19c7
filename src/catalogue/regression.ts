/** Catalogue entries of the regression family (see types.ts for the shape of an entry). */
import type { CatalogueEntry } from './types.ts';

export const entries: readonly CatalogueEntry[] = [];
