import { Module } from '@nestjs/common';
import { PledgeRetention } from './pledge-retention';
import { PledgeRepository } from './pledge.repository';

/** For the worker's schedule and the CLI's retention command. */
@Module({ providers: [PledgeRepository, PledgeRetention], exports: [PledgeRetention] })
export class PledgeRetentionModule {}
