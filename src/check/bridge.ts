/**
 * Synchronous, time-limited calls into a user's module running in a worker thread.
 *
 * The audit calls subjects synchronously, and synchronous JavaScript cannot be interrupted on its
 * own thread: an export that never returns would hang the run. So the module is loaded in a worker
 * (worker.js), and each call posts the arguments to it and blocks on `Atomics.wait` over a shared
 * flag with a time limit. The worker posts the reply and then raises the flag; the reply is taken
 * with `receiveMessageOnPort`, with no event-loop turn. On a timeout the worker is terminated
 * (V8 stops the running script) and the host is dead: later calls report the earlier hang.
 *
 * Arguments and results cross the thread boundary by structured clone, which keeps −0, NaN and ±∞.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** The outcome of one call. */
export type CallOutcome =
  | { kind: 'value'; value: unknown }
  | { kind: 'error'; message: string }
  | { kind: 'timeout'; ms: number };

export interface LoadedModule {
  /** Exported names whose values are functions. */
  functions: string[];
  /** Exported names whose values are not functions. */
  others: string[];
}

/** Thrown by `ModuleHost.open` when the module cannot be loaded (missing, syntax error, throws at load, hangs). */
export class ModuleLoadError extends Error {
  override name = 'ModuleLoadError';
}

type Reply =
  | { type: 'load-error'; message: string }
  | { type: 'loaded'; functions: string[]; others: string[] }
  | { ok: true; value: unknown }
  | { ok: false; error: string };

/** One worker thread holding one instance of the module. */
export class ModuleHost {
  private dead: string | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly flag: Int32Array,
    readonly module: LoadedModule,
  ) {}

  /**
   * Starts a worker and loads the module at `url` (a file: URL) in it, waiting at most `loadMs`.
   * The worker's stdout and stderr are forwarded to this process's stderr, so a module that logs
   * cannot corrupt a JSON report on stdout.
   */
  static open(url: string, loadMs: number): ModuleHost {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER_URL, {
      workerData: { url, port: port2, flag },
      transferList: [port2],
      stdout: true,
      stderr: true,
    });
    worker.stdout.on('data', (d: Buffer) => process.stderr.write(d));
    worker.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    // The worker's own failure (e.g. out of memory) also ends up as a timeout or load error here.
    worker.on('error', () => {});
    const first = waitReply(port1, flag, loadMs);
    if (first === 'timeout') {
      void worker.terminate();
      port1.close();
      throw new ModuleLoadError(`the module did not finish loading within ${loadMs} ms`);
    }
    if ('type' in first && first.type === 'load-error') {
      void worker.terminate();
      port1.close();
      throw new ModuleLoadError(first.message);
    }
    if (!('type' in first) || first.type !== 'loaded') throw new Error('check worker: unexpected first message');
    return new ModuleHost(worker, port1, flag, { functions: first.functions, others: first.others });
  }

  /** Calls export `name` with `args`, waiting at most `timeoutMs`. Never throws. */
  call(name: string, args: readonly unknown[], timeoutMs: number): CallOutcome {
    if (this.dead !== undefined) return { kind: 'error', message: this.dead };
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ name, args });
    const reply = waitReply(this.port, this.flag, timeoutMs);
    if (reply === 'timeout') {
      this.dead = `not called: an earlier call did not return within ${timeoutMs} ms`;
      this.close();
      return { kind: 'timeout', ms: timeoutMs };
    }
    if ('ok' in reply)
      return reply.ok ? { kind: 'value', value: reply.value } : { kind: 'error', message: reply.error };
    return { kind: 'error', message: 'check worker: unexpected message' };
  }

  /** Stops the worker (also one stuck in an endless loop). */
  close(): void {
    this.dead ??= 'the module host was closed';
    this.port.close();
    void this.worker.terminate();
  }
}

/** Blocks until the worker raises the flag (or the time is up) and takes its message. */
function waitReply(port: MessagePort, flag: Int32Array, ms: number): Reply | 'timeout' {
  if (Atomics.wait(flag, 0, 0, ms) === 'timed-out') return 'timeout';
  // The worker posts before it raises the flag, so the message is normally there already; allow
  // a few milliseconds for the port to make it visible.
  for (let i = 0; i < 100; i++) {
    const msg = receiveMessageOnPort(port);
    if (msg !== undefined) return msg.message as Reply;
    Atomics.wait(flag, 0, 1, 1); // the flag stays 1: a 1 ms sleep
  }
  throw new Error('check worker raised its flag but sent no message');
}
