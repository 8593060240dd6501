import { Injectable } from '@nestjs/common';
import { AppConfig, RetentionReport, RetentionTask } from '@app/core';
import { LetterRepository } from './letter.repository';

/**
 * Letters are kept with their writer's words and details only as long as needed: unconfirmed ones
 * for UNCONFIRMED_RETENTION_DAYS, delivered ones for LETTER_RETENTION_DAYS after sending (as
 * WriteToThem does); what was sent to whom, and when, stays for the campaign's figures.
 */
@Injectable()
export class LetterRetention implements RetentionTask {
  constructor(
    private readonly letters: LetterRepository,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<RetentionReport> {
    const { unconfirmedDays, letterDays } = this.config.retention;
    return {
      unconfirmedLettersDeleted: await this.letters.deleteUnconfirmed(unconfirmedDays),
      lettersScrubbed: await this.letters.scrubDelivered(letterDays),
    };
  }
}
