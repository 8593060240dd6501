import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Logger } from 'nestjs-pino';
import {
  AppConfig,
  forgetRecentRequests,
  InstallationIdentity,
  RETENTION_INTERVAL_MS,
  SCHEDULE_QUEUE,
  ScheduleJob,
} from '@app/core';
import { RemindersService } from '@app/events';
import { RetentionTasks } from '@app/operations';
import { MailingSender } from '@app/mailings';
import { ClientAddressRetention } from '@app/petitions';
import { PledgeRenewalsService } from '@app/pledges';

/** Work that comes due with time. Each run reads the database, so a missed run loses nothing. */
@Processor(SCHEDULE_QUEUE, { concurrency: 1 })
export class ScheduleProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private refresh?: NodeJS.Timeout;

  constructor(
    private readonly reminders: RemindersService,
    private readonly addresses: ClientAddressRetention,
    private readonly pledges: PledgeRenewalsService,
    private readonly retention: RetentionTasks,
    private readonly logger: Logger,
    private readonly mailings: MailingSender,
    private readonly config: AppConfig,
    private readonly installation: InstallationIdentity,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(SCHEDULE_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // Schedules were once shared by name; now each installation has its own.
    for (const name of Object.values(ScheduleJob)) {
      await this.queue.removeJobScheduler(name);
    }
    await this.ensureSchedules();
    // Again every minute: if Redis lost its data while the worker ran, the schedule comes back.
    this.refresh = setInterval(() => void this.ensureSchedules().catch(() => undefined), 60_000);
    this.refresh.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.refresh);
  }

  private async ensureSchedules(): Promise<void> {
    const install = await this.installation.id();
    for (const name of Object.values(ScheduleJob)) {
      const every =
        name === ScheduleJob.Retention ? RETENTION_INTERVAL_MS : this.config.events.scheduleIntervalMs;
      // One per installation (whichever worker runs it does its own installation's work), so
      // installations that share a Redis prefix by mistake each keep their schedule.
      await this.queue.upsertJobScheduler(
        `${name}:${install}`,
        { every },
        { name, opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
    }
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case ScheduleJob.EventReminders:
        return this.reminders.sendDueReminders();
      case ScheduleJob.CertificateRefreshers:
        return this.reminders.sendRefreshers();
      case ScheduleJob.ForgetClientAddresses:
        return this.addresses.forgetOld();
      case ScheduleJob.PledgeRenewals:
        return this.pledges.run();
      case ScheduleJob.ForgetRecentRequests:
        return forgetRecentRequests(this.dataSource.manager, this.config.repeatWindowMs);
      case ScheduleJob.Retention: {
        const report = await this.retention.run();
        // Counts only: what each rule removed, never whose.
        this.logger.log(`Retention rules applied: ${JSON.stringify(report)}`);
        return report;
      }
      case ScheduleJob.Mailings:
        return this.mailings.sweep();
      default:
        throw new Error(`Unknown scheduled job ${job.name}`);
    }
  }
}
