/** Claims of group CVX (CLAIMS.md §3). */
import { defineClaims } from './types.ts';

export const claims = defineClaims([]);
