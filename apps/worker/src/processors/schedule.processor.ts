import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { Logger } from 'nestjs-pino';
import {
  AppConfig,
  InstallationIdentity,
  JobSchedules,
  RepeatGuard,
  RETENTION_INTERVAL_MS,
  SCHEDULE_QUEUE,
  ScheduleJob,
  ScheduleJobName,
} from '@app/core';
import { RemindersService } from '@app/events';
import { LetterDigestsService, LetterQuestionnairesService } from '@app/letters';
import { RetentionTasks } from '@app/operations';
import { MailingSender } from '@app/mailings';
import { ClientAddressRetention } from '@app/petitions';
import { PledgeRenewalsService } from '@app/pledges';

/** Work that comes due with time. Each run reads the database, so a missed run loses nothing. */
@Processor(SCHEDULE_QUEUE, { concurrency: 1 })
export class ScheduleProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly schedules: JobSchedules;

  constructor(
    private readonly reminders: RemindersService,
    private readonly addresses: ClientAddressRetention,
    private readonly pledges: PledgeRenewalsService,
    private readonly retention: RetentionTasks,
    private readonly logger: Logger,
    private readonly mailings: MailingSender,
    private readonly questionnaires: LetterQuestionnairesService,
    private readonly digests: LetterDigestsService,
    private readonly config: AppConfig,
    private readonly installation: InstallationIdentity,
    private readonly repeatGuard: RepeatGuard,
    @InjectQueue(SCHEDULE_QUEUE) queue: Queue,
  ) {
    super();
    this.schedules = new JobSchedules(queue, () =>
      Object.values(ScheduleJob).map((name) => ({
        name,
        everyMs:
          name === ScheduleJob.Retention ? RETENTION_INTERVAL_MS : this.config.events.scheduleIntervalMs,
      })),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    // Schedules were once shared by bare name; now each installation has its own.
    await this.schedules.start(() => this.installation.id(), Object.values(ScheduleJob));
  }

  onApplicationShutdown(): void {
    this.schedules.stop();
  }

  async process(job: Job<unknown, unknown, ScheduleJobName>): Promise<unknown> {
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
        return this.repeatGuard.forgetOld();
      case ScheduleJob.Retention: {
        const report = await this.retention.run();
        // Counts only: what each rule removed, never whose.
        this.logger.log(`Retention rules applied: ${JSON.stringify(report)}`);
        return report;
      }
      case ScheduleJob.Mailings:
        return this.mailings.sweep();
      case ScheduleJob.LetterQuestionnaires:
        return this.questionnaires.run();
      case ScheduleJob.LetterDigests:
        return this.digests.send();
      default: {
        // Every name is handled above (the type says so); a job from a newer version waits for it.
        const unknown: never = job.name;
        throw new Error(`Unknown scheduled job ${String(unknown)}`);
      }
    }
  }
}
