/**
 * The shape of a claim: one entry of CLAIMS.md §3, groups A–I. The claims registry is the single
 * list that the properties, the proofs and the reports read.
 */

/** ID exact identity · INEQ inequality · ASYM asymptotic (tested through an exact envelope) ·
 * CEX counterexample · DYN deterministic dynamics · STAT statistical. A claim may carry several. */
export type ClaimKind = 'ID' | 'INEQ' | 'ASYM' | 'CEX' | 'DYN' | 'STAT';

/** The groups of CLAIMS.md §3, with the prefix their ids use. */
export type ClaimGroup = 'SIG' | 'SMX' | 'EQ' | 'MLE' | 'PROP' | 'PEN' | 'MAR' | 'CVX' | 'DYN' | 'PAP';

export interface Claim {
  /** Stable id from CLAIMS.md, e.g. 'SIG-3'. Property names start with it. */
  readonly id: string;
  readonly group: ClaimGroup;
  readonly kinds: readonly ClaimKind[];
  /** The one-line statement, with its conditions. */
  readonly statement: string;
  /** The seed phrase or paper the claim makes precise. */
  readonly source: string;
  /** Catalogue ids the claim concerns (may be empty for claims about pure mathematics). */
  readonly concerns: readonly string[];
  /** The proofs/ file holding its derivation, e.g. 'proofs/sigmoid.md'. */
  readonly proof: string;
}

export function defineClaims(claims: readonly Claim[]): readonly Claim[] {
  return claims;
}
