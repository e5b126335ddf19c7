/** Claims of group MLE (CLAIMS.md §3). */
import { defineClaims } from './types.ts';

export const claims = defineClaims([]);
