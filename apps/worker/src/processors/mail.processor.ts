import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, Queue } from 'bullmq';
import {
  AppConfig,
  DeliverMailPayload,
  InstallationIdentity,
  InstallationRegistry,
  JobSchedules,
  MAIL_QUEUE,
  MailJob,
} from '@app/core';
import { MailDeliveryService, OutboxService } from '@app/mail';
import { holdJobsFor } from './job-lock';

/** A job of another installation goes back to the queue for this long, for its own worker to take. */
const FOREIGN_JOB_DELAY_MS = 1000;

/**
 * Sends outbox mail, and sweeps the outbox on a schedule for rows that never reached the queue.
 * Starts only once the global rate (MAIL_RATE_PER_SECOND, shared by every worker through Redis) is set.
 * Never completes another installation's job (two installations sharing a Redis prefix by mistake):
 * it leaves it in the queue and says so.
 */
@Processor(MAIL_QUEUE, { concurrency: 5, autorun: false })
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly schedules: JobSchedules;

  constructor(
    private readonly delivery: MailDeliveryService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly installation: InstallationIdentity,
    private readonly registry: InstallationRegistry,
    @InjectQueue(MAIL_QUEUE) queue: Queue,
  ) {
    super();
    this.schedules = new JobSchedules(queue, () => [
      { name: MailJob.Sweep, everyMs: this.config.mail.sweepIntervalMs },
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    // The limiter is read by each fetch, so it can be set here from the validated configuration.
    this.worker.opts.limiter = { max: this.config.mail.ratePerSecond, duration: 1000 };
    holdJobsFor(this.worker, this.config.mail.queueLockMs);
    void this.worker.run();
    // The sweep was once scheduled under a bare name; now each installation has its own.
    await this.schedules.start(() => this.installation.id(), ['outbox-sweep']);
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job<DeliverMailPayload>, token?: string): Promise<unknown> {
    switch (job.name) {
      case MailJob.Deliver: {
        const install = await this.installation.id();
        if (job.data.install && job.data.install !== install) {
          // Completing it here would lose it (its outbox row is in the other installation's database).
          await this.registry.noteForeignJob(job.data.install, job.id);
          await job.moveToDelayed(Date.now() + FOREIGN_JOB_DELAY_MS, token);
          throw new DelayedError();
        }
        const outcome = await this.delivery.deliver(job.data.outboxId, job.data.slot);
        if (typeof outcome === 'object') {
          // Its paced turn, or its next try after a temporary failure: the job waits (keeping its
          // reserved slot) and is not failed, however long the SMTP server stays away.
          if (outcome.slot !== undefined && outcome.slot !== job.data.slot) {
            await job.updateData({ ...job.data, slot: outcome.slot });
          }
          await job.moveToDelayed(outcome.notBefore, token);
          throw new DelayedError();
        }
        return outcome;
      }
      case MailJob.Sweep:
        return this.outbox.sweep();
      default:
        throw new Error(`Unknown mail job ${job.name}`);
    }
  }
}
