import { Injectable } from '@nestjs/common';
import { RetentionReport, RetentionTask } from '@app/core';
import { AddressTokenRepository } from './address-token.repository';

/** Data-rights links for addresses hold the address: they go once expired. */
@Injectable()
export class DataRightsRetention implements RetentionTask {
  constructor(private readonly tokens: AddressTokenRepository) {}

  async run(): Promise<RetentionReport> {
    return { expiredAddressLinksDeleted: await this.tokens.deleteExpired() };
  }
}
