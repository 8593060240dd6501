import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AuthModule } from '@app/auth';
import { QUEUE_NAMES } from '@app/core';
import { MailModule, OutboxRepository } from '@app/mail';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { OperationsQueues } from './operations-queues';
import { QueueDashboard } from './queue-dashboard';

/** The api's operations surface: /metrics and the queue dashboard (mounted by the api's bootstrap). */
@Module({
  // Every queue is registered here to be read (one that another module registers too is only a
  // second handle on the same Redis keys).
  imports: [AuthModule, MailModule, BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name })))],
  controllers: [MetricsController],
  providers: [
    Metrics,
    {
      provide: OperationsQueues,
      useFactory: (...queues: Queue[]) => new OperationsQueues(queues),
      inject: QUEUE_NAMES.map((name) => getQueueToken(name)),
    },
    OutboxRepository,
    QueueDashboard,
  ],
  exports: [Metrics, QueueDashboard],
})
export class OperationsModule {}
