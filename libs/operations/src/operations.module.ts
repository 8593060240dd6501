import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { MAIL_QUEUE, SCHEDULE_QUEUE } from '@app/core';
import { OutboxRepository } from '@app/mail';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { QueueDashboard } from './queue-dashboard';

/** The api's operations surface: /metrics and the queue dashboard (mounted by the api's bootstrap). */
@Module({
  imports: [AuthModule, BullModule.registerQueue({ name: MAIL_QUEUE }, { name: SCHEDULE_QUEUE })],
  controllers: [MetricsController],
  providers: [Metrics, OutboxRepository, QueueDashboard],
  exports: [Metrics, QueueDashboard],
})
export class OperationsModule {}
