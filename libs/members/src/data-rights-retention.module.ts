import { Module } from '@nestjs/common';
import { AddressTokenRepository } from './address-token.repository';
import { DataRightsRetention } from './data-rights-retention';
import { MemberRepository } from './member.repository';
import { MemberTokenRepository } from './member-token.repository';
import { MemberRetention } from './member-retention';

/** For the worker's schedule and the CLI's retention command: the members library's rules. */
@Module({
  providers: [
    AddressTokenRepository,
    DataRightsRetention,
    MemberRepository,
    MemberRetention,
    MemberTokenRepository,
  ],
  exports: [DataRightsRetention, MemberRetention],
})
export class DataRightsRetentionModule {}
