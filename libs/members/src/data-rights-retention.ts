import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RetentionReport, RetentionTask } from '@app/core';
import { AddressTokenRepository } from './address-token.repository';
import { MemberTokenRepository } from './member-token.repository';

/**
 * Data-rights links for addresses hold the address: they go once expired. Members' emailed links
 * (confirm, sign-in to a record, unsubscribe, download) go once expired or spent: none is read again.
 */
@Injectable()
export class DataRightsRetention implements RetentionTask {
  constructor(
    private readonly tokens: AddressTokenRepository,
    private readonly memberTokens: MemberTokenRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(): Promise<RetentionReport> {
    return {
      expiredAddressLinksDeleted: await this.tokens.deleteExpired(),
      spentMemberLinksDeleted: await this.memberTokens.deleteSpent(this.dataSource.manager),
    };
  }
}
