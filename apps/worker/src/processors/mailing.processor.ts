import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import {
  AppConfig,
  InstallationIdentity,
  InstallationRegistry,
  MAILING_QUEUE,
  MailingJob,
  SendMailingPayload,
} from '@app/core';
import { MailingSender } from '@app/mailings';
import { holdJobsFor } from './job-lock';

/** A job of another installation goes back to the queue for this long, for its own worker to take. */
const FOREIGN_JOB_DELAY_MS = 1000;

/**
 * Sends mailings: each mailing's one job writes a batch of its mail into the outbox, then waits
 * (delayed, not finished) while the mail queue sends it, and runs again, until the mailing is
 * finished, paused or cancelled. A worker stopped mid-step leaves the job to be run again (stalled
 * jobs are retried); every step reads its state from Postgres.
 */
@Processor(MAILING_QUEUE, { concurrency: 2, autorun: false })
export class MailingProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sender: MailingSender,
    private readonly installation: InstallationIdentity,
    private readonly registry: InstallationRegistry,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    holdJobsFor(this.worker, this.config.mail.queueLockMs);
    void this.worker.run();
  }

  async process(job: Job<SendMailingPayload>, token?: string): Promise<unknown> {
    switch (job.name) {
      case MailingJob.Send: {
        const install = await this.installation.id();
        if (job.data.install && job.data.install !== install) {
          await this.registry.noteForeignJob(job.data.install, job.id);
          await job.moveToDelayed(Date.now() + FOREIGN_JOB_DELAY_MS, token);
          throw new DelayedError();
        }
        const step = await this.sender.step(job.data.mailingId);
        if (step.done) {
          return 'done';
        }
        await job.moveToDelayed(Date.now() + step.delayMs, token);
        throw new DelayedError();
      }
      default:
        throw new Error(`Unknown mailing job ${job.name}`);
    }
  }
}
