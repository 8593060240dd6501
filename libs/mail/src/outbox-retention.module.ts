import { Module } from '@nestjs/common';
import { OutboxRetention } from './outbox-retention';
import { OutboxRepository } from './outbox.repository';

/** For the worker's schedule and the CLI's retention command. */
@Module({ providers: [OutboxRepository, OutboxRetention], exports: [OutboxRetention] })
export class OutboxRetentionModule {}
