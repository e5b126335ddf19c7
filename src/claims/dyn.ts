/** Claims of group DYN (CLAIMS.md §3 I) and the paper-level claims PAP (§3 J). */
import { defineClaims } from './types.ts';

export const claims = defineClaims([]);
