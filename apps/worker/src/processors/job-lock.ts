import type { Worker } from 'bullmq';

/**
 * Sets a BullMQ worker's hold on its jobs (QUEUE_LOCK_MS) before it runs: the hold is renewed at
 * half that while the job runs, and jobs whose worker died (their hold ran out) are looked for as
 * often. The options are read when the worker starts and as it takes each job.
 */
export function holdJobsFor(worker: Worker, lockMs: number): void {
  worker.opts.lockDuration = lockMs;
  worker.opts.lockRenewTime = Math.floor(lockMs / 2);
  worker.opts.stalledInterval = lockMs;
}
