import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { SCHEDULE_QUEUE } from '@app/core';
import { MailModule, OutboxRepository } from '@app/mail';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { QueueDashboard } from './queue-dashboard';

/** The api's operations surface: /metrics and the queue dashboard (mounted by the api's bootstrap). */
@Module({
  // The mail queue is MailModule's; the schedule queue (the worker's) is registered here to be read.
  imports: [AuthModule, MailModule, BullModule.registerQueue({ name: SCHEDULE_QUEUE })],
  controllers: [MetricsController],
  providers: [Metrics, OutboxRepository, QueueDashboard],
  exports: [Metrics, QueueDashboard],
})
export class OperationsModule {}
