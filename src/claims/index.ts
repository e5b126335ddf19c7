/** The claims registry: every claim, gathered from the group files (docs/claims.md is generated from it). */
import { claims as cvx } from './cvx.ts';
import { claims as dyn } from './dyn.ts';
import { claims as eq } from './eq.ts';
import { claims as mar } from './mar.ts';
import { claims as mle } from './mle.ts';
import { claims as pen } from './pen.ts';
import { claims as prop } from './prop.ts';
import { claims as sig } from './sig.ts';
import { claims as smx } from './smx.ts';
import type { Claim } from './types.ts';

export const claims: readonly Claim[] = [...sig, ...smx, ...eq, ...mle, ...prop, ...pen, ...mar, ...cvx, ...dyn];

const byId = new Map(claims.map((c) => [c.id, c] as const));
if (byId.size !== claims.length) throw new Error('claims: duplicate id');

export function getClaim(id: string): Claim {
  const c = byId.get(id);
  if (c === undefined) throw new RangeError(`unknown claim id ${JSON.stringify(id)}`);
  return c;
}

export type { Claim, ClaimGroup, ClaimKind } from './types.ts';
