import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import {
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
import { LetterDeliveryModule } from '@app/letters';
import { MailDeliveryModule } from '@app/mail';
import { MIGRATIONS } from '@app/migrations';
import { HealthChecksModule, RetentionModule } from '@app/operations';
import { PetitionSchedulesModule } from '@app/petitions';
import { PledgeSchedulesModule } from '@app/pledges';
import { WorkerHealthServer } from './health-server';
import { MailProcessor } from './processors/mail.processor';
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
    BullModule.registerQueue({ name: SCHEDULE_QUEUE }),
    MailDeliveryModule,
    LetterDeliveryModule,
    EventSchedulesModule,
    PetitionSchedulesModule,
    PledgeSchedulesModule,
    RetentionModule,
    HealthChecksModule.forRoot(MIGRATIONS),
  ],
  providers: [MailProcessor, ScheduleProcessor, WorkerHealthServer],
})
export class WorkerModule {}
