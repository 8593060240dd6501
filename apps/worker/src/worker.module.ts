import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import {
  AuditModule,
  CoreConfigModule,
  DatabaseModule,
  InstallationRegistryModule,
  LoggingModule,
  QueueModule,
  RedisModule,
  SCHEDULE_QUEUE,
  SecurityModule,
} from '@app/core';
import { EventSchedulesModule } from '@app/events';
import { LetterDeliveryModule, LetterSchedulesModule } from '@app/letters';
import { MailDeliveryModule } from '@app/mail';
import { MIGRATIONS } from '@app/migrations';
import { HealthChecksModule, RetentionModule } from '@app/operations';
import { MailingDeliveryModule } from '@app/mailings';
import { PetitionSchedulesModule } from '@app/petitions';
import { PledgeSchedulesModule } from '@app/pledges';
import { WorkerHealthServer } from './health-server';
import { MailProcessor } from './processors/mail.processor';
import { MailingProcessor } from './processors/mailing.processor';
import { ScheduleProcessor } from './processors/schedule.processor';

@Module({
  imports: [
    CoreConfigModule,
    LoggingModule,
    DatabaseModule.forRoot(),
    QueueModule,
    RedisModule,
    SecurityModule,
    InstallationRegistryModule,
    // Mailings record in the audit log when they start on schedule or pause themselves.
    AuditModule,
    BullModule.registerQueue({ name: SCHEDULE_QUEUE }),
    MailDeliveryModule,
    LetterDeliveryModule,
    LetterSchedulesModule,
    MailingDeliveryModule,
    EventSchedulesModule,
    PetitionSchedulesModule,
    PledgeSchedulesModule,
    RetentionModule,
    HealthChecksModule.forRoot(MIGRATIONS),
  ],
  providers: [MailProcessor, MailingProcessor, ScheduleProcessor, WorkerHealthServer],
})
export class WorkerModule {}
