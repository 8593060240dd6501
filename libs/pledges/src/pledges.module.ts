import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MailModule } from '@app/mail';
import { MemberRepository, MembersModule } from '@app/members';
import { Commitment } from './commitment.entity';
import { CommitmentRepository } from './commitment.repository';
import { CommitmentsService } from './commitments.service';
import { PledgeDecision } from './pledge-decision.entity';
import { PledgeDirectoryService } from './pledge-directory.service';
import { PledgeRenewalsService } from './pledge-renewals.service';
import { PledgeVerificationService } from './pledge-verification.service';
import { Pledge } from './pledge.entity';
import { PledgeRepository } from './pledge.repository';
import { PledgesPersonalData } from './pledges-personal-data';
import { PledgesResolver } from './pledges.resolver';
import { PledgesService } from './pledges.service';
import { Venue } from './venue.entity';
import { VenueRepository } from './venue.repository';

const ENTITIES = [Commitment, Venue, Pledge, PledgeDecision];

@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), BranchesModule, MembersModule, MailModule],
  providers: [
    CommitmentRepository,
    PledgeRepository,
    VenueRepository,
    CommitmentsService,
    PledgesService,
    PledgeVerificationService,
    PledgeDirectoryService,
    PledgesResolver,
    PledgesPersonalData,
  ],
  exports: [PledgesService, CommitmentsService, PledgeVerificationService, PledgeDirectoryService],
})
export class PledgesModule {}

/** For the worker: renewal reminders and lapsing. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), MailModule],
  // The members library's repository only (owners' addresses), not its module and what that brings.
  providers: [PledgeRepository, VenueRepository, MemberRepository, PledgeRenewalsService],
  exports: [PledgeRenewalsService],
})
export class PledgeSchedulesModule {}
