import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig, DeliverMailPayload, MAIL_QUEUE, MailJob } from '@app/core';
import { MailDeliveryService, OutboxService } from '@app/mail';

/** Sends outbox mail, and sweeps the outbox on a schedule for rows that never reached the queue. */
@Processor(MAIL_QUEUE, { concurrency: 5 })
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

  async process(job: Job<DeliverMailPayload>): Promise<unknown> {
    switch (job.name) {
      case MailJob.Deliver:
        return this.delivery.deliver(job.data.outboxId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
      case MailJob.Sweep:
        return this.outbox.sweep();
      default:
        throw new Error(`Unknown mail job ${job.name}`);
    }
  }
}
