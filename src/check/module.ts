/**
 * `check`'s view of a user's module: which exports are catalogue ids, and each of them as an audit
 * subject that runs in its own worker thread with a time limit per call (bridge.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AuditAbort, type Subject } from '../audit/measure.ts';
import { catalogue, findEntry } from '../catalogue/index.ts';
import type { FloatArg } from '../catalogue/types.ts';
import { ModuleHost, ModuleLoadError } from './bridge.ts';
import {
  type Candidate,
  type CheckedFunction,
  type CheckOptions,
  type CheckReport,
  checkOne,
  conformResult,
  replayCommand,
} from './run.ts';

export { ModuleLoadError } from './bridge.ts';

export interface ModuleCheckOptions extends CheckOptions {
  /** Time limit per call, in ms. */
  timeoutMs: number;
  /** Time limit for loading the module, in ms (default 10 000). */
  loadMs?: number;
  /** Called with each function's result as soon as it is known. */
  onFunction?: (f: CheckedFunction) => void;
}

/** The module path as a file: URL; throws ModuleLoadError when there is no such file. */
export function moduleUrl(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new ModuleLoadError(`no such file: ${abs}`);
  return pathToFileURL(abs).href;
}

/**
 * Loads `path` once to list its exports (throws ModuleLoadError when it cannot be loaded), then checks
 * every export named after a catalogue id, each in a fresh worker, in catalogue order.
 */
export function checkModule(path: string, opts: ModuleCheckOptions): CheckReport {
  const t0 = performance.now();
  const url = moduleUrl(path);
  const loadMs = opts.loadMs ?? 10_000;
  const probe = ModuleHost.open(url, loadMs);
  const { functions: fns, others } = probe.module;
  probe.close();
  const names = new Set([...fns, ...others]);
  const ignored = [...names].filter((n) => findEntry(n) === undefined).sort();
  const functions: CheckedFunction[] = [];
  for (const entry of catalogue) {
    if (!names.has(entry.id)) continue;
    let candidate: Candidate;
    let host: ModuleHost | undefined;
    if (!fns.includes(entry.id)) {
      candidate = { entry, notAFunction: `the export ${entry.id} is not a function` };
    } else {
      host = ModuleHost.open(url, loadMs);
      const h = host;
      let hung: { args: FloatArg[]; ms: number } | undefined;
      const subject: Subject = (...args: FloatArg[]) => {
        if (hung !== undefined) throw new AuditAbort(`an earlier call did not return within ${hung.ms} ms`);
        const out = h.call(entry.id, args, opts.timeoutMs);
        if (out.kind === 'timeout') {
          hung = { args: args.map((a) => (Array.isArray(a) ? [...a] : a)), ms: out.ms };
          throw new AuditAbort(`did not return within ${out.ms} ms`);
        }
        if (out.kind === 'error') throw new Error(out.message);
        return conformResult(entry, out.value, args);
      };
      candidate = { entry, subject, hung: () => hung };
    }
    try {
      const f = checkOne(candidate, opts);
      functions.push(f);
      opts.onFunction?.(f);
    } finally {
      host?.close();
    }
  }
  return {
    module: path,
    dtype: opts.dtype,
    seed: opts.seed,
    samples: opts.samples,
    maxUlp: opts.maxUlp,
    functions,
    ignored,
    pass: functions.every((f) => f.verdict === 'pass'),
    elapsedMs: performance.now() - t0,
    replay: replayCommand(path, opts),
  };
}
