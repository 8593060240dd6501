import { Module } from '@nestjs/common';
import { AddressTokenRepository } from './address-token.repository';
import { DataRightsRetention } from './data-rights-retention';

/** For the worker's schedule and the CLI's retention command. */
@Module({ providers: [AddressTokenRepository, DataRightsRetention], exports: [DataRightsRetention] })
export class DataRightsRetentionModule {}
