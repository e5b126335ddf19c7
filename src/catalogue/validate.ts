/**
 * Domain checks for the validated entry points (`eval`, the audit's climb, the package's `validateArgs`):
 * docs/catalogue.md#values-at-the-edges (rule 6) says arguments outside a function's domain are the
 * caller's error, answered with a clear error naming the argument and its value, never with a number. The
 * float kernels themselves assume valid input.
 */
import type { ArgSpec, CatalogueEntry, FloatArg } from './types.ts';

/** An argument error: a stable code, and a message that names the argument and the value. */
export class DomainError extends Error {
  constructor(
    readonly code: 'arity' | 'type' | 'domain' | 'length',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

function show(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Throws a DomainError when one scalar value is outside the domain of its kind. */
function checkScalar(spec: ArgSpec, x: number, where: string): void {
  const name = `${spec.name}${where}`;
  if (typeof x !== 'number') throw new DomainError('type', `argument ${name} must be a number, got ${typeof x}`);
  const kind = spec.kind.replace('Vec', '');
  switch (kind) {
    case 'real':
      return; // any double, NaN and ±∞ included (NaN gives NaN, ±∞ the limit)
    case 'prob':
      if (!(x >= 0 && x <= 1) && !Number.isNaN(x)) {
        throw new DomainError('domain', `argument ${name} is a probability and must lie in [0, 1], got ${show(x)}`);
      }
      return;
    case 'target':
      if (Number.isNaN(x)) throw new DomainError('domain', `argument ${name} is a target and must not be NaN`);
      if (!(x >= 0 && x <= 1)) {
        throw new DomainError('domain', `argument ${name} is a target and must lie in [0, 1], got ${show(x)}`);
      }
      return;
    case 'label':
      if (x !== 0 && x !== 1) {
        throw new DomainError('domain', `argument ${name} is a hard label and must be 0 or 1, got ${show(x)}`);
      }
      return;
    case 'sign':
      if (x !== 1 && x !== -1) {
        throw new DomainError('domain', `argument ${name} is a sign label and must be -1 or +1, got ${show(x)}`);
      }
      return;
    case 'variance':
      if (!(x > 0) && !Number.isNaN(x)) {
        throw new DomainError('domain', `argument ${name} is a variance and must be > 0, got ${show(x)}`);
      }
      return;
    default:
      throw new Error(`unknown argument kind ${spec.kind}`);
  }
}

/**
 * Checks arity, types, vector lengths and every argument's domain. Throws a DomainError naming the
 * first offending argument; returns nothing when all is well.
 */
export function validateArgs(entry: CatalogueEntry, args: readonly FloatArg[]): void {
  if (args.length !== entry.args.length) {
    const names = entry.args.map((a) => a.name).join(', ');
    throw new DomainError('arity', `${entry.id} takes ${entry.args.length} argument(s) (${names}), got ${args.length}`);
  }
  let length: number | undefined;
  let lengthFrom = '';
  entry.args.forEach((spec, i) => {
    const x = args[i];
    if (spec.kind.endsWith('Vec')) {
      if (!Array.isArray(x)) throw new DomainError('type', `argument ${spec.name} must be an array of numbers`);
      const min = entry.minLength ?? 1;
      if (x.length < min) {
        throw new DomainError(
          'length',
          `argument ${spec.name} must have at least ${min} component(s), got ${x.length}`,
        );
      }
      if (length !== undefined && x.length !== length) {
        throw new DomainError(
          'length',
          `argument ${spec.name} has ${x.length} component(s) but ${lengthFrom} has ${length}; vectors must be of equal length`,
        );
      }
      length = x.length;
      lengthFrom = spec.name;
      x.forEach((v, j) => {
        checkScalar(spec, v, `[${j}]`);
      });
    } else if (Array.isArray(x)) {
      throw new DomainError('type', `argument ${spec.name} must be a number, got an array`);
    } else if (spec.kind !== 'index') {
      checkScalar(spec, x as number, '');
    }
  });
  entry.args.forEach((spec, i) => {
    if (spec.kind !== 'index') return;
    const k = args[i] as number;
    const K = length ?? 0;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= K) {
      throw new DomainError(
        'domain',
        `argument ${spec.name} is a class index and must be an integer in [0, ${K - 1}], got ${typeof k === 'number' ? show(k) : typeof k}`,
      );
    }
  });
}
