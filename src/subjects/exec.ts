/**
 * Any program as an audit subject: the JSON-lines protocol of docs/protocol.md over the child's
 * stdin/stdout, so that an implementation in Python, Julia, C, … is audited like a JavaScript one.
 *
 * ## Why synchronous IPC (a worker thread and Atomics.wait), not a pre-pass
 *
 * `Subject` is synchronous, and the audit does not know its inputs in advance: after the sampled
 * inputs of a regime, the climb chooses each next input from the previous error, and fast-check's
 * shrinking chooses each candidate from the previous verdict. A pre-pass that sent a regime's sampled
 * inputs in one batch would leave the climb and the shrink without answers (or would have to disable
 * them, auditing the foreign subject less well than the own kernels). So every call is a real request:
 * a worker thread (exec-worker.js) owns the child and its pipes, the main thread posts the request
 * and blocks in `Atomics.wait` on a shared counter the worker bumps after every message, with the
 * per-request time limit as the wait's timeout. A round trip through a pipe costs tens of
 * microseconds, far below the reference evaluation of the same input (about a millisecond). Batches
 * (several argument lists per request) are part of the protocol and available as `callBatch`; the
 * audit sends batches of one.
 *
 * ## Faults
 *
 * A subject that exits, does not answer within the time limit, answers another request's id, or
 * prints a line that is not a reply is a *fault* for the id being audited: the fault is recorded
 * (`faults`), the child is killed, every later call for that id throws at once with the fault's
 * message (the audit records each as an infinite error, verdict wrong), and the next id starts a
 * fresh child. A reply that reports an error for one input (`{"error": …}`) or a value that is not a
 * float is not a fault: that input's result is an error and the run goes on with the same child.
 * The child leads its own process group, and `close()` (also on failure paths, and at process exit
 * as a last resort) kills the whole group.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { AuditAbort, type Subject } from '../audit/measure.ts';
import type { SubjectSet } from '../audit/run.ts';
import { catalogue, findEntry } from '../catalogue/index.ts';
import type { CatalogueEntry, FloatArg, FloatResult } from '../catalogue/types.ts';
import {
  type CheckedFunction,
  type CheckOptions,
  type CheckReport,
  checkOne,
  conformResult,
  replayCommand,
} from '../check/run.ts';
import type { Dtype } from '../numeric/float.ts';
import { FOREIGN_BUDGET_ULPS } from './index.ts';

const WORKER_URL = new URL('./exec-worker.js', import.meta.url);

/** The handshake's `protocol` field and the version this host speaks. */
export const PROTOCOL = 'lossproof-subject';
export const PROTOCOL_VERSION = 1;

/** Defaults (ms): per request, for the handshake after a start, and for a clean exit at close. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
export const DEFAULT_START_TIMEOUT_MS = 10_000;
export const DEFAULT_GRACE_MS = 500;

export interface ExecOptions {
  /** Time limit per request, ms (default 5000). */
  timeoutMs?: number;
  /** Time limit from start to the handshake line, ms (default 10 000). */
  startMs?: number;
  /** Time a subject gets to exit after its stdin is closed before it is killed, ms (default 500). */
  graceMs?: number;
  /** The float format results are judged in; default: the handshake's `dtype`, else float64. */
  dtype?: Dtype;
  /** ULP budget (default FOREIGN_BUDGET_ULPS). */
  budget?: number;
  /** Report name (default `exec:<handshake name or command>`). */
  name?: string;
  /** Working directory of the command (default: this process's). */
  cwd?: string;
  /** 'inherit' copies the subject's stderr to ours; 'tail' (default) keeps its last lines for fault reports. */
  stderr?: 'inherit' | 'tail';
}

export type FaultKind = 'start' | 'died' | 'timeout' | 'out-of-order' | 'garbage' | 'protocol';

/** A fault of the subject while auditing one id. */
export interface ExecFault {
  id: string;
  kind: FaultKind;
  message: string;
  /** The arguments of the request that was pending. */
  args?: FloatArg[];
}

/** The subject could not be started, or its first line was not a valid handshake. */
export class ExecStartError extends Error {
  override name = 'ExecStartError';
}

class FaultError extends Error {
  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message);
  }
}

/** One input's raw reply: an encoded value, or an error the subject reported for it. */
type RawResult = unknown;

type FromWorker =
  | { gen: number; type: 'started'; pid: number }
  | { gen: number; type: 'spawn-error'; message: string }
  | { gen: number; type: 'line'; text: string }
  | { gen: number; type: 'stderr'; text: string }
  | { gen: number; type: 'exit'; code: number | null; signal: string | null }
  | { gen: number; type: 'closed' };

/** The handshake: the first line a subject prints. */
export interface Hello {
  protocol: typeof PROTOCOL;
  version: number;
  name?: string;
  ids: string[];
  dtype?: Dtype;
}

// ---- encoding (docs/protocol.md, as docs/eval.md) ----

/** Encodes a float for the wire: a JSON number, or "NaN", "Infinity", "-Infinity", "-0". */
export function encodeFloat(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  // JSON.stringify(-0) is "0": the sign of a zero needs the string.
  if (x === 0 && 1 / x < 0) return '-0';
  return x;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Decodes a wire float; throws a plain Error naming the value when it is not one. */
export function decodeFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (v === 'NaN') return Number.NaN;
    if (v === 'Infinity') return Number.POSITIVE_INFINITY;
    if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
    if (v === '-0') return -0;
    // A decimal string denotes the double nearest to it; Number() rounds correctly.
    if (DECIMAL.test(v)) return Number(v);
  }
  throw new Error(`the subject returned ${JSON.stringify(v)}, which is not a float (docs/protocol.md encoding)`);
}

function encodeArgs(args: readonly FloatArg[]): unknown[] {
  return args.map((a) => (Array.isArray(a) ? a.map(encodeFloat) : encodeFloat(a as number)));
}

function decodeResult(raw: RawResult): unknown {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'error' in raw) {
    throw new Error(`the subject reported an error: ${String((raw as { error: unknown }).error)}`);
  }
  return Array.isArray(raw) ? raw.map(decodeFloat) : decodeFloat(raw);
}

const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}…` : s);

// ---- the host: one worker thread, one child at a time ----

class ExecHost {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private consumed = 0;
  private gen = 0;
  private pid: number | undefined;
  private running = false;
  private nextId = 1;
  private closed = false;
  readonly stderrTail: string[] = [];
  private readonly onProcessExit = () => this.killNow();

  constructor(
    readonly command: string,
    private readonly opts: ExecOptions,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_URL, {
      workerData: { command, cwd: opts.cwd ?? process.cwd(), port: port2, flag: this.flag },
      transferList: [port2],
    });
    this.worker.on('error', () => {});
    process.on('exit', this.onProcessExit);
  }

  /** Blocks until the worker's next message (stderr lines are absorbed) or the deadline. */
  private next(deadline: number): FromWorker | 'timeout' {
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m !== undefined) {
        this.consumed++;
        const msg = m.message as FromWorker;
        if (msg.type === 'stderr') {
          this.stderrTail.push(msg.text);
          if (this.stderrTail.length > 20) this.stderrTail.shift();
          if (this.opts.stderr === 'inherit') process.stderr.write(`${msg.text}\n`);
          continue;
        }
        // A line or exit of a child killed earlier is never an answer for its successor.
        if (msg.type !== 'closed' && msg.gen !== this.gen) continue;
        return msg;
      }
      const left = deadline - performance.now();
      if (left <= 0) return 'timeout';
      const posted = Atomics.load(this.flag, 0);
      // Posted but not yet visible on the port: look again in a moment.
      if (posted > this.consumed) Atomics.wait(this.flag, 0, posted, Math.min(1, left));
      else Atomics.wait(this.flag, 0, posted, left);
    }
  }

  private stderrNote(): string {
    const tail = this.stderrTail.slice(-5).join(' | ');
    return tail === '' ? '' : `; its stderr ended with: ${clip(tail, 400)}`;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** The process id of the last child started (the leader of its process group). */
  get lastPid(): number | undefined {
    return this.pid;
  }

  /** Starts a (new) child and reads its handshake. Throws ExecStartError. */
  start(): Hello {
    if (this.closed) throw new ExecStartError('the exec subject was closed');
    this.port.postMessage({ type: 'start' });
    this.gen++;
    this.stderrTail.length = 0;
    const startMs = this.opts.startMs ?? DEFAULT_START_TIMEOUT_MS;
    const deadline = performance.now() + startMs;
    for (;;) {
      const msg = this.next(deadline);
      if (msg === 'timeout') {
        this.kill();
        throw new ExecStartError(`no handshake line within ${startMs} ms of starting ${JSON.stringify(this.command)}`);
      }
      if (msg.type === 'started') {
        this.pid = msg.pid;
        this.running = true;
      } else if (msg.type === 'spawn-error') {
        this.running = false;
        throw new ExecStartError(`could not start ${JSON.stringify(this.command)}: ${msg.message}`);
      } else if (msg.type === 'exit') {
        this.running = false;
        throw new ExecStartError(
          `${JSON.stringify(this.command)} exited (${exitText(msg)}) before its handshake${this.stderrNote()}`,
        );
      } else if (msg.type === 'line') {
        if (msg.text.trim() === '') continue;
        try {
          return parseHello(msg.text);
        } catch (e) {
          this.kill();
          throw e;
        }
      }
    }
  }

  /** Kills the current child (its process group). */
  kill(): void {
    if (!this.running) return;
    this.running = false;
    this.port.postMessage({ type: 'kill' });
  }

  /** Sends one request and waits for its reply. Throws FaultError (the child is then killed). */
  request(fn: string, batch: readonly (readonly FloatArg[])[]): RawResult[] {
    const id = this.nextId++;
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.port.postMessage({ type: 'send', line: JSON.stringify({ id, fn, args: batch.map(encodeArgs) }) });
    const deadline = performance.now() + timeoutMs;
    const fail = (kind: FaultKind, message: string): never => {
      this.kill();
      throw new FaultError(kind, message);
    };
    for (;;) {
      const msg = this.next(deadline);
      if (msg === 'timeout') return fail('timeout', `no reply to request ${id} (${fn}) within ${timeoutMs} ms`);
      if (msg.type === 'exit') {
        this.running = false;
        return fail(
          'died',
          `the subject exited (${exitText(msg)}) while request ${id} (${fn}) was pending${this.stderrNote()}`,
        );
      }
      if (msg.type !== 'line') continue;
      if (msg.text.trim() === '') continue;
      let reply: unknown;
      try {
        reply = JSON.parse(msg.text);
      } catch {
        const hint = /\b(NaN|-?Infinity)\b/.test(msg.text)
          ? ' (bare NaN/Infinity are not JSON: send them as strings)'
          : '';
        return fail(
          'garbage',
          `printed a line that is not JSON while request ${id} (${fn}) was pending${hint}: ${clip(JSON.stringify(msg.text))}`,
        );
      }
      if (reply === null || typeof reply !== 'object' || typeof (reply as { id?: unknown }).id !== 'number') {
        return fail(
          'garbage',
          `printed a line that is not a reply (no numeric "id") while request ${id} (${fn}) was pending: ${clip(msg.text)}`,
        );
      }
      const r = reply as { id: number; results?: unknown; error?: unknown };
      if (r.id !== id) {
        return fail(
          'out-of-order',
          `answered request ${r.id} while request ${id} (${fn}) was the one pending: replies must carry the id of the request they answer`,
        );
      }
      if (r.error !== undefined) return batch.map(() => ({ error: String(r.error) }));
      if (!Array.isArray(r.results) || r.results.length !== batch.length) {
        return fail(
          'protocol',
          `reply ${id} (${fn}) must have "results", an array of ${batch.length} result(s); got ${clip(msg.text)}`,
        );
      }
      return r.results;
    }
  }

  /** Closes stdin, gives the child `graceMs` to exit, kills its group, stops the worker. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const graceMs = this.opts.graceMs ?? DEFAULT_GRACE_MS;
    this.port.postMessage({ type: 'close', graceMs });
    const deadline = performance.now() + graceMs + 2000;
    let done = false;
    while (!done) {
      const msg = this.next(deadline);
      if (msg === 'timeout') break;
      if (msg.type === 'closed') done = true;
    }
    // The worker killed the group; if it did not confirm, do it from here.
    if (!done) this.killNow();
    this.running = false;
    process.off('exit', this.onProcessExit);
    this.port.close();
    void this.worker.terminate();
  }

  /** Last resort (process exit, a worker that did not confirm): SIGKILL to the child's group. */
  private killNow(): void {
    if (this.pid === undefined || !this.running) return;
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function exitText(msg: { code: number | null; signal: string | null }): string {
  return msg.signal !== null ? `signal ${msg.signal}` : `exit code ${msg.code}`;
}

function parseHello(text: string): Hello {
  let h: unknown;
  try {
    h = JSON.parse(text);
  } catch {
    throw new ExecStartError(`the first line is not a JSON handshake: ${clip(JSON.stringify(text))}`);
  }
  const o = h as Partial<Hello> | null;
  if (o === null || typeof o !== 'object' || o.protocol !== PROTOCOL) {
    throw new ExecStartError(`the first line must be a handshake with "protocol": "${PROTOCOL}"; got ${clip(text)}`);
  }
  if (o.version !== PROTOCOL_VERSION) {
    throw new ExecStartError(
      `protocol version ${String(o.version)} is not supported (this host speaks ${PROTOCOL_VERSION})`,
    );
  }
  if (!Array.isArray(o.ids) || !o.ids.every((s) => typeof s === 'string')) {
    throw new ExecStartError('the handshake must list "ids", an array of catalogue ids');
  }
  if (o.dtype !== undefined && o.dtype !== 'float64' && o.dtype !== 'float32') {
    throw new ExecStartError(`handshake "dtype" must be "float64" or "float32"; got ${JSON.stringify(o.dtype)}`);
  }
  return o as Hello;
}

// ---- the subject set ----

/** An exec subject set: the audit's SubjectSet plus what the protocol adds. */
export interface ExecSubjectSet extends SubjectSet {
  /** Catalogue ids the subject implements (from its handshake). */
  readonly ids: readonly string[];
  /** Ids in the handshake that are not catalogue ids (ignored). */
  readonly unknownIds: readonly string[];
  readonly hello: Hello;
  /** The process id of the last child started (it leads its own process group); for diagnostics. */
  readonly pid: number | undefined;
  /** Faults so far, at most one per id. */
  readonly faults: readonly ExecFault[];
  /** One request with several argument lists; each result decoded, or {error} for that input. Throws on a fault. */
  callBatch(id: string, batch: readonly (readonly FloatArg[])[]): Array<FloatResult | { error: string }>;
  /** Kills the child and stops the worker. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts `command` (through the shell, in its own process group), reads its handshake, and returns it
 * as a subject set. Rejects with ExecStartError when it cannot be started or its handshake is invalid
 * (the child is killed then too).
 */
export async function execSubject(command: string, opts: ExecOptions = {}): Promise<ExecSubjectSet> {
  const host = new ExecHost(command, opts);
  let hello: Hello;
  try {
    hello = host.start();
  } catch (e) {
    host.close();
    throw e;
  }
  const ids = hello.ids.filter((id) => findEntry(id) !== undefined);
  const unknownIds = hello.ids.filter((id) => findEntry(id) === undefined);
  const supported = new Set(ids);
  const faults = new Map<string, ExecFault>();

  /** Calls with a running child, restarting one after an earlier fault; records a fault for `id`. */
  const call = (id: string, batch: readonly (readonly FloatArg[])[]): RawResult[] => {
    const earlier = faults.get(id);
    if (earlier !== undefined) throw new Error(`not called: ${earlier.message}`);
    try {
      if (!host.isRunning) host.start();
      return host.request(id, batch);
    } catch (e) {
      const kind: FaultKind = e instanceof FaultError ? e.kind : 'start';
      const message = e instanceof Error ? e.message : String(e);
      faults.set(id, { id, kind, message, ...(batch.length === 1 ? { args: [...(batch[0] as FloatArg[])] } : {}) });
      throw new Error(message);
    }
  };

  const subjects = new Map<string, Subject>();
  const subjectFor = (entry: CatalogueEntry): Subject => {
    let s = subjects.get(entry.id);
    if (s === undefined) {
      s = (...args: FloatArg[]) => conformResult(entry, decodeResult(call(entry.id, [args])[0]), args);
      subjects.set(entry.id, s);
    }
    return s;
  };

  const dtype = opts.dtype ?? hello.dtype ?? 'float64';
  const budget = opts.budget ?? FOREIGN_BUDGET_ULPS;
  return {
    name: opts.name ?? `exec:${hello.name ?? command}`,
    dtype,
    budget: () => budget,
    get: (entry) => (supported.has(entry.id) ? subjectFor(entry) : undefined),
    ids,
    unknownIds,
    hello,
    get faults() {
      return [...faults.values()];
    },
    get pid() {
      return host.lastPid;
    },
    callBatch: (id, batch) => {
      const entry = findEntry(id);
      if (entry === undefined || !supported.has(id)) throw new RangeError(`the subject does not provide ${id}`);
      return call(id, batch).map((raw, i) => {
        try {
          return conformResult(entry, decodeResult(raw), batch[i] as FloatArg[]);
        } catch (e) {
          return { error: e instanceof Error ? e.message : String(e) };
        }
      });
    },
    close: async () => host.close(),
  };
}

// ---- `lossproof check --exec "COMMAND"` ----

export interface ExecCheckOptions extends CheckOptions, Omit<ExecOptions, 'dtype' | 'budget'> {
  /** Called with each function's result as soon as it is known. */
  onFunction?: (f: CheckedFunction) => void;
}

/** A check report for an exec subject: the module field holds the command. */
export interface ExecCheckReport extends CheckReport {
  exec: { command: string; name?: string; faults: ExecFault[] };
}

/**
 * `lossproof check --exec "COMMAND"` (docs/check.md for a program speaking docs/protocol.md): checks every
 * catalogue id in the subject's handshake, in catalogue order, like `checkModule` does for a JS module.
 * A request that times out ends that function's audit at once (reported as a timeout problem, as for
 * a JS export that never returns); the other faults fail the function with their message as the
 * result of every later input. The child is killed at the end, also when the check throws.
 * Rejects with ExecStartError when the subject cannot be started (exit status 2 for the CLI).
 */
export async function checkExec(command: string, opts: ExecCheckOptions): Promise<ExecCheckReport> {
  const t0 = performance.now();
  const set = await execSubject(command, { ...opts, dtype: opts.dtype, budget: opts.maxUlp });
  try {
    const functions: CheckedFunction[] = [];
    for (const entry of catalogue) {
      const inner = set.get(entry);
      if (inner === undefined) continue;
      let hung: { args: FloatArg[]; ms: number } | undefined;
      const subject: Subject = (...args: FloatArg[]) => {
        if (hung !== undefined) throw new AuditAbort(`an earlier call did not return within ${hung.ms} ms`);
        try {
          return inner(...args);
        } catch (e) {
          const f = set.faults.find((x) => x.id === entry.id);
          if (f?.kind === 'timeout' && hung === undefined) {
            hung = {
              args: f.args ?? args.map((a) => (Array.isArray(a) ? [...a] : a)),
              ms: opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
            };
            throw new AuditAbort(f.message);
          }
          throw e;
        }
      };
      const f = checkOne({ entry, subject, hung: () => hung }, opts);
      functions.push(f);
      opts.onFunction?.(f);
    }
    return {
      module: command,
      dtype: opts.dtype,
      seed: opts.seed,
      samples: opts.samples,
      maxUlp: opts.maxUlp,
      functions,
      ignored: [...set.unknownIds],
      pass: functions.every((f) => f.verdict === 'pass'),
      elapsedMs: performance.now() - t0,
      replay: replayCommand(`--exec ${JSON.stringify(command)}`, opts),
      exec: { command, ...(set.hello.name === undefined ? {} : { name: set.hello.name }), faults: [...set.faults] },
    };
  } finally {
    await set.close();
  }
}
