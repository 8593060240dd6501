import { Injectable } from '@nestjs/common';
import { AppConfig, RetentionReport, RetentionTask } from '@app/core';
import { OutboxRepository } from './outbox.repository';

/** Mail loses its recipient and content OUTBOX_RETENTION_DAYS after it was sent. */
@Injectable()
export class OutboxRetention implements RetentionTask {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<RetentionReport> {
    return { outboxScrubbed: await this.outbox.scrubFinished(this.config.retention.outboxDays) };
  }
}
