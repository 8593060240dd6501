import { Injectable } from '@nestjs/common';
import { AppConfig, RetentionReport, RetentionTask } from '@app/core';
import { PledgeRepository } from './pledge.repository';

/** A venue pledge its owner never confirmed is deleted after UNCONFIRMED_RETENTION_DAYS. */
@Injectable()
export class PledgeRetention implements RetentionTask {
  constructor(
    private readonly pledges: PledgeRepository,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<RetentionReport> {
    return {
      unconfirmedPledgesDeleted: await this.pledges.deleteUnconfirmed(this.config.retention.unconfirmedDays),
    };
  }
}
