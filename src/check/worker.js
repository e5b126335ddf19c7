// The worker thread of `lossproof check`: loads the user's module and calls its exports on request.
//
// Plain JavaScript with Node built-ins only, so it runs in a bare worker thread with no TypeScript
// loader (the CLI's tsx hooks and vitest's transforms do not reach worker threads). Protocol, over
// the MessagePort in workerData (see bridge.ts): every message posted back is followed by a store
// of 1 into the shared Int32Array and an Atomics.notify, so the main thread can wait for it
// synchronously with a time limit (Atomics.wait) and collect it with receiveMessageOnPort.
import { workerData } from 'node:worker_threads';

const { url, port, flag } = workerData;

function signal() {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function describe(e) {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `threw a non-Error value: ${String(e)}`;
}

let mod;
try {
  mod = await import(url);
} catch (e) {
  port.postMessage({ type: 'load-error', message: describe(e) });
  signal();
  port.close();
}

if (mod !== undefined) {
  const functions = [];
  const others = [];
  for (const name of Object.keys(mod)) (typeof mod[name] === 'function' ? functions : others).push(name);
  port.postMessage({ type: 'loaded', functions, others });
  signal();

  port.on('message', (msg) => {
    let reply;
    try {
      const value = mod[msg.name](...msg.args);
      if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
        // A Promise cannot be cloned, and an async implementation is not a float kernel.
        reply = { ok: false, error: 'returned a Promise; check audits synchronous functions' };
      } else {
        reply = { ok: true, value };
      }
    } catch (e) {
      reply = { ok: false, error: describe(e) };
    }
    try {
      port.postMessage(reply);
    } catch {
      // The value could not be structured-cloned (a function, a symbol, ...): a wrong shape.
      port.postMessage({ ok: false, error: `returned a value of type ${typeof reply.value} that is not a number` });
    }
    signal();
  });
}
