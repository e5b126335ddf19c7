/** Claims of group EQ (CLAIMS.md §3). */
import { defineClaims } from './types.ts';

export const claims = defineClaims([]);
