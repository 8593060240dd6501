import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BranchesModule } from '@app/branches';
import { MailModule } from '@app/mail';
import { MembersModule } from '@app/members';
import { Commitment } from './commitment.entity';
import { PledgeDecision } from './pledge-decision.entity';
import { PledgeRenewalsService } from './pledge-renewals.service';
import { Pledge } from './pledge.entity';
import { PledgePagesController } from './pages/pledge-pages.controller';
import { VenuePagesController } from './pages/venue-pages.controller';
import { PledgesPersonalData } from './pledges-personal-data';
import { PledgesResolver } from './pledges.resolver';
import { PledgesService } from './pledges.service';
import { Venue } from './venue.entity';

const ENTITIES = [Commitment, Venue, Pledge, PledgeDecision];

@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), BranchesModule, MembersModule, MailModule],
  controllers: [PledgePagesController, VenuePagesController],
  providers: [PledgesService, PledgesResolver, PledgesPersonalData],
  exports: [PledgesService],
})
export class PledgesModule {}

/** For the worker: renewal reminders and lapsing. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), MailModule],
  providers: [PledgeRenewalsService],
  exports: [PledgeRenewalsService],
})
export class PledgeSchedulesModule {}
