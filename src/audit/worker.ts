/**
 * A worker-thread task for `lossproof audit --workers N`: runs one shard of the audit and reports
 * progress through a MessagePort. Loaded by piscina: compiled JavaScript from dist/, or the TypeScript
 * source through tsx in a checkout of the repository.
 */
import type { MessagePort } from 'node:worker_threads';
import { type AuditReport, ownSubjects, runAudit } from './run.ts';

export interface WorkerTask {
  impls: ('float64' | 'float32' | 'naive')[];
  ids?: string[];
  samples: number;
  seed: number;
  maxK: number;
  climbEvaluations: number;
  shard: { index: number; count: number };
  /** Receives {item, samples} when a work item starts and a number (samples done) periodically. */
  port?: MessagePort;
}

export default function auditShard(task: WorkerTask): AuditReport {
  let pending = 0;
  const flush = () => {
    if (pending > 0) task.port?.postMessage(pending);
    pending = 0;
  };
  const report = runAudit(ownSubjects(task.impls), {
    ...(task.ids === undefined ? {} : { ids: task.ids }),
    samples: task.samples,
    seed: task.seed,
    maxK: task.maxK,
    climbEvaluations: task.climbEvaluations,
    shard: task.shard,
    onItemStart: (item, samples) => {
      flush();
      task.port?.postMessage({ item, samples });
    },
    onSample: () => {
      if (++pending >= 25) flush();
    },
  });
  flush();
  task.port?.close();
  return report;
}
