// The worker thread of an exec subject (exec.ts): owns the child process and its pipes.
//
// Plain JavaScript with Node built-ins only: the CLI's tsx hooks and vitest's transforms do not reach
// worker threads. The main thread blocks in Atomics.wait while a request is pending, so its own event
// loop cannot read the child's stdout; this thread's loop does, and forwards everything.
//
// Messages from the main thread: {type: 'start'}, {type: 'send', line}, {type: 'kill'},
// {type: 'close', graceMs}. Messages to the main thread (each tagged with the child's generation
// `gen`, so that a late line from a killed child is never taken for a reply of its successor):
// {type: 'started', pid}, {type: 'spawn-error', message}, {type: 'line', text}, {type: 'stderr', text},
// {type: 'exit', code, signal}, {type: 'closed'}. After every post the shared counter flag[0] is
// incremented and notified, so the main thread can wait for "a new message" with a time limit and
// collect it with receiveMessageOnPort.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { workerData } from 'node:worker_threads';

const { command, cwd, port, flag } = workerData;

let child;
let gen = 0;
let exited = true;

function post(msg) {
  port.postMessage({ ...msg, gen });
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

/** Kills the child's whole process group (the shell and whatever it started). */
function killGroup(c) {
  if (c === undefined || c.pid === undefined) return;
  try {
    process.kill(-c.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already.
  }
  try {
    c.kill('SIGKILL');
  } catch {
    // already dead
  }
}

function start() {
  if (child !== undefined && !exited) killGroup(child);
  gen++;
  exited = false;
  let c;
  try {
    // detached: the child leads its own process group, so killing -pid also ends a program the
    // shell started instead of exec-ing it.
    c = spawn(command, { shell: true, detached: true, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    exited = true;
    post({ type: 'spawn-error', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  child = c;
  const myGen = gen;
  c.on('error', (e) => {
    if (myGen !== gen) return;
    post({ type: 'spawn-error', message: e.message });
  });
  // A write to a child that has died fails with EPIPE; the 'exit' message reports the death.
  c.stdin.on('error', () => {});
  createInterface({ input: c.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (text) => {
    if (myGen === gen) post({ type: 'line', text });
  });
  createInterface({ input: c.stderr, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (text) => {
    if (myGen === gen) post({ type: 'stderr', text });
  });
  // 'close' comes after the child's stdout and stderr have ended, so its last lines arrive first.
  c.on('close', (code, signal) => {
    if (myGen !== gen) return;
    exited = true;
    post({ type: 'exit', code, signal });
  });
  if (c.pid !== undefined) post({ type: 'started', pid: c.pid });
}

port.on('message', (msg) => {
  if (msg.type === 'start') start();
  else if (msg.type === 'send') {
    if (child !== undefined && !exited) child.stdin.write(`${msg.line}\n`);
  } else if (msg.type === 'kill') {
    killGroup(child);
  } else if (msg.type === 'close') {
    const c = child;
    const finish = () => {
      killGroup(c);
      post({ type: 'closed' });
      port.close();
    };
    if (c === undefined || exited) {
      finish();
      return;
    }
    // End of input asks a well-behaved subject to exit; whatever is still alive after the grace
    // period is killed.
    c.stdin.end();
    const timer = setTimeout(finish, msg.graceMs);
    c.on('exit', () => {
      clearTimeout(timer);
      finish();
    });
  }
});
