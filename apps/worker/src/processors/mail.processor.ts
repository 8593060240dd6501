import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Job, Queue } from 'bullmq';
import { AppConfig, DeliverMailPayload, MAIL_QUEUE, MailJob } from '@app/core';
import { MailDeliveryService, OutboxService } from '@app/mail';

/**
 * Sends outbox mail, and sweeps the outbox on a schedule for rows that never reached the queue.
 * Starts only once the global rate (MAIL_RATE_PER_SECOND, shared by every worker through Redis) is set.
 */
@Processor(MAIL_QUEUE, { concurrency: 5, autorun: false })
export class MailProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private refresh?: NodeJS.Timeout;

  constructor(
    private readonly delivery: MailDeliveryService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // The limiter is read by each fetch, so it can be set here from the validated configuration.
    this.worker.opts.limiter = { max: this.config.mail.ratePerSecond, duration: 1000 };
    void this.worker.run();
    await this.ensureSchedules();
    // Again every minute: if Redis lost its data while the worker ran, the schedule comes back.
    this.refresh = setInterval(() => void this.ensureSchedules().catch(() => undefined), 60_000);
    this.refresh.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.refresh);
  }

  private async ensureSchedules(): Promise<void> {
    // One schedule however many workers run: upserting by id replaces, never duplicates.
    await this.queue.upsertJobScheduler(
      'outbox-sweep',
      { every: this.config.mail.sweepIntervalMs },
      { name: MailJob.Sweep, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  async process(job: Job<DeliverMailPayload>, token?: string): Promise<unknown> {
    switch (job.name) {
      case MailJob.Deliver: {
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
