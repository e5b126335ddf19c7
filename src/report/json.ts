/**
 * JSON for reports: non-finite numbers and −0 are encoded as `eval` encodes arguments (docs/eval.md)
 * ("NaN", "Infinity", "-Infinity", "-0"), so that a report round-trips every float exactly.
 */
export function encodeFloat(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

/** JSON.stringify with float encoding applied to every number. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' ? encodeFloat(v) : v), indent);
}

/** Decodes one float as encoded by `encodeFloat`. */
export function decodeFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (v === '-0') return -0;
  throw new TypeError(`not an encoded float: ${JSON.stringify(v)}`);
}
